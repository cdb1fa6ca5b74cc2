package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;
import org.mnistablation.train.EarlyStoppingRule;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** Task04: EarlyStopping(monitor val_loss, patience 3 / 5, restore_best_weights). */
public final class EarlyStoppingAnalysis {

    private EarlyStoppingAnalysis() {
    }

    /** Replays Keras's decision epoch by epoch: val_loss, best so far, the patience counter and the action. */
    public static MarkdownTable trace(History h, int patience) {
        MarkdownTable t = new MarkdownTable("epoch", "loss", "val_loss", "best val_loss so far", "wait", "action");
        EarlyStoppingRule rule = new EarlyStoppingRule(patience);
        for (EpochStats e : h.epochs()) {
            EarlyStoppingRule.Step step = rule.onEpochEnd(e.epoch(), e.valLoss());
            String action = step.improved() ? "new best: keep these weights"
                    : step.stop() ? "stop (wait reached patience " + patience + ")"
                    : "no improvement (" + step.waited() + "/" + patience + ")";
            t.row(e.epoch(), e.loss(), e.valLoss(), step.best(), step.waited(), action);
        }
        return t;
    }

    public static String markdown(Map<String, List<RunResult>> repeats) {
        Map<String, RunResult> runs = Analyses.primary(repeats);
        List<RunSummary> s = Analyses.summaries(runs);
        List<SeedSummary> seeds = Analyses.seedSummaries(repeats);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 04 — Early stopping", repeats));
        sb.append("In this table `val_loss`/`val_accuracy` are the last epoch's; the model that is kept is the best "
                + "epoch's (restored), and the test accuracy is that model's.\n\n");
        for (Map.Entry<String, RunResult> e : runs.entrySet()) {
            int patience = e.getValue().config().earlyStopping().patience();
            sb.append("### ").append(e.getKey()).append(": epoch-by-epoch decision\n\n")
                    .append(trace(e.getValue().history(), patience)).append('\n');
        }
        sb.append("## Findings\n\n");
        for (RunSummary r : s) {
            sb.append("- ").append(r.label()).append(": ").append(r.stoppedEarly()
                    ? "stopped after epoch " + r.epochsRun() + " of 20"
                    : "ran all " + r.epochsRun() + " epochs").append("; best epoch ").append(r.bestEpoch())
                    .append(" (val_loss ").append(Fmt.num(r.bestValLoss())).append(")")
                    .append(r.restoredBest() ? ", whose weights were restored" : ", which was the last one")
                    .append("; test accuracy of the kept model ").append(Fmt.pct(r.testAccuracy())).append(".\n");
        }
        if (s.size() >= 2) {
            RunSummary a = s.get(0);
            RunSummary b = s.get(s.size() - 1);
            sb.append("- Larger patience (").append(b.label()).append(" vs ").append(a.label()).append(") trained ")
                    .append(b.epochsRun() - a.epochsRun()).append(" more epoch(s)");
            if (b.bestEpoch() > a.epochsRun()) {
                sb.append(" and found a later best epoch (").append(b.bestEpoch()).append(", val_loss ")
                        .append(Fmt.num(b.bestValLoss())).append(" vs ").append(Fmt.num(a.bestValLoss())).append(")");
            } else {
                sb.append(" without finding a better epoch (best epoch ").append(b.bestEpoch()).append(" in both)");
            }
            sb.append("; test accuracy ").append(Fmt.pct(b.testAccuracy())).append(" vs ").append(Fmt.pct(a.testAccuracy()))
                    .append(".\n");
            sb.append("- ").append(Findings.ranking("test accuracy of the kept model", seeds, SeedSummary::testAccuracy, false, true))
                    .append('\n');
        }
        sb.append("\n## Questions\n\n");
        RunSummary first = s.get(0);
        History h = runs.values().iterator().next().history();
        boolean lossFellThroughout = true;
        for (int i = 1; i < h.epochsRun(); i++) {
            lossFellThroughout &= h.epochs().get(i).loss() < h.epochs().get(i - 1).loss();
        }
        sb.append("**Why monitor validation loss rather than training loss?** The training loss measures fit to data the "
                + "model has seen; it keeps falling while the model memorises. ")
                .append(lossFellThroughout ? "Here it fell in every epoch of the " + first.label() + " run, so it would never have triggered a stop, "
                        : "Here it mostly fell, ")
                .append("while the validation loss, measured on the 5,000 held-out images, reached its minimum at epoch ")
                .append(first.bestEpoch()).append(". Loss rather than accuracy is monitored because it changes smoothly and "
                        + "also registers growing over-confidence on examples that are still classified correctly.\n\n");
        sb.append("**What does a larger patience do?** It tolerates longer plateaus before stopping: it costs epochs, and "
                + "pays off only when the validation loss improves again after a pause. With restore_best_weights the "
                + "extra epochs cannot make the kept model worse on validation; they can only find a better one.\n");
        return sb.toString();
    }
}
