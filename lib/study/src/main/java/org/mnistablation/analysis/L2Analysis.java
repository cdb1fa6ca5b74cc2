package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task06: kernel_regularizer=l2(λ) on the hidden layer at several λ. */
public final class L2Analysis {

    private L2Analysis() {
    }

    /** λ·Σw² of a run's kept hidden kernel: the part of Keras's reported loss that is not cross-entropy. */
    public static double penalty(RunResult r) {
        double sum = 0;
        for (float w : r.hiddenKernelValues()) {
            sum += (double) w * w;
        }
        return r.config().model().firstL2() * sum;
    }

    public static Stats.Sample norm(Setting s) {
        return s.sample(r -> WeightStats.of(r.hiddenKernelValues()).norm());
    }

    public static Stats.Sample maxAbs(Setting s) {
        return s.sample(r -> WeightStats.of(r.hiddenKernelValues()).maxAbs());
    }

    public static List<Setting> byLambda(List<Setting> s) {
        List<Setting> out = new ArrayList<>(s);
        out.sort(Comparator.comparingDouble(x -> x.config().model().firstL2()));
        return out;
    }

    /** "falls at every step of λ (p < 0.05 each)" or which step does not; {@code metric} is a per-seed weight statistic. */
    public static String trend(List<Setting> ordered, java.util.function.Function<Setting, Stats.Sample> metric) {
        List<String> notFalling = new ArrayList<>();
        for (int i = 1; i < ordered.size(); i++) {
            Stats.Verdict v = Findings.verdict(metric.apply(ordered.get(i)), metric.apply(ordered.get(i - 1)));
            if (v != Stats.Verdict.LOWER) {
                notFalling.add(ordered.get(i - 1).label() + " → " + ordered.get(i).label() + " (" + v.name().toLowerCase() + ")");
            }
        }
        List<String> means = new ArrayList<>();
        for (Setting x : ordered) {
            means.add(Unit.PLAIN.number(metric.apply(x).mean()));
        }
        String values = "(" + String.join(" → ", means) + " as λ grows)";
        boolean untested = ordered.stream().anyMatch(x -> x.seeds() < 2);
        return notFalling.isEmpty() ? "falls at every step of λ " + values + ", Welch p < 0.05 at each step"
                : untested ? "goes " + String.join(" → ", means) + " as λ grows; with one seed no step is tested"
                : "does not fall significantly at every step of λ " + values + ": " + String.join(", ", notFalling);
    }

    /** True when the metric falls significantly at every step of λ. */
    public static boolean fallsEverywhere(List<Setting> ordered, java.util.function.Function<Setting, Stats.Sample> metric) {
        for (int i = 1; i < ordered.size(); i++) {
            if (Findings.verdict(metric.apply(ordered.get(i)), metric.apply(ordered.get(i - 1))) != Stats.Verdict.LOWER) {
                return false;
            }
        }
        return ordered.size() > 1;
    }

    public static String markdown(Map<String, List<RunResult>> runs, Context ctx) {
        List<Setting> s = byLambda(Analyses.settings(runs));
        StringBuilder sb = new StringBuilder(Analyses.header("Task 06 — L2 regularisation", s, ctx));
        sb.append("As in Keras, `loss` and `val_loss` include the penalty λ·Σw², so they grow with λ by construction. "
                + "The weight table (kept hidden kernel, mean ± 95 % CI over the seeds) separates the two parts:\n\n");
        MarkdownTable t = new MarkdownTable("setting", "λ", "‖W‖ (Frobenius)", "max |w|", "mean |w|", "penalty λ·Σw²",
                "val cross-entropy (val_loss − penalty)");
        for (Setting x : s) {
            t.row(x.label(), java.math.BigDecimal.valueOf(x.config().model().firstL2()).stripTrailingZeros().toPlainString(), Findings.cell(norm(x), Unit.PLAIN),
                    Findings.cell(maxAbs(x), Unit.PLAIN), Findings.cell(x.sample(r -> WeightStats.of(r.hiddenKernelValues()).meanAbs()), Unit.PLAIN),
                    Findings.cell(x.sample(L2Analysis::penalty), Unit.PLAIN),
                    Findings.cell(x.sample(r -> r.history().kept().valLoss() - penalty(r)), Unit.LOSS));
        }
        sb.append(t).append('\n');
        sb.append("## Findings\n\n");
        sb.append("- The hidden kernel's norm ").append(trend(s, L2Analysis::norm)).append(".\n");
        sb.append("- Its largest weight (max |w|) ").append(trend(s, L2Analysis::maxAbs)).append(".\n");
        sb.append("- ").append(Findings.ranking("test accuracy", s, Setting::testAccuracy, true, Unit.PERCENT)).append('\n');
        Setting lo = s.get(0);
        Setting hi = s.get(s.size() - 1);
        if (lo != hi) {
            sb.append("- ").append(Findings.versus("validation cross-entropy of the kept model (penalty removed)", hi.label(),
                    hi.sample(r -> r.history().kept().valLoss() - penalty(r)), lo.label(),
                    lo.sample(r -> r.history().kept().valLoss() - penalty(r)), Unit.LOSS)).append('\n');
        }
        for (Setting x : s) {
            long fellEvery = x.runs().stream().filter(r -> {
                var e = r.history().epochs();
                for (int i = 1; i < e.size(); i++) {
                    if (e.get(i).valLoss() >= e.get(i - 1).valLoss()) {
                        return false;
                    }
                }
                return true;
            }).count();
            sb.append("- ").append(x.label()).append(": val_loss fell in every epoch in ").append(fellEvery).append(" of ")
                    .append(x.seeds()).append(" seeds; lowest val_loss at epoch ").append(Findings.perSeed(x.bestEpoch(), Unit.EPOCHS))
                    .append(" (epochs run: ").append(Findings.perSeed(x.epochsRun(), Unit.EPOCHS)).append(").\n");
        }
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**What does L2 do to the weight magnitudes?** Measured: the norm and max |w| per λ, with the test at each "
                + "step of λ. Background: the penalty's gradient 2λw pulls every weight towards zero in each step.\n\n");
        sb.append("**Does it improve generalisation?** Measured: the test-accuracy ranking and the validation cross-entropy "
                + "without the penalty, above.\n\n");
        sb.append("**How does the validation loss develop?** Measured: per λ, in how many seeds it fell in every epoch and "
                + "where it was lowest (the reported val_loss includes the penalty).\n");
        return sb.toString();
    }
}
