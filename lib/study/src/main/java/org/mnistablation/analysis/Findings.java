package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
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
     * "Highest mean final validation accuracy (3 seeds): **A** (97.95% ± 0.10), then B (...) and C (...)." and whether
     * the leader's mean ± std interval separates from the runner-up's; with one seed, says the spread is unmeasured.
     */
    public static String ranking(String what, List<SeedSummary> runs, Function<SeedSummary, SeedSummary.Stat> metric,
                                 boolean lowerIsBetter, boolean isAccuracy) {
        List<SeedSummary> r = new ArrayList<>(runs);
        Comparator<SeedSummary> c = Comparator.comparingDouble(x -> metric.apply(x).mean());
        r.sort(lowerIsBetter ? c : c.reversed());
        int seeds = r.stream().mapToInt(SeedSummary::seeds).min().orElse(1);
        StringBuilder sb = new StringBuilder();
        sb.append(lowerIsBetter ? "Lowest " : "Highest ").append(seeds > 1 ? "mean " : "").append(what)
                .append(seeds > 1 ? " (" + seeds + " seeds)" : "").append(": **").append(r.get(0).label()).append("** (")
                .append(interval(metric.apply(r.get(0)), isAccuracy)).append(")");
        for (int i = 1; i < r.size(); i++) {
            sb.append(i == 1 ? ", then " : (i == r.size() - 1 ? " and " : ", ")).append(r.get(i).label()).append(" (")
                    .append(interval(metric.apply(r.get(i)), isAccuracy)).append(")");
        }
        sb.append('.');
        if (r.size() > 1) {
            SeedSummary.Stat a = metric.apply(r.get(0));
            SeedSummary.Stat b = metric.apply(r.get(1));
            if (a.mean() == b.mean()) {
                sb.append(" ").append(r.get(0).label()).append(" and ").append(r.get(1).label())
                        .append(" are tied (identical values: the runs may well be the same model).");
            } else if (seeds < 2) {
                sb.append(" One seed per setting: the spread between seeds is not measured, so a small lead may be noise.");
            } else if (a.separatedFrom(b)) {
                sb.append(" The mean ± std intervals of ").append(r.get(0).label()).append(" and ").append(r.get(1).label())
                        .append(" do not overlap: the lead (").append(show(Math.abs(a.mean() - b.mean()), isAccuracy))
                        .append(") is larger than the seed-to-seed spread.");
            } else {
                sb.append(" The mean ± std intervals of ").append(r.get(0).label()).append(" and ").append(r.get(1).label())
                        .append(" overlap: at this budget the two are indistinguishable.");
            }
        }
        return sb.toString();
    }

    /** "97.95% ± 0.10" (accuracy, std in points) or "0.0712 ± 0.0010"; without the ± part for one seed. */
    public static String interval(SeedSummary.Stat s, boolean isAccuracy) {
        String mean = value(s.mean(), isAccuracy);
        if (Double.isNaN(s.std())) {
            return mean;
        }
        return mean + " ± " + (isAccuracy ? Fmt.points(s.std()) : Fmt.num(s.std()));
    }

    /** Mean ± std of each setting over its seeds. */
    public static MarkdownTable seedTable(List<SeedSummary> runs) {
        MarkdownTable t = new MarkdownTable("setting", "seeds", "val_accuracy", "val_loss", "test accuracy");
        for (SeedSummary s : runs) {
            t.row(s.label(), s.seeds(), interval(s.valAccuracy(), true), interval(s.valLoss(), false),
                    interval(s.testAccuracy(), true));
        }
        return t;
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
