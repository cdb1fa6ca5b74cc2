package org.mnistablation.notebook;

import java.util.Locale;
import org.mnistablation.train.EpochStats;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;
import org.mnistablation.train.History;
import org.mnistablation.train.TrainingProgress;

/**
 * Keras-style progress in a notebook: one line per run updated in place while it trains (epoch k/N, batch
 * progress bar, running loss/accuracy, seconds), and one summary line per finished epoch that stays in the saved
 * notebook. Updates are throttled so a headless run does not flood the output; outside a kernel the epoch lines
 * go to stdout.
 */
public final class NotebookProgress implements TrainingProgress {

    private static final long UPDATE_NANOS = 500_000_000L;

    private final NotebookDisplay display;
    private final String label;
    private final StringBuilder epochLines = new StringBuilder();
    private String id;
    private String head;
    private int maxEpochs;
    private long lastUpdate;

    public NotebookProgress(NotebookDisplay display, String label) {
        this.display = display;
        this.label = label;
    }

    @Override
    public void onStart(RunConfig config, int stepsPerEpoch, Engine.Choice engine) {
        maxEpochs = config.epochs();
        head = "Training " + label + " on the " + engine.describe() + ": " + stepsPerEpoch + " steps per epoch";
        if (display.inKernel()) {
            id = display.show(text(head + "\n(starting)"));
        } else {
            System.out.println(head);
        }
        lastUpdate = System.nanoTime();
    }

    @Override
    public void onBatch(int epoch, int step, int steps, double loss, double acc, double seconds) {
        long now = System.nanoTime();
        if (id == null || (now - lastUpdate < UPDATE_NANOS && step != steps)) {
            return;
        }
        lastUpdate = now;
        int width = 30;
        int done = (int) ((long) step * width / steps);
        String bar = "=".repeat(done) + (done < width ? ">" : "") + ".".repeat(Math.max(0, width - done - 1));
        String live = String.format(Locale.ROOT, "Epoch %d/%d %5d/%d [%s] %.1fs - loss: %.4f - accuracy: %.4f",
                epoch, maxEpochs, step, steps, bar, seconds, loss, acc);
        display.update(id, text(head + "\n" + epochLines + live));
    }

    @Override
    public void onEpochEnd(EpochStats s, int max) {
        String line = String.format(Locale.ROOT,
                "Epoch %d/%d - %.1fs - loss: %.4f - accuracy: %.4f - val_loss: %.4f - val_accuracy: %.4f",
                s.epoch(), max, s.seconds(), s.loss(), s.accuracy(), s.valLoss(), s.valAccuracy());
        epochLines.append(line).append('\n');
        if (id != null) {
            display.update(id, text(head + "\n" + epochLines));
        } else {
            System.out.println(line);
        }
    }

    @Override
    public void onEnd(History h) {
        String end = (h.stoppedEarly() ? "EarlyStopping stopped training after epoch " + h.epochsRun() + "; " : "")
                + "lowest val_loss at epoch " + h.bestEpoch()
                + (h.restoredBest() ? "; its weights were restored (restore_best_weights=True)" : "; the model keeps the last epoch's weights");
        if (id != null) {
            display.update(id, text(head + "\n" + epochLines + end));
        } else {
            System.out.println(end);
        }
    }

    private Object text(String s) {
        return display.rich(s, "<pre>" + escape(s) + "</pre>", null);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
