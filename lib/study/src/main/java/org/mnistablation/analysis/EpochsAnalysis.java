package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** Task03: 5, 10 and 20 epochs without dropout. */
public final class EpochsAnalysis {

    private EpochsAnalysis() {
    }

    /** Per-epoch generalisation gap of one run. */
    public static MarkdownTable gapTable(History h) {
        MarkdownTable t = new MarkdownTable("epoch", "loss", "val_loss", "gap (val_loss − loss)", "accuracy", "val_accuracy");
        for (EpochStats e : h.epochs()) {
            t.row(e.epoch(), e.loss(), e.valLoss(), e.valLoss() - e.loss(), e.accuracy(), e.valAccuracy());
        }
        return t;
    }

    public static String markdown(Map<String, List<RunResult>> repeats) {
        Map<String, RunResult> runs = Analyses.primary(repeats);
        List<SeedSummary> seeds = Analyses.seedSummaries(repeats);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 03 — Number of epochs", repeats));
        RunResult longest = runs.values().stream().max((a, b) -> a.history().epochsRun() - b.history().epochsRun()).orElseThrow();
        String longestLabel = runs.entrySet().stream().filter(e -> e.getValue() == longest).findFirst().orElseThrow().getKey();
        sb.append("Generalisation gap per epoch (").append(longestLabel).append("):\n\n").append(gapTable(longest.history())).append('\n');
        sb.append("## Findings\n\n");
        for (Map.Entry<String, RunResult> e : runs.entrySet()) {
            sb.append("- ").append(Findings.valLossMinimum(e.getKey(), e.getValue().history())).append('\n');
        }
        sb.append("- ").append(Findings.ranking("final validation loss", seeds, SeedSummary::valLoss, true, false)).append('\n');
        sb.append("- ").append(Findings.ranking("test accuracy", seeds, SeedSummary::testAccuracy, false, true)).append('\n');
        History h = longest.history();
        double firstGap = h.epochs().get(0).valLoss() - h.epochs().get(0).loss();
        double lastGap = h.last().valLoss() - h.last().loss();
        sb.append("- In the ").append(longestLabel).append(" run the gap went from ").append(Fmt.num(firstGap))
                .append(" after epoch 1 to ").append(Fmt.num(lastGap)).append(" after epoch ").append(h.epochsRun())
                .append(lastGap > firstGap ? ": the longer it trains, the more the training loss underestimates the loss on unseen data.\n"
                        : ": it did not widen.\n");
        sb.append("\n## Questions\n\n");
        int best = h.bestEpoch();
        sb.append("**Does training longer help?** ").append(best < h.epochsRun()
                ? "Only up to epoch " + best + ": after it the validation loss rises, so the 20-epoch model is not the best one this run produced. "
                  + "Keeping the weights of the best validation epoch (Task 04) gets the benefit without the cost."
                : "Within these epochs the validation loss kept improving, so longer training still paid off.").append('\n');
        return sb.toString();
    }
}
