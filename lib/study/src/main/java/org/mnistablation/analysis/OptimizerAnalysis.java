package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.Optimizer;
import org.mnistablation.train.History;

/** Task07: SGD, SGD with momentum, Adam, AdamW (read from each setting's optimizer). */
public final class OptimizerAnalysis {

    private OptimizerAnalysis() {
    }

    /** The first epoch (from 1) whose validation accuracy reaches {@code target}, or -1. */
    public static int epochsToReach(History h, double target) {
        return Findings.epochsToReach(h, target);
    }

    /** The factor an untouched weight shrinks by under AdamW's decoupled decay over a whole run: (1 − lr·wd)^steps. */
    public static double decayFactor(RunResult adamW, int trainCount) {
        var c = adamW.config();
        long steps = (long) Math.ceil((double) trainCount / c.batchSize()) * adamW.history().epochsRun();
        return Math.pow(1 - c.optimizer().learningRate() * c.optimizer().weightDecay(), steps);
    }

    static boolean adaptive(Setting s) {
        return s.config().optimizer().kind() != Optimizer.Kind.SGD;
    }

    /** Accuracy targets read from the runs: the lowest and the highest mean final validation accuracy, floored to 0.5 pp. */
    static double[] targets(List<Setting> s) {
        double lo = s.stream().mapToDouble(x -> x.keptValAccuracy().mean()).min().orElse(0.9);
        double hi = s.stream().mapToDouble(x -> x.keptValAccuracy().mean()).max().orElse(0.9);
        return new double[]{Math.floor(lo * 200) / 200, Math.floor(hi * 200) / 200};
    }

    /** Per setting: validation accuracy after epoch 1 and the epoch each seed reached each target. */
    public static MarkdownTable speedTable(List<Setting> s, double... targets) {
        String[] head = new String[targets.length + 2];
        head[0] = "optimizer";
        head[1] = "val_accuracy after epoch 1 (%)";
        for (int i = 0; i < targets.length; i++) {
            head[i + 2] = "epoch reaching val_accuracy ≥ " + Unit.PERCENT.value(targets[i]) + ", per seed";
        }
        MarkdownTable t = new MarkdownTable(head);
        for (Setting x : s) {
            Object[] row = new Object[targets.length + 2];
            row[0] = x.label();
            row[1] = Findings.cell(x.valAccuracyAfter(1), Unit.PERCENT);
            for (int i = 0; i < targets.length; i++) {
                List<String> e = new ArrayList<>();
                for (RunResult r : x.runs()) {
                    int k = epochsToReach(r.history(), targets[i]);
                    e.add(k < 0 ? "—" : String.valueOf(k));
                }
                row[i + 2] = String.join(", ", e);
            }
            t.row(row);
        }
        return t;
    }

    /** How far the first-layer weights of never-lit pixels moved, per setting (first seed). */
    public static MarkdownTable motionTable(Map<String, WeightMotion> motion) {
        MarkdownTable t = new MarkdownTable("optimizer", "pixels zero in every training image", "mean |Δw| of their weights",
                "share of them unmoved (|Δw| < 1e-6)", "mean |Δw| of the other pixels' weights");
        motion.forEach((label, m) -> t.row(label, m.deadPixels(), m.deadPixels() == 0 ? "—" : Unit.PLAIN.number(m.meanMoveDead()),
                m.deadPixels() == 0 ? "—" : Unit.PERCENT.value(m.shareUnmovedDead()), Unit.PLAIN.number(m.meanMoveLive())));
        return t;
    }

