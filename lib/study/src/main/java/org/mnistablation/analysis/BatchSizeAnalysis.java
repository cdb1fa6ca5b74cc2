package org.mnistablation.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task08: several batch sizes, everything else equal. */
public final class BatchSizeAnalysis {

    private BatchSizeAnalysis() {
    }

    public static int stepsPerEpoch(Setting s, int trainCount) {
        return (int) Math.ceil((double) trainCount / s.config().batchSize());
    }

    /** Updates per epoch and in total (counted from the training-set size, the batch size and the epochs run), time. */
    public static MarkdownTable costTable(List<Setting> s, int trainCount) {
        MarkdownTable t = new MarkdownTable("setting", "batch", "updates per epoch", "updates in the run (per seed)",
                "s/epoch (± 95 % CI)", "ms per update", "train s (total)");
        for (Setting x : s) {
            int steps = stepsPerEpoch(x, trainCount);
            StringBuilder total = new StringBuilder();
            for (double e : x.epochsRun().values()) {
                total.append(total.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%,d", (long) (steps * e)));
            }
            t.row(x.label(), x.config().batchSize(), String.format(java.util.Locale.ROOT, "%,d", steps), total.toString(),
                    Findings.cell(x.secondsPerEpoch(), Unit.SECONDS),
                    Unit.SECONDS.number(1000 * x.secondsPerEpoch().mean() / steps), Findings.cell(x.totalSeconds(), Unit.SECONDS));
        }
        return t;
    }

    public static List<Setting> byBatch(List<Setting> s) {
        return s.stream().sorted(Comparator.comparingInt(x -> x.config().batchSize())).toList();
    }

    public static String markdown(Map<String, List<RunResult>> runs, Context ctx) {
        List<Setting> s = byBatch(Analyses.settings(runs));
        StringBuilder sb = new StringBuilder(Analyses.header("Task 08 — Batch size", s, ctx));
        sb.append("Updates and cost (seconds include the end-of-epoch validation pass; updates per epoch = ⌈")
                .append(Analyses.count(ctx.trainCount())).append(" / batch⌉):\n\n").append(costTable(s, ctx.trainCount())).append('\n');
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("test accuracy", s, Setting::testAccuracy, true, Unit.PERCENT)).append('\n');
        Setting small = s.get(0);
        Setting large = s.get(s.size() - 1);
        if (small != large) {
            sb.append("- ").append(small.label()).append(" makes ").append(String.format(java.util.Locale.ROOT, "%.1f", (double) stepsPerEpoch(small, ctx.trainCount()) / stepsPerEpoch(large, ctx.trainCount())))
                    .append("× as many updates per epoch as ").append(large.label()).append(" (counted).\n");
            sb.append("- ").append(Findings.versus("seconds per epoch", small.label(), small.secondsPerEpoch(), large.label(),
                    large.secondsPerEpoch(), Unit.SECONDS)).append('\n');
            sb.append("- ").append(Findings.versus("validation accuracy after epoch 1", large.label(), large.valAccuracyAfter(1),
                    small.label(), small.valAccuracyAfter(1), Unit.PERCENT)).append('\n');
            sb.append("- ").append(Findings.versus("gap val_loss − loss at the kept epoch", small.label(), small.keptGap(),
                    large.label(), large.keptGap(), Unit.LOSS)).append('\n');
        }
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**How does the batch size change the number of updates?** Measured (counted): the updates per epoch "
                + "and per run in the cost table.\n\n");
        sb.append("**Does a smaller batch give noisier updates?** Not measured: the study does not record the gradients' "
                + "variance. Background: a minibatch gradient averages over the batch, so its variance around the full "
                + "gradient falls roughly as 1/batch size.\n\n");
        sb.append("**How does it change generalisation?** Measured: the test-accuracy ranking and the gap comparison "
                + "above. Time per epoch and per update are as recorded when the runs were trained (see the note under the "
                + "first table).\n");
        return sb.toString();
    }
}
