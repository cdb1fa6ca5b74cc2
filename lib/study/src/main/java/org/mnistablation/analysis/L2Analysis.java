package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task06: kernel_regularizer=l2(λ) on the hidden layer, λ = 1e-4 / 1e-3 / 1e-2, dropout 0.1, 5 epochs. */
public final class L2Analysis {

    private L2Analysis() {
    }

    /** λ·Σw² of a run's final hidden kernel: the part of Keras's reported loss that is not cross-entropy. */
    public static double penalty(RunResult r) {
        double sum = 0;
        for (float w : r.hiddenKernelValues()) {
            sum += (double) w * w;
        }
        return r.config().model().firstL2() * sum;
    }

    public static MarkdownTable weightTable(Map<String, RunResult> runs) {
        MarkdownTable t = new MarkdownTable("setting", "λ", "mean |w|", "‖W‖₂ (Frobenius)", "max |w|", "penalty λ·Σw²",
                "val cross-entropy (val_loss − penalty)");
        runs.forEach((label, r) -> {
            WeightStats w = WeightStats.of(r.hiddenKernelValues());
            double p = penalty(r);
            t.row(label, String.valueOf(r.config().model().firstL2()), w.meanAbs(), w.norm(), w.maxAbs(), p, r.history().last().valLoss() - p);
        });
        return t;
    }

    public static String markdown(Map<String, List<RunResult>> repeats) {
        Map<String, RunResult> runs = Analyses.primary(repeats);
        List<RunSummary> s = Analyses.summaries(runs);
        List<SeedSummary> seeds = Analyses.seedSummaries(repeats);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 06 — L2 regularisation", repeats));
        sb.append("As in Keras, `loss` and `val_loss` include the penalty λ·Σw², so they grow with λ by construction. "
                + "The weight table separates the two parts:\n\n").append(weightTable(runs)).append('\n');
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("final validation accuracy", seeds, SeedSummary::valAccuracy, false, true)).append('\n');
        List<String> labels = List.copyOf(runs.keySet());
        List<WeightStats> stats = runs.values().stream().map(r -> WeightStats.of(r.hiddenKernelValues())).toList();
        boolean normsFall = true;
        for (int i = 1; i < stats.size(); i++) {
            normsFall &= stats.get(i).norm() < stats.get(i - 1).norm();
        }
        WeightStats lo = stats.get(0);
        WeightStats hi = stats.get(stats.size() - 1);
        sb.append("- The hidden kernel's norm ").append(normsFall ? "falls with every increase of λ" : "does not fall monotonically with λ")
                .append(": ").append(Fmt.num(lo.norm())).append(" at ").append(labels.get(0)).append(" vs ")
                .append(Fmt.num(hi.norm())).append(" at ").append(labels.get(labels.size() - 1)).append(" (mean |w| ")
                .append(Fmt.num(lo.meanAbs())).append(" → ").append(Fmt.num(hi.meanAbs())).append(").\n");
        RunSummary strongest = s.get(s.size() - 1);
        RunSummary weakest = s.get(0);
        sb.append("- The gap (val_loss − loss) is ").append(Fmt.num(weakest.lossGap())).append(" at ").append(weakest.label())
                .append(" and ").append(Fmt.num(strongest.lossGap())).append(" at ").append(strongest.label()).append(".\n");
        sb.append("\n## Questions\n\n**What does L2 do to the weights?** Its gradient 2λw pulls every weight towards zero in "
                + "each step, so only weights that the data keeps pushing stay large; the table shows by how much the norm "
                + "shrinks. Too large a λ trades fit for small weights: compare the validation accuracies above.\n");
        return sb.toString();
    }
}
