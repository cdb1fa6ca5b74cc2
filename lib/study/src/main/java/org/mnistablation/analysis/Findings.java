package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Sentences built from compared measurements; nothing here states a result it was not given. */
public final class Findings {

    private Findings() {
    }

    /** The measured table every ablation shows: last epoch, best epoch, gap, test accuracy, time. */
    public static MarkdownTable table(List<RunSummary> runs) {
        MarkdownTable t = new MarkdownTable("setting", "epochs", "loss", "accuracy", "val_loss", "val_accuracy",
                "best epoch", "best val_loss", "gap (val_loss − loss)", "test accuracy", "s/epoch");
        for (RunSummary r : runs) {
            t.row(r.label(), r.epochsRun(), r.loss(), r.accuracy(), r.valLoss(), r.valAccuracy(), r.bestEpoch(),
                    r.bestValLoss(), r.lossGap(), r.testAccuracy(), String.format(java.util.Locale.ROOT, "%.1f", r.secondsPerEpoch()));
        }
        return t;
    }

    /** The runs ordered best first by {@code metric}. */
    public static List<RunSummary> rank(List<RunSummary> runs, ToDoubleFunction<RunSummary> metric, boolean lowerIsBetter) {
        List<RunSummary> sorted = new ArrayList<>(runs);
        Comparator<RunSummary> c = Comparator.comparingDouble(metric);
        sorted.sort(lowerIsBetter ? c : c.reversed());
        return sorted;
    }

    /**
     * "Lowest final validation loss: **A** (0.0712), then B (0.0750) and C (0.0801)." followed, when a noise
     * estimate is given, by whether the winner is separated from the runner-up.
     */
    public static String ranking(String what, List<RunSummary> runs, ToDoubleFunction<RunSummary> metric,
                                 boolean lowerIsBetter, boolean isAccuracy, Noise noise) {
        List<RunSummary> r = rank(runs, metric, lowerIsBetter);
        StringBuilder sb = new StringBuilder();
        sb.append(lowerIsBetter ? "Lowest " : "Highest ").append(what).append(": **").append(r.get(0).label())
                .append("** (").append(value(metric.applyAsDouble(r.get(0)), isAccuracy)).append(")");
        for (int i = 1; i < r.size(); i++) {
            sb.append(i == 1 ? ", then " : (i == r.size() - 1 ? " and " : ", ")).append(r.get(i).label()).append(" (")
                    .append(value(metric.applyAsDouble(r.get(i)), isAccuracy)).append(")");
        }
        sb.append('.');
        if (noise != null && r.size() > 1) {
            double a = metric.applyAsDouble(r.get(0));
            double b = metric.applyAsDouble(r.get(1));
            boolean differs = isAccuracy ? noise.accuracyDiffers(a, b) : noise.lossDiffers(a, b);
            double sd = isAccuracy ? noise.valAccuracyStd() : noise.valLossStd();
            sb.append(differs
                    ? " The lead over " + r.get(1).label() + " (" + show(Math.abs(a - b), isAccuracy)
                      + ") is larger than " + (int) Noise.MARGIN + "× the seed-to-seed standard deviation ("
                      + show(sd, isAccuracy) + "), so it is more than noise."
                    : " The difference to " + r.get(1).label() + " (" + show(Math.abs(a - b), isAccuracy)
                      + ") is within " + (int) Noise.MARGIN + "× the seed-to-seed standard deviation ("
                      + show(sd, isAccuracy) + "): at this budget the two are indistinguishable.");
        }
        return sb.toString();
    }

    /** A measured value: accuracies as percentages, losses with four decimals. */
    private static String value(double v, boolean isAccuracy) {
        return isAccuracy ? Fmt.pct(v) : Fmt.num(v);
    }

    /** A difference or spread: accuracies in percentage points, losses with four decimals. */
    private static String show(double v, boolean isAccuracy) {
        return isAccuracy ? Fmt.points(v) + " points" : Fmt.num(v);
    }

    /** The first epoch (from 1) where val_loss is at its minimum, and whether it rose afterwards. */
    public static String valLossMinimum(String label, org.mnistablation.train.History h) {
        int best = h.bestEpoch();
        double min = h.best().valLoss();
        double last = h.last().valLoss();
        if (best == h.epochsRun()) {
            return label + ": validation loss was still at its lowest in the last epoch (" + best + ", " + Fmt.num(min)
                    + "), so no overfitting shows within these epochs.";
        }
        boolean trainFell = h.last().loss() < h.best().loss();
        return label + ": validation loss bottomed out at epoch " + best + " (" + Fmt.num(min) + ") and ended at "
                + Fmt.num(last) + " after epoch " + h.epochsRun() + " (+" + Fmt.num(last - min) + ")"
                + (trainFell ? " while the training loss kept falling (" + Fmt.num(h.best().loss()) + " → "
                + Fmt.num(h.last().loss()) + "): past epoch " + best + " the model fits the training set better and the "
                + "validation set worse, i.e. it overfits."
                : "; the training loss did not fall further either (" + Fmt.num(h.best().loss()) + " → "
                + Fmt.num(h.last().loss()) + "), so this is noise rather than clear overfitting.");
    }
}
