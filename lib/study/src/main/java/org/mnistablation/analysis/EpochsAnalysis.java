package org.mnistablation.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** Task03: the plain model trained for different numbers of epochs without a callback (last-epoch models). */
public final class EpochsAnalysis {

    private EpochsAnalysis() {
    }

    /** Per epoch, mean over the seeds of loss, val_loss and their gap (the setting's runs must share their epochs). */
    public static MarkdownTable gapTable(Setting s) {
        MarkdownTable t = new MarkdownTable("epoch", "loss", "val_loss (± 95 % CI)", "gap val_loss − loss", "val_accuracy (%)");
        int epochs = s.runs().stream().mapToInt(r -> r.history().epochsRun()).min().orElse(0);
        for (int e = 1; e <= epochs; e++) {
            int k = e;
            Stats.Sample loss = s.sample(r -> r.history().epochs().get(k - 1).loss());
            Stats.Sample val = s.sample(r -> r.history().epochs().get(k - 1).valLoss());
            Stats.Sample gap = s.sample(r -> r.history().epochs().get(k - 1).valLoss() - r.history().epochs().get(k - 1).loss());
            t.row(e, Unit.LOSS.number(loss.mean()), Findings.cell(val, Unit.LOSS), Unit.LOSS.number(gap.mean()),
                    Unit.PERCENT.number(s.sample(r -> r.history().epochs().get(k - 1).valAccuracy()).mean()));
        }
        return t;
    }

    /** The result of checking "overfitting shows" between the shortest and the longest training of the same model. */
    public record Overfitting(Setting shortest, Setting longest, Stats.Welch valLoss, Stats.Welch trainLoss,
                              int seedsRising, boolean evident) {
    }

    /**
     * Overfitting counts as evident when the longest training ends with a higher validation loss than the shortest
     * (Welch p < 0.05) while its training loss is lower (p < 0.05).
     */
    public static Overfitting overfitting(List<Setting> settings) {
        Comparator<Setting> byEpochs = Comparator.comparingInt(s -> s.config().epochs());
        Setting shortest = settings.stream().min(byEpochs).orElseThrow();
        Setting longest = settings.stream().max(byEpochs).orElseThrow();
        Stats.Welch v = Stats.welch(longest.sample(r -> r.history().last().valLoss()), shortest.sample(r -> r.history().last().valLoss()));
        Stats.Welch l = Stats.welch(longest.sample(r -> r.history().last().loss()), shortest.sample(r -> r.history().last().loss()));
        int rising = (int) longest.runs().stream().filter(r -> r.history().bestEpoch() < r.history().epochsRun()
                && r.history().last().loss() < r.history().best().loss()).count();
        boolean evident = shortest != longest && v.verdict() == Stats.Verdict.HIGHER && l.verdict() == Stats.Verdict.LOWER;
        return new Overfitting(shortest, longest, v, l, rising, evident);
    }

