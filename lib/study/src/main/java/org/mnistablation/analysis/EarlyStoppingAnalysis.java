package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.Optimizer;
import org.mnistablation.train.EarlyStoppingRule;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/**
 * Task04: EarlyStopping(monitor val_loss, patience, restore_best_weights) with Adam at two patiences; optionally the
 * same callback with SGD (the seed's question 4) and the same model trained for all epochs without a callback
 * (question 5). Which setting is which is read from the runs' configurations.
 */
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

    static boolean adaptive(Setting s) {
        return s.config().optimizer().kind() != Optimizer.Kind.SGD;
    }

    public static String markdown(Map<String, List<RunResult>> runs, Context ctx) {
        List<Setting> all = Analyses.settings(runs);
        List<Setting> stopped = all.stream().filter(s -> s.config().earlyStopping() != null).toList();
        List<Setting> adam = stopped.stream().filter(EarlyStoppingAnalysis::adaptive)
                .sorted(java.util.Comparator.comparingInt(s -> s.config().earlyStopping().patience())).toList();
        Optional<Setting> sgd = stopped.stream().filter(s -> !adaptive(s)).findFirst();
        Optional<Setting> noCallback = all.stream().filter(s -> s.config().earlyStopping() == null).findFirst();
        StringBuilder sb = new StringBuilder(Analyses.header("Task 04 — Early stopping", all, ctx));
        sb.append("In this table val_loss and val_accuracy are those of the kept epoch: with restore_best_weights the "
                + "best val_loss epoch's (restored), without a callback the last epoch's; the test accuracy is the kept "
                + "model's.\n\n");
        for (Setting s : stopped) {
            int patience = s.config().earlyStopping().patience();
            sb.append("### ").append(s.label()).append(": epoch-by-epoch decision (seed ").append(s.first().config().seed())
                    .append(")\n\n").append(trace(s.first().history(), patience)).append('\n');
        }
        sb.append("## Findings\n\n");
        for (Setting s : all) {
            sb.append("- ").append(s.label()).append(": ").append(stopSentence(s)).append('\n');
        }
        String q3 = "";
        if (adam.size() >= 2) {
            Setting a = adam.get(0);
            Setting b = adam.get(adam.size() - 1);
            int differentKept = 0;
            for (int i = 0; i < Math.min(a.seeds(), b.seeds()); i++) {
                differentKept += a.runs().get(i).history().kept().epoch() != b.runs().get(i).history().kept().epoch() ? 1 : 0;
            }
            q3 = "- Patience " + b.config().earlyStopping().patience() + " instead of " + a.config().earlyStopping().patience()
                    + ": " + Findings.versus("epochs run", b.label(), b.epochsRun(), a.label(), a.epochsRun(), Unit.EPOCHS)
                    + " It kept a different epoch in " + differentKept + " of " + Math.min(a.seeds(), b.seeds()) + " seeds"
                    + (differentKept == 0 ? " (the same model in every seed, so its test accuracy can only tie)." : ".")
                    + "\n- " + Findings.versus("test accuracy", b.label(), b.testAccuracy(), a.label(), a.testAccuracy(), Unit.PERCENT)
                    + "\n- " + Findings.versus("training seconds", b.label(), b.totalSeconds(), a.label(), a.totalSeconds(), Unit.SECONDS)
                    + "\n";
            sb.append(q3);
        }
        String q4 = "";
        if (sgd.isPresent() && !adam.isEmpty()) {
            Setting g = sgd.get();
            Setting a = adam.stream().filter(x -> x.config().earlyStopping().patience() == g.config().earlyStopping().patience())
                    .findFirst().orElse(adam.get(0));
            long gStopped = g.runs().stream().filter(r -> r.history().stoppedEarly()).count();
            long aStopped = a.runs().stream().filter(r -> r.history().stoppedEarly()).count();
            q4 = "- With SGD (" + g.label() + ") early stopping ended training before epoch " + g.config().epochs() + " in "
                    + gStopped + " of " + g.seeds() + " seeds, with Adam (" + a.label() + ") in " + aStopped + " of " + a.seeds()
                    + ".\n- " + Findings.versus("epoch of the lowest val_loss", g.label(), g.bestEpoch(), a.label(), a.bestEpoch(), Unit.EPOCHS)
                    + "\n- " + Findings.versus("test accuracy", g.label(), g.testAccuracy(), a.label(), a.testAccuracy(), Unit.PERCENT) + "\n";
            sb.append(q4);
        }
        String q5 = "";
        if (noCallback.isPresent() && !adam.isEmpty()) {
            Setting n = noCallback.get();
            Setting a = adam.get(0);
            Stats.Welch gap = Stats.welch(a.keptTestGap(), n.keptTestGap());
            q5 = "- " + Findings.versus("gap test loss − training loss of the kept epoch (the validation-side gap is not "
                    + "compared: validation chose one model's epoch and not the other's)", a.label(), a.keptTestGap(), n.label(),
                    n.keptTestGap(), Unit.LOSS)
                    + "\n- " + Findings.versus("test accuracy", a.label(), a.testAccuracy(), n.label(), n.testAccuracy(), Unit.PERCENT)
                    + "\n- " + (gap.verdict() == Stats.Verdict.UNTESTED
                    ? "With one seed the gap comparison cannot be tested, so early stopping is neither shown nor ruled out as a regulariser here"
                    : gap.verdict() == Stats.Verdict.LOWER
                    ? "The early-stopped model's gap is smaller than that of the model trained for all " + n.config().epochs()
                      + " epochs (p < 0.05): in this sense it acted as a regulariser here"
                    : "The early-stopped model's gap is not smaller than that of the model trained for all " + n.config().epochs()
                      + " epochs at p < 0.05: these runs do not show it acting as a regulariser")
                    + "; whether that paid off on unseen data is the test-accuracy comparison above.\n";
            sb.append(q5);
        }
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**1. When does training stop?** Measured: the epochs run per seed, above.\n\n");
        sb.append("**2. Which weights does the model keep?** Measured: the kept epoch per seed (the lowest val_loss, "
                + "restored at the end of training), above.\n\n");
        sb.append("**3. What does a larger patience buy?** ").append(q3.isEmpty() ? "Not measured: only one patience was run.\n\n"
                : "Measured: the patience comparison above (epochs, kept epoch, test accuracy, time).\n\n");
        sb.append("**4. Would SGD change the early-stopping pattern?** ").append(q4.isEmpty()
                ? "Not measured: no early-stopping run with SGD in this notebook.\n\n"
                : "Measured by the added SGD run: the stop and best-epoch comparison above.\n\n");
        sb.append("**5. Is early stopping a form of regularisation?** ").append(q5.isEmpty()
                ? "Not measured: no run of the same model without the callback in this notebook.\n\n"
                : "Measured against the same model trained for all epochs without the callback: the gap and test-accuracy "
                  + "comparison above. Background: stopping at the lowest validation loss limits how far the weights move "
                  + "from their small initial values, which is why it is counted among the regularisers.\n\n");
        sb.append("**Background: why monitor the validation loss?** The training loss measures fit to images the model has "
                + "seen and keeps falling while it memorises; the validation loss is measured on held-out images. The loss is "
                + "monitored rather than the accuracy because it also registers growing over-confidence on images that are "
                + "still classified correctly.\n");
        return sb.toString();
    }

    /** "ran all 20 epochs in seeds 42, 44; stopped after 11 in seed 43; kept epochs 8, 11, 7 (restored)". */
    static String stopSentence(Setting s) {
        long early = s.runs().stream().filter(r -> r.history().stoppedEarly()).count();
        StringBuilder sb = new StringBuilder();
        sb.append("epochs run ").append(Findings.perSeed(s.epochsRun(), Unit.EPOCHS)).append(" of ").append(s.config().epochs())
                .append(" (stopped early in ").append(early).append(" of ").append(s.seeds()).append(" seeds); kept epoch ")
                .append(Findings.perSeed(s.keptEpoch(), Unit.EPOCHS))
                .append(s.lastEpochModels() ? " (the last one: no callback restores weights)" : " (best val_loss, restored)")
                .append("; test accuracy of the kept model ").append(Findings.value(s.testAccuracy(), Unit.PERCENT)).append('.');
        return sb.toString();
    }
}
