package org.mnistablation.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;
import org.mnistablation.train.TrainingProgress;

/**
 * Keras-style progress of one {@code fit} cell in a notebook: ONE display for all the seeds it trains, holding a
 * heading, one line per training seed updated in place (epoch k/N, batch progress bar, running loss/accuracy,
 * seconds) and, once a seed has finished, its summary line (epochs run, time, the kept epoch's val_loss and
 * val_accuracy, what EarlyStopping did), which is what stays in the saved notebook.
 * <p>The seeds may train on other threads at the same time: each run reports to its own {@link #forRun receiver}
 * (any thread), and only the thread that created this object (the cell's thread, the only one a kernel's display
 * calls are reliable on) touches the display, in {@link #render()} — called by the runner while it waits, and by
 * the receivers themselves when the run trains on the cell's thread. Updates are throttled so a headless run does
 * not flood the output; outside a kernel, each seed's summary line goes to stdout.
 */
public final class NotebookProgress {

    private static final long UPDATE_NANOS = 500_000_000L;

    private final NotebookDisplay display;
    private final String label;
    private final Thread owner;
    private final List<Run> runs = new ArrayList<>();
    private final List<String> printQueue = new ArrayList<>();
    private String head;
    private String id;
    private String shown;
    private long lastUpdate;

    /** Progress of the fit labelled {@code label}, rendered on the calling thread. */
    public NotebookProgress(NotebookDisplay display, String label) {
        this.display = display;
        this.label = label;
        this.owner = Thread.currentThread();
    }

    /** The receiver of one run's progress (seeds are shown in the order their receivers were created). */
    public synchronized TrainingProgress forRun(RunConfig config) {
        Run r = new Run(config.seed());
        runs.add(r);
        return r;
    }

    /**
     * Shows the current state if it changed and the last update is at least half a second old (the first state and
     * a finished seed are shown at once). Only on the thread that created this object; elsewhere it does nothing.
     */
    public void render() {
        render(false);
    }

    /** Shows the final state now (after every run has returned). */
    public void finish() {
        render(true);
    }

    private void render(boolean force) {
        if (Thread.currentThread() != owner) {
            return;
        }
        String text;
        List<String> print;
        boolean urgent;
        synchronized (this) {
            print = new ArrayList<>(printQueue);
            printQueue.clear();
            if (head == null) {
                text = null;
                urgent = false;
            } else {
                StringBuilder sb = new StringBuilder(head);
                urgent = false;
                for (Run r : runs) {
                    sb.append('\n').append(r.line());
                    urgent |= r.changedState;
                    r.changedState = false;
                }
                text = sb.toString();
            }
        }
        if (!display.inKernel()) {
            print.forEach(System.out::println);
            return;
        }
        if (text == null || text.equals(shown)) {
            return;
        }
        long now = System.nanoTime();
        if (id == null) {
            id = display.show(text(text));
        } else if (force || urgent || now - lastUpdate >= UPDATE_NANOS) {
            display.update(id, text(text));
        } else {
            return;
        }
        shown = text;
        lastUpdate = now;
    }

    private Object text(String s) {
        return display.rich(s, "<pre>" + escape(s) + "</pre>", null);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** One seed's progress; its callbacks come from the thread training it. */
    private final class Run implements TrainingProgress {

        private final long seed;
        private String live = "waiting";
        private boolean changedState;
        private int maxEpochs;
        private int recorded;
        private long lastLive;

        Run(long seed) {
            this.seed = seed;
        }

        String line() {
            return "seed " + seed + ": " + live;
        }

        @Override
        public void onStart(RunConfig config, int stepsPerEpoch, Engine.Choice engine) {
            synchronized (NotebookProgress.this) {
                maxEpochs = config.epochs();
                if (head == null) {
                    head = "Training " + label + " on the " + engine.describe() + ": " + stepsPerEpoch
                            + " steps per epoch";
                    printQueue.add(head);
                }
                live = "starting";
                changedState = true;
            }
            render();
        }

        @Override
        public void onBatch(int epoch, int step, int steps, double loss, double acc, double seconds) {
            long now = System.nanoTime();
            if (now - lastLive < UPDATE_NANOS / 5 && step != steps) {
                return; // formatting the line costs more than a step of a small model
            }
            lastLive = now;
            int width = 30;
            int done = (int) ((long) step * width / steps);
            String bar = "=".repeat(done) + (done < width ? ">" : "") + ".".repeat(Math.max(0, width - done - 1));
            String text = String.format(Locale.ROOT, "Epoch %d/%d %5d/%d [%s] %.1fs - loss: %.4f - accuracy: %.4f",
                    epoch, maxEpochs, step, steps, bar, seconds, loss, acc);
            synchronized (NotebookProgress.this) {
                live = text;
            }
            render();
        }

        @Override
        public void onEpochEnd(EpochStats s, int max) {
            String line = String.format(Locale.ROOT,
                    "Epoch %d/%d - %.1fs - loss: %.4f - accuracy: %.4f - val_loss: %.4f - val_accuracy: %.4f",
                    s.epoch(), max, s.seconds(), s.loss(), s.accuracy(), s.valLoss(), s.valAccuracy());
            synchronized (NotebookProgress.this) {
                live = line;
                printQueue.add("seed " + seed + ": " + line);
            }
            render();
        }

        @Override
        public void onRecordedEpoch(EpochStats s, int max) {
            String line = String.format(Locale.ROOT,
                    "Epoch %d/%d - recorded - loss: %.4f - accuracy: %.4f - val_loss: %.4f - val_accuracy: %.4f",
                    s.epoch(), max, s.loss(), s.accuracy(), s.valLoss(), s.valAccuracy());
            synchronized (NotebookProgress.this) {
                recorded++;
                live = line;
                printQueue.add("seed " + seed + ": " + line);
            }
            render();
        }

        @Override
        public void onEnd(History h) {
            double seconds = h.epochs().stream().mapToDouble(EpochStats::seconds).sum();
            EpochStats kept = h.kept();
            String end = String.format(Locale.ROOT, "%d epoch%s in %.1fs", h.epochsRun(), h.epochsRun() == 1 ? "" : "s",
                    seconds)
                    + (recorded == 0 ? "" : String.format(Locale.ROOT, " (%d of them recorded by an earlier run of this "
                    + "model and seed, not trained again)", recorded))
                    + (h.stoppedEarly() ? " (EarlyStopping stopped it)" : "")
                    + "; lowest val_loss at epoch " + h.bestEpoch()
                    + (h.restoredBest() ? ", its weights restored" : "; the model keeps the last epoch's weights")
                    + String.format(Locale.ROOT, " - val_loss: %.4f - val_accuracy: %.4f", kept.valLoss(),
                    kept.valAccuracy());
            synchronized (NotebookProgress.this) {
                live = end;
                changedState = true;
                printQueue.add("seed " + seed + ": " + end);
            }
            render();
        }
    }
}