    public static String markdown(Map<String, List<RunResult>> runs, Context ctx, Map<String, WeightMotion> motion) {
        List<Setting> s = Analyses.settings(runs);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 07 — Optimizers", s, ctx));
        double[] targets = targets(s);
        sb.append("Speed of convergence (targets: the lowest and the highest mean final validation accuracy of these "
                + "settings, rounded down to 0.5 pp; — means not reached):\n\n").append(speedTable(s, targets)).append('\n');
        if (motion != null && !motion.isEmpty()) {
            sb.append("How far training moved the first layer's weights from their initial values (first seed):\n\n")
                    .append(motionTable(motion)).append('\n');
        }
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("test accuracy", s, Setting::testAccuracy, true, Unit.PERCENT)).append('\n');
        sb.append("- ").append(Findings.ranking("validation accuracy after epoch 1", s, x -> x.valAccuracyAfter(1), true, Unit.PERCENT)).append('\n');
        for (int i = 1; i < s.size(); i++) {
            Setting a = s.get(i);
            Setting b = s.get(i - 1);
            sb.append("- ").append(Findings.versus("validation accuracy after epoch 1", a.label(), a.valAccuracyAfter(1),
                    b.label(), b.valAccuracyAfter(1), Unit.PERCENT)).append('\n');
        }
        List<Setting> adaptive = s.stream().filter(OptimizerAnalysis::adaptive).toList();
        List<Setting> sgd = s.stream().filter(x -> !adaptive(x)).toList();
        if (!adaptive.isEmpty() && !sgd.isEmpty()) {
            Setting bestSgd = sgd.stream().max(java.util.Comparator.comparingDouble(x -> x.valAccuracyAfter(1).mean())).orElseThrow();
            long ahead = adaptive.stream().filter(a -> Findings.verdict(a.valAccuracyAfter(1), bestSgd.valAccuracyAfter(1))
                    == Stats.Verdict.HIGHER).count();
            boolean untested = s.stream().anyMatch(x -> x.seeds() < 2);
            if (untested) {
                sb.append("- With one seed per setting it cannot be tested whether the adaptive optimizers got ahead of SGD in the first epoch.\n");
            } else
            sb.append("- After one epoch, ").append(ahead).append(" of the ").append(adaptive.size())
                    .append(" adaptive optimizers are ahead of the better SGD variant (").append(bestSgd.label())
                    .append(") at p < 0.05").append(ahead == adaptive.size() ? ": here the adaptive methods started faster."
                            : ahead == 0 ? ": these runs do not show adaptive methods getting ahead in the first epoch." : ".")
                    .append('\n');
        }
        if (motion != null && !motion.isEmpty()) {
            for (Map.Entry<String, WeightMotion> e : motion.entrySet()) {
                WeightMotion m = e.getValue();
                if (m.deadPixels() == 0) {
                    sb.append("- ").append(e.getKey()).append(": every pixel is lit in some training image, so no "
                            + "first-layer weight is cut off from the gradient.\n");
                    continue;
                }
                sb.append("- ").append(e.getKey()).append(": of the weights from the ").append(m.deadPixels())
                        .append(" pixels that are zero in every training image, ").append(Unit.PERCENT.value(m.shareUnmovedDead()))
                        .append(" did not move").append(m.shareUnmovedDead() > 0.99 ? " (no gradient reaches them)"
                                : runs.get(e.getKey()).get(0).config().optimizer().weightDecay() > 0
                                ? " (AdamW's decoupled weight decay shrinks every weight, whatever its gradient)"
                                : " (something other than the data's gradient moved them)").append(".\n");
            }
        }
        s.stream().filter(x -> x.config().optimizer().kind() == Optimizer.Kind.ADAMW).findFirst().ifPresent(x ->
                sb.append("- ").append(x.label()).append(": over its ").append(x.first().history().epochsRun()).append(" epochs of ")
                        .append((int) Math.ceil((double) ctx.trainCount() / x.config().batchSize()))
                        .append(" steps each, the decoupled decay alone shrinks an untouched weight to ")
                        .append(Unit.PERCENT.value(decayFactor(x.first(), ctx.trainCount()))).append(" of its size (first seed).\n"));
        sb.append(Analyses.ruleLine());
        sb.append("\n## Questions\n\n");
        sb.append("**SGD → momentum → Adam → AdamW: what does each step change?** Measured: the speed table and the "
                + "epoch-1 comparisons of each optimizer with the one before it, and the test-accuracy ranking. "
                + "Background: plain SGD moves every weight by the learning rate times its gradient; momentum accumulates "
                + "a velocity along consistent directions; Adam divides each weight's step by a running estimate of its "
                + "gradient's magnitude; AdamW adds a decay of the weights that is decoupled from the gradient "
                + "statistics. A weight whose input is zero in every image gets no gradient, so no optimizer moves it "
                + "except through weight decay — the motion table measures this.\n");
        return sb.toString();
    }
}
