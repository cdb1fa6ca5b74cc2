package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.mnistablation.cache.RunResult;

/** Task10: the hidden layer's weights of the plain model against regularised ones, over all seeds. */
public final class WeightsAnalysis {

    private WeightsAnalysis() {
    }

    static Stats.Sample stat(Setting s, ToDoubleFunction<WeightStats> f) {
        return s.sample(r -> f.applyAsDouble(WeightStats.of(r.hiddenKernelValues())));
    }

    public static MarkdownTable table(List<Setting> s) {
        MarkdownTable t = new MarkdownTable("model", "seeds", "‖W‖ (Frobenius)", "std", "mean |w|", "max |w|",
                "share |w| < " + WeightStats.NEAR_ZERO + " (%)", "test accuracy (%)");
        for (Setting x : s) {
            t.row(x.label(), x.seeds(), Findings.cell(stat(x, WeightStats::norm), Unit.PLAIN), Findings.cell(stat(x, WeightStats::std), Unit.PLAIN),
                    Findings.cell(stat(x, WeightStats::meanAbs), Unit.PLAIN), Findings.cell(stat(x, WeightStats::maxAbs), Unit.PLAIN),
                    Findings.cell(stat(x, WeightStats::fractionNearZero), Unit.PERCENT), Findings.cell(x.testAccuracy(), Unit.PERCENT));
        }
        return t;
    }

    public static String markdown(Map<String, List<RunResult>> runs, String plainLabel, Context ctx) {
        List<Setting> s = Analyses.settings(runs);
        Setting plain = Analyses.find(s, plainLabel);
        RunResult any = plain.first();
        int in = any.config().model().input().size();
        int units = any.config().model().firstUnits();
        StringBuilder sb = new StringBuilder(Analyses.header("Task 10 — Weights", s, ctx));
        sb.append("Hidden kernel (").append(in).append(" × ").append(units)
                .append(") of each kept model, mean ± 95 % CI over the seeds:\n\n").append(table(s)).append('\n');
        sb.append("## Findings\n\n");
        for (Setting x : s) {
            if (x == plain) {
                continue;
            }
            sb.append("- ").append(Findings.versus("‖W‖", x.label(), stat(x, WeightStats::norm), plain.label(), stat(plain, WeightStats::norm), Unit.PLAIN)).append('\n');
            sb.append("- ").append(Findings.versus("max |w|", x.label(), stat(x, WeightStats::maxAbs), plain.label(), stat(plain, WeightStats::maxAbs), Unit.PLAIN)).append('\n');
            sb.append("- ").append(Findings.versus("share of weights with |w| < " + WeightStats.NEAR_ZERO, x.label(),
                    stat(x, WeightStats::fractionNearZero), plain.label(), stat(plain, WeightStats::fractionNearZero), Unit.PERCENT)).append('\n');
        }
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**How do the regularisers change the weight distribution?** Measured: the statistics above, each "
                + "compared with ").append(plain.label()).append(" over the seeds; the histograms and unit images above "
                + "show the first seed. Background: L2 adds 2λw to every gradient, pulling all weights towards zero; "
                + "dropout does not penalise weights directly, so any change it makes is what the table measures. "
                + "Weights from pixels that are zero in every training image get no gradient from the data and keep "
                + "their initial values unless a penalty or a decay moves them.\n");
        return sb.toString();
    }
}
