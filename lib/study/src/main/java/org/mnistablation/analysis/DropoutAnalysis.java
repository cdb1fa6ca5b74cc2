package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task05: Dropout(rate) after the hidden layer, rate 0 / 0.1 / 0.3, 5 epochs. */
public final class DropoutAnalysis {

    private DropoutAnalysis() {
    }

    public static String markdown(Map<String, List<RunResult>> repeats) {
        List<RunSummary> s = Analyses.summaries(Analyses.primary(repeats));
        List<SeedSummary> seeds = Analyses.seedSummaries(repeats);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 05 — Dropout", repeats));
        sb.append("Training loss/accuracy are running means over the epoch with dropout active (as Keras reports them); "
                + "validation is measured with dropout off.\n\n");
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("final validation loss", seeds, SeedSummary::valLoss, true, false)).append('\n');
        sb.append("- ").append(Findings.ranking("final validation accuracy", seeds, SeedSummary::valAccuracy, false, true)).append('\n');
        // the reference is the setting with the least dropout (usually none), wherever it stands in the notebook
        String leastLabel = repeats.entrySet().stream()
                .min(java.util.Comparator.comparingDouble(e -> e.getValue().get(0).config().model().maxDropout()))
                .orElseThrow().getKey();
        RunSummary none = Analyses.find(s, leastLabel);
        for (RunSummary r : s) {
            if (r == none) {
                continue;
            }
            double narrowed = none.lossGap() - r.lossGap();
            sb.append("- Gap (val_loss − loss) with ").append(r.label()).append(": ").append(Fmt.num(r.lossGap()))
                    .append(" vs ").append(Fmt.num(none.lossGap())).append(" with ").append(none.label()).append(" — ")
                    .append(narrowed > 0 ? "narrowed by " + Fmt.num(narrowed) : "not narrowed (" + Fmt.num(-narrowed) + " wider)")
                    .append(r.lossGap() < 0 ? "; negative means the (dropout-handicapped) training loss is above the validation loss" : "")
                    .append(".\n");
        }
        sb.append("\n## Questions\n\n**Why does dropout narrow the gap?** Each step trains a random sub-network, so no hidden "
                + "unit can rely on specific others; this regularises the model and also raises the reported training loss, "
                + "because that loss is measured on the handicapped network. Part of the narrowing therefore comes from the "
                + "training side of the gap, not only from a lower validation loss — compare the two columns above.\n");
        return sb.toString();
    }
}
