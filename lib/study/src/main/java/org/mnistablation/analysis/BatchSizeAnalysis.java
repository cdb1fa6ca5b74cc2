package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task08: batch size 8 / 32 / 128, 5 epochs. */
public final class BatchSizeAnalysis {

    private BatchSizeAnalysis() {
    }

    public static MarkdownTable costTable(Map<String, RunResult> runs, int trainCount) {
        MarkdownTable t = new MarkdownTable("setting", "steps per epoch", "s/epoch", "ms/step", "val_accuracy", "val_loss");
        runs.forEach((label, r) -> {
            int steps = (int) Math.ceil((double) trainCount / r.config().batchSize());
            RunSummary s = RunSummary.of(label, r);
            t.row(label, steps, String.format(java.util.Locale.ROOT, "%.1f", s.secondsPerEpoch()),
                    String.format(java.util.Locale.ROOT, "%.2f", 1000 * s.secondsPerEpoch() / steps), s.valAccuracy(), s.valLoss());
        });
        return t;
    }

    public static String markdown(Map<String, List<RunResult>> repeats, int trainCount) {
        Map<String, RunResult> runs = Analyses.primary(repeats);
        List<RunSummary> s = Analyses.summaries(runs);
        List<SeedSummary> seeds = Analyses.seedSummaries(repeats);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 08 — Batch size", repeats));
        sb.append("Cost (seconds include the end-of-epoch validation pass):\n\n").append(costTable(runs, trainCount)).append('\n');
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("final validation loss", seeds, SeedSummary::valLoss, true, false)).append('\n');
        sb.append("- ").append(Findings.ranking("final validation accuracy", seeds, SeedSummary::valAccuracy, false, true)).append('\n');
        RunSummary small = s.get(0);
        RunSummary large = s.get(s.size() - 1);
        SeedSummary smallSeeds = seeds.get(0);
        SeedSummary largeSeeds = seeds.get(seeds.size() - 1);
        sb.append("- ").append(small.label()).append(" takes ").append(String.format(java.util.Locale.ROOT, "%.1f", small.secondsPerEpoch() / large.secondsPerEpoch()))
                .append("× as long per epoch as ").append(large.label()).append(" for a validation accuracy of ")
                .append(Findings.interval(smallSeeds.valAccuracy(), true)).append(" vs ")
                .append(Findings.interval(largeSeeds.valAccuracy(), true))
                .append(smallSeeds.valAccuracy().separatedFrom(largeSeeds.valAccuracy()) ? " (intervals separate)"
                        : smallSeeds.seeds() > 1 ? " (intervals overlap)" : "").append(".\n");
        sb.append("\n## Questions\n\n**Why are small batches slower per epoch although each step is cheaper?** An epoch "
                + "is a fixed amount of arithmetic, but the number of steps grows as the batch shrinks, and every step "
                + "pays a fixed cost (framework dispatch, the optimizer update of all weights) whatever its size; the "
                + "ms/step column shows how the cost of a step grows with the batch. Small batches make more, noisier "
                + "updates per epoch, which can help in few epochs but costs wall-clock time.\n");
        return sb.toString();
    }
}
