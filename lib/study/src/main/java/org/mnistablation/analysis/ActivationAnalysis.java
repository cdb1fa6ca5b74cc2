package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task09: hidden activations compared with a reference (ReLU). */
public final class ActivationAnalysis {

    private ActivationAnalysis() {
    }

    static Stats.Sample derivative(List<HiddenActivity> a) {
        return new Stats.Sample(a.stream().mapToDouble(HiddenActivity::meanDerivative).toArray());
    }

    static Stats.Sample flat(List<HiddenActivity> a) {
        return new Stats.Sample(a.stream().mapToDouble(HiddenActivity::shareFlat).toArray());
    }

    /**
     * @param activity per setting, one measurement of the hidden layer per seed (may be empty: then gradient flow is
     *                 reported as not measured)
     */
    public static String markdown(Map<String, List<RunResult>> runs, String reference, Context ctx,
                                  Map<String, List<HiddenActivity>> activity) {
        List<Setting> s = Analyses.settings(runs);
        Setting ref = Analyses.find(s, reference);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 09 — Activation functions", s, ctx));
        boolean measured = activity != null && !activity.isEmpty();
        if (measured) {
            int images = activity.values().iterator().next().get(0).images();
            sb.append("Gradient flow through the hidden layer of the kept model, measured on ").append(Analyses.count(images))
                    .append(" validation images (mean over seeds ± 95 % CI): the mean derivative of the activation at the "
                            + "pre-activations the images produce — the factor by which a gradient arriving at a hidden unit "
                            + "is passed back to its weights — and the share of unit-image pairs where it is below ")
                    .append(HiddenActivity.FLAT).append(":\n\n");
            MarkdownTable t = new MarkdownTable("setting", "mean derivative f′(z)", "share with f′(z) < " + HiddenActivity.FLAT + " (%)",
                    "share of z > 0 (%)");
            for (Setting x : s) {
                List<HiddenActivity> a = activity.get(x.label());
                t.row(x.label(), Findings.cell(derivative(a), Unit.PLAIN), Findings.cell(flat(a), Unit.PERCENT),
                        Findings.cell(new Stats.Sample(a.stream().mapToDouble(HiddenActivity::sharePositive).toArray()), Unit.PERCENT));
            }
            sb.append(t).append('\n');
        }
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("test accuracy", s, Setting::testAccuracy, true, Unit.PERCENT)).append('\n');
        sb.append("- ").append(Findings.ranking("validation accuracy after epoch 1", s, x -> x.valAccuracyAfter(1), true, Unit.PERCENT)).append('\n');
        sb.append("- ").append(Findings.ranking("seconds per epoch", s, Setting::secondsPerEpoch, false, Unit.SECONDS)).append('\n');
        for (Setting x : s) {
            if (x == ref) {
                continue;
            }
            sb.append("- ").append(Findings.versus("test accuracy", x.label(), x.testAccuracy(), ref.label(), ref.testAccuracy(), Unit.PERCENT)).append('\n');
            sb.append("- ").append(Findings.versus("seconds per epoch", x.label(), x.secondsPerEpoch(), ref.label(), ref.secondsPerEpoch(), Unit.SECONDS)).append('\n');
            if (measured) {
                sb.append("- ").append(Findings.versus("mean activation derivative", x.label(), derivative(activity.get(x.label())),
                        ref.label(), derivative(activity.get(ref.label())), Unit.PLAIN)).append('\n');
            }
        }
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**How does the activation change gradient flow?** ").append(measured
                ? "Measured on this one-hidden-layer model: the derivative table and comparisons above. "
                : "Not measured in this run. ")
                .append("How gradients shrink through many stacked layers is not measured: every model here has one hidden layer.\n\n");
        sb.append("**Why is ReLU preferred?** ").append(preferred(s, ref)).append(" Background (not tested here): ReLU's "
                + "derivative is exactly 1 for every active unit, so stacks of many layers do not multiply their gradients "
                + "by factors below 1 the way saturating tanh and softsign do, and it costs one comparison per unit.\n");
        return sb.toString();
    }

    /** What these runs say about ReLU against each other activation: accuracy and time, generated from the tests. */
    static String preferred(List<Setting> s, Setting ref) {
        if (s.stream().anyMatch(x -> x.seeds() < 2)) {
            return "With one seed per setting nothing is tested, so these runs neither support nor contradict a "
                    + "preference (the measured values are in the tables above).";
        }
        List<String> higherAcc = new ArrayList<>();
        List<String> lowerAcc = new ArrayList<>();
        List<String> sameAcc = new ArrayList<>();
        List<String> slower = new ArrayList<>();
        List<String> faster = new ArrayList<>();
        for (Setting x : s) {
            if (x == ref) {
                continue;
            }
            switch (Findings.verdict(x.testAccuracy(), ref.testAccuracy())) {
                case HIGHER -> higherAcc.add(x.label());
                case LOWER -> lowerAcc.add(x.label());
                default -> sameAcc.add(x.label());
            }
            switch (Findings.verdict(x.secondsPerEpoch(), ref.secondsPerEpoch())) {
                case HIGHER -> slower.add(x.label());
                case LOWER -> faster.add(x.label());
                default -> {
                }
            }
        }
        StringBuilder sb = new StringBuilder("Measured in these runs (test accuracy, Welch p < 0.05): ");
        sb.append(higherAcc.isEmpty() ? "no activation has a higher test accuracy than " + ref.label()
                : "higher than " + ref.label() + ": " + String.join(", ", higherAcc));
        if (!lowerAcc.isEmpty()) {
            sb.append("; lower than it: ").append(String.join(", ", lowerAcc));
        }
        if (!sameAcc.isEmpty()) {
            sb.append("; indistinguishable from it or tied: ").append(String.join(", ", sameAcc));
        }
        sb.append(". Seconds per epoch: ");
        sb.append(slower.isEmpty() ? "no activation is slower than " + ref.label() + " at p < 0.05"
                : "slower than " + ref.label() + " (p < 0.05): " + String.join(", ", slower));
        if (!faster.isEmpty()) {
            sb.append("; faster: ").append(String.join(", ", faster));
        }
        sb.append(" (timings as recorded; see the note under the first table).");
        if (!higherAcc.isEmpty()) {
            sb.append(" On accuracy these runs do not support preferring ").append(ref.label()).append('.');
        } else if (!slower.isEmpty() && faster.isEmpty()) {
            sb.append(" Here the case for ").append(ref.label()).append(" rests on its cost, not on a higher accuracy.");
        }
        return sb.toString();
    }
}
