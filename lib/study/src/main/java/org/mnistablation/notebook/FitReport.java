package org.mnistablation.notebook;

import java.util.Locale;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/**
 * The table a fit cell leaves below its progress: which model was trained (its widths, hidden layers and parameter
 * count, as {@code summary()} counts them), then one row per seed, with the epoch the kept model comes from.
 */
final class FitReport {

    private FitReport() {
    }

    static String markdown(Setting fit) {
        var model = fit.config().model();
        int hidden = model.dense().size() - 1;
        StringBuilder sb = new StringBuilder("**").append(fit.label()).append("**: ").append(fit.runs().size())
                .append(fit.runs().size() == 1 ? " seed" : " seeds")
                .append(String.format(Locale.ROOT, " of the %s model (%d hidden layer%s, %,d parameters)", model.sizes(),
                        hidden, hidden == 1 ? "" : "s", model.parameterCount()))
                .append("\n\n");
        sb.append("| seed | epochs run | kept weights | val_loss | val_accuracy | test accuracy | trained by | s/epoch |\n");
        sb.append("|---:|---:|---|---:|---:|---:|---|---:|\n");
        for (RunResult r : fit.runs()) {
            History h = r.history();
            EpochStats kept = h.kept();
            double seconds = h.epochs().stream().mapToDouble(EpochStats::seconds).sum() / h.epochsRun();
            sb.append(String.format(Locale.ROOT, "| %d | %d%s | %s | %.4f | %.4f | %.4f | %s | %.2f |%n",
                    r.config().seed(), h.epochsRun(), h.stoppedEarly() ? " (stopped early)" : "",
                    h.restoredBest() ? "epoch " + h.bestEpoch() + " (best, restored)" : "epoch " + h.epochsRun() + " (last)",
                    kept.valLoss(), kept.valAccuracy(), r.test().accuracy(),
                    r.engine().describe() + (r.fromCache() ? ", from the run cache" : ""), seconds));
        }
        return sb.toString();
    }
}
