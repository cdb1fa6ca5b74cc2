package org.mnistablation.analysis;

import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task10: the hidden layer's weights of the plain, dropout 0.3 and L2 0.01 models. */
public final class WeightsAnalysis {

    private WeightsAnalysis() {
    }

    public static MarkdownTable table(Map<String, RunResult> runs) {
        MarkdownTable t = new MarkdownTable("model", "count", "mean", "std", "mean |w|", "max |w|", "‖W‖₂ (Frobenius)",
                "share |w| < " + WeightStats.NEAR_ZERO, "test accuracy");
        runs.forEach((label, r) -> {
            WeightStats w = WeightStats.of(r.hiddenKernelValues());
            t.row(label, w.count(), w.mean(), w.std(), w.meanAbs(), w.maxAbs(), w.norm(), Fmt.pct(w.fractionNearZero()),
                    Fmt.pct(r.test().accuracy()));
        });
        return t;
    }

    public static String markdown(Map<String, RunResult> runs, String plainLabel) {
        RunResult any = runs.values().iterator().next();
        StringBuilder sb = new StringBuilder("# Task 10 — Weights\n\n_Generated from the models in this notebook (data: ")
                .append(any.dataIdentity()).append(", seed ").append(any.config().seed()).append(")._\n\n");
        sb.append("## Measured\n\nHidden kernel (784 × 128) of each model:\n\n").append(table(runs)).append('\n');
        sb.append("## Findings\n\n");
        WeightStats plain = WeightStats.of(runs.get(plainLabel).hiddenKernelValues());
        runs.forEach((label, r) -> {
            if (label.equals(plainLabel)) {
                return;
            }
            WeightStats w = WeightStats.of(r.hiddenKernelValues());
            double change = w.norm() / plain.norm() - 1;
            sb.append("- ").append(label).append(": norm ").append(Fmt.num(w.norm())).append(" vs ").append(Fmt.num(plain.norm()))
                    .append(" for the plain model (").append(change >= 0 ? "+" : "−").append(Fmt.pct(Math.abs(change)))
                    .append("), std ").append(Fmt.num(w.std())).append(" vs ").append(Fmt.num(plain.std()))
                    .append(", near-zero share ").append(Fmt.pct(w.fractionNearZero())).append(" vs ")
                    .append(Fmt.pct(plain.fractionNearZero())).append(".\n");
        });
        String smallest = runs.entrySet().stream()
                .min(java.util.Comparator.comparingDouble(e -> WeightStats.of(e.getValue().hiddenKernelValues()).norm()))
                .orElseThrow().getKey();
        sb.append("\n## Questions\n\n**How do the regularisers change the weights?** L2 adds 2λw to every gradient, pulling "
                + "all weights towards zero; here the smallest norm belongs to **").append(smallest).append("**. Dropout "
                + "does not penalise weights directly; it trains each unit with random partners, and its effect on the "
                + "weights is the difference the table measures. The images of the first-layer weights show which pixels "
                + "each hidden unit looks at: weights from pixels that are black in every training image get no gradient "
                + "and keep their initial values (or decay towards zero under L2).\n");
        return sb.toString();
    }
}
