package org.mnistablation.analysis;

import org.mnistablation.cache.Setting;

/** The overview notebook's summary of the baseline runs. */
public final class OverviewAnalysis {

    private OverviewAnalysis() {
    }

    public static String markdown(Setting s, Context ctx) {
        StringBuilder sb = new StringBuilder("**Baseline result** (").append(s.config().describe().replaceAll(", seed \\d+$", ""))
                .append("; ").append(Findings.seedsText(s.seeds())).append(")\n\n");
        sb.append("- Epochs run per seed: ").append(Findings.perSeed(RunMeasures.epochsRun().of(s), Unit.EPOCHS)).append(" of ")
                .append(s.config().epochs()).append("; kept epoch: ").append(Findings.perSeed(RunMeasures.keptEpoch().of(s), Unit.EPOCHS))
                .append(s.lastEpochModels() ? " (the last)" : " (lowest val_loss, restored)").append(".\n");
        sb.append("- Test accuracy on ").append(Analyses.count(ctx.testCount())).append(" images the models never saw in "
                        + "training or selection: **").append(Findings.value(RunMeasures.testAccuracy().of(s), Unit.PERCENT)).append("**")
                .append(s.seeds() > 1 ? " (mean ± 95 % CI over the seeds)" : "").append("; binomial standard error of one model's value ")
                .append(Unit.PERCENT.spread(Stats.binomialSe(RunMeasures.testAccuracy().of(s).mean(), ctx.testCount()))).append(".\n");
        return sb.toString();
    }
}