    public static String markdown(Map<String, List<RunResult>> runs, Context ctx) {
        List<Setting> s = Analyses.settings(runs);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 03 — Number of epochs", s, ctx));
        Setting longest = s.stream().max(Comparator.comparingInt(x -> x.config().epochs())).orElseThrow();
        sb.append("Loss per epoch of ").append(longest.label()).append(longest.seeds() == 1 ? " (seed " + longest.seedList().get(0) + ")"
                : " (mean over " + longest.seeds() + " seeds)").append(":\n\n").append(gapTable(longest)).append('\n');
        sb.append("## Findings\n\n");
        for (Setting x : s) {
            sb.append("- ").append(valLossMinimum(x)).append('\n');
        }
        sb.append("- ").append(Findings.ranking("test accuracy of the last-epoch model", s, Setting::testAccuracy, true, Unit.PERCENT))
                .append('\n');
        Overfitting o = overfitting(s);
        if (o.shortest() != o.longest()) {
            sb.append("- ").append(Findings.versus("final val_loss", o.longest().label(), o.longest().sample(r -> r.history().last().valLoss()),
                    o.shortest().label(), o.shortest().sample(r -> r.history().last().valLoss()), Unit.LOSS)).append('\n');
            sb.append("- ").append(Findings.versus("final training loss", o.longest().label(), o.longest().sample(r -> r.history().last().loss()),
                    o.shortest().label(), o.shortest().sample(r -> r.history().last().loss()), Unit.LOSS)).append('\n');
            sb.append("- ").append(o.evident()
                    ? "Training " + o.longest().config().epochs() + " instead of " + o.shortest().config().epochs()
                      + " epochs lowered the training loss and raised the validation loss (both p < 0.05): the longer "
                      + "training overfits."
                    : o.valLoss().verdict() == Stats.Verdict.UNTESTED || o.trainLoss().verdict() == Stats.Verdict.UNTESTED
                    ? "With one seed the test for overfitting (longer training: validation loss higher and training loss "
                      + "lower, both p < 0.05) cannot be run, so overfitting is not called."
                    : "The test for overfitting (longer training: validation loss higher and training loss lower, both "
                      + "p < 0.05) is not met between " + o.shortest().label() + " and " + o.longest().label() + ".")
                    .append(" In ").append(o.seedsRising()).append(" of ").append(o.longest().seeds()).append(" seeds the ")
                    .append(o.longest().label()).append(" run ended above its lowest val_loss while its training loss kept falling.\n");
            sb.append("- ").append(Findings.versus("gap val_loss − loss at the last epoch", o.longest().label(), o.longest().lastGap(),
                    o.shortest().label(), o.shortest().lastGap(), Unit.LOSS)).append('\n');
        }
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**How do training and validation loss evolve with the number of epochs?** Answered by the findings "
                + "above (measured): where each run's validation loss was lowest, and how the final losses and the gap "
                + "compare between the shortest and the longest training.\n\n");
        sb.append("**What role does Adam play?** Not measured in this task (every setting uses Adam; Task 07 compares "
                + "optimizers). Background: Adam scales each weight's step by running estimates of its gradient's mean "
                + "and magnitude (see Task 07 for what that changed in these runs).\n");
        return sb.toString();
    }

    /** Where each seed's validation loss was lowest, and in how many seeds it ended above that minimum. */
    static String valLossMinimum(Setting s) {
        long later = s.runs().stream().filter(r -> r.history().bestEpoch() < r.history().epochsRun()).count();
        int epochs = s.config().epochs();
        StringBuilder sb = new StringBuilder(s.label()).append(": lowest val_loss at epoch ")
                .append(Findings.perSeed(s.bestEpoch(), Unit.EPOCHS)).append(" of ").append(epochs)
                .append(" (").append(s.seeds() == 1 ? "seed " + s.seedList().get(0) : "seeds " + s.seedList().toString().replaceAll("[\\[\\]]", ""))
                .append("); ");
        if (later == 0) {
            sb.append(s.seeds() == 1 ? "it was still at its lowest in the last epoch" : "in every seed it was still at its lowest in the last epoch")
                    .append(": no rise of the validation loss within these epochs.");
        } else {
            sb.append("in ").append(later).append(" of ").append(s.seeds())
                    .append(" seeds the last epoch's val_loss is above that minimum (by ")
                    .append(Findings.perSeed(s.sample(r -> r.history().last().valLoss() - r.history().best().valLoss()), Unit.LOSS))
                    .append(").");
        }
        return sb.toString();
    }

    /** Epoch-by-epoch table of one run (kept for notebooks that show a single history). */
    public static MarkdownTable gapTable(History h) {
        MarkdownTable t = new MarkdownTable("epoch", "loss", "val_loss", "gap (val_loss − loss)", "val_accuracy (%)");
        for (EpochStats e : h.epochs()) {
            t.row(e.epoch(), e.loss(), e.valLoss(), e.valLoss() - e.loss(), Unit.PERCENT.number(e.valAccuracy()));
        }
        return t;
    }
}
