package org.mnistablation.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Task05: Dropout(rate) after the hidden layer at several rates (the least dropout is the reference). */
public final class DropoutAnalysis {

    private DropoutAnalysis() {
    }

    /** The setting with the least dropout, wherever it stands in the notebook. */
    public static Setting reference(List<Setting> s) {
        return s.stream().min(Comparator.comparingDouble(x -> x.config().model().maxDropout())).orElseThrow();
    }

    /** The setting with the most dropout. */
    public static Setting strongest(List<Setting> s) {
        return s.stream().max(Comparator.comparingDouble(x -> x.config().model().maxDropout())).orElseThrow();
    }

    public static String markdown(Map<String, List<RunResult>> runs, Context ctx) {
        List<Setting> s = Analyses.settings(runs);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 05 — Dropout", s, ctx));
        sb.append("Training loss/accuracy are running means over the epoch with dropout active (as Keras reports them); "
                + "validation is measured with dropout off. The gap below is val_loss − loss at the kept epoch.\n\n");
        MarkdownTable gaps = new MarkdownTable("setting", "gap at kept epoch (± 95 % CI)", "gap at last epoch",
                "seeds whose val_loss rose after its minimum");
        for (Setting x : s) {
            long rose = x.runs().stream().filter(r -> r.history().bestEpoch() < r.history().epochsRun()).count();
            gaps.row(x.label(), Findings.cell(x.keptGap(), Unit.LOSS), Findings.cell(x.lastGap(), Unit.LOSS), rose + " of " + x.seeds());
        }
        sb.append(gaps).append('\n');
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("test accuracy", s, Setting::testAccuracy, true, Unit.PERCENT)).append('\n');
        Setting ref = reference(s);
        for (Setting x : s) {
            if (x == ref) {
                continue;
            }
            sb.append("- ").append(Findings.versus("gap val_loss − loss at the kept epoch", x.label(), x.keptGap(), ref.label(),
                    ref.keptGap(), Unit.LOSS)).append(gapNote(x, ref)).append('\n');
            sb.append("- ").append(Findings.versus("gap test loss − training loss of the kept epoch", x.label(), x.keptTestGap(),
                    ref.label(), ref.keptTestGap(), Unit.LOSS)).append('\n');
        }
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**How much does each rate change overfitting?** Measured: the gap between validation and training loss "
                + "per rate, compared with ").append(ref.label()).append(" above, and in how many seeds the validation "
                + "loss rose after its minimum within the epochs run. Background: with dropout on, the reported training loss is "
                + "that of a thinned network, which raises it and narrows both gaps by itself.\n\n");
        sb.append("**Does dropout make the representation more robust?** Not measured here (no test of robustness to "
                + "perturbed inputs or removed units is run). Background: each step trains a random sub-network, so no "
                + "hidden unit can rely on specific others; this is the usual argument for more redundant features.\n");
        return sb.toString();
    }

    /** Whether the setting's gap is smaller than the reference's, after the comparison sentence. */
    static String gapNote(Setting x, Setting ref) {
        Stats.Verdict v = Findings.verdict(x.keptGap(), ref.keptGap());
        return switch (v) {
            case LOWER -> " The gap narrowed.";
            case HIGHER -> " The gap widened.";
            default -> "";
        };
    }
}
