package org.mnistablation.analysis;

import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** Task07: SGD(0.01), SGD momentum 0.9, Adam, AdamW(wd 0.01); dropout 0.1, 5 epochs. */
public final class OptimizerAnalysis {

    private OptimizerAnalysis() {
    }

    /** The first epoch (from 1) whose validation accuracy reaches {@code target}, or -1. */
    public static int epochsToReach(History h, double target) {
        for (EpochStats e : h.epochs()) {
            if (e.valAccuracy() >= target) {
                return e.epoch();
            }
        }
        return -1;
    }

    public static MarkdownTable speedTable(Map<String, RunResult> runs, double... targets) {
        String[] head = new String[targets.length + 2];
        head[0] = "optimizer";
        head[1] = "val_accuracy after epoch 1";
        for (int i = 0; i < targets.length; i++) {
            head[i + 2] = "epochs to val_accuracy ≥ " + Fmt.pct(targets[i]);
        }
        MarkdownTable t = new MarkdownTable(head);
        runs.forEach((label, r) -> {
            Object[] row = new Object[targets.length + 2];
            row[0] = label;
            row[1] = Fmt.pct(r.history().epochs().get(0).valAccuracy());
            for (int i = 0; i < targets.length; i++) {
                int e = epochsToReach(r.history(), targets[i]);
                row[i + 2] = e < 0 ? "not within " + r.history().epochsRun() : String.valueOf(e);
            }
            t.row(row);
        });
        return t;
    }

    /** The factor an untouched weight shrinks by under AdamW's decoupled decay over a whole run: (1 − lr·wd)^steps. */
    public static double decayFactor(RunResult adamW, int trainCount) {
        var c = adamW.config();
        long steps = (long) Math.ceil((double) trainCount / c.batchSize()) * adamW.history().epochsRun();
        return Math.pow(1 - c.optimizer().learningRate() * c.optimizer().weightDecay(), steps);
    }

    public static String markdown(Map<String, List<RunResult>> repeats, int trainCount) {
        Map<String, RunResult> runs = Analyses.primary(repeats);
        List<RunSummary> s = Analyses.summaries(runs);
        List<SeedSummary> seeds = Analyses.seedSummaries(repeats);
        StringBuilder sb = new StringBuilder(Analyses.header("Task 07 — Optimizers", repeats));
        sb.append("Speed of convergence:\n\n").append(speedTable(runs, 0.95, 0.97)).append('\n');
        sb.append("## Findings\n\n");
        sb.append("- ").append(Findings.ranking("final validation loss", seeds, SeedSummary::valLoss, true, false)).append('\n');
        sb.append("- ").append(Findings.ranking("final validation accuracy", seeds, SeedSummary::valAccuracy, false, true)).append('\n');
        RunSummary slowest = Findings.rank(s, RunSummary::valAccuracy, false).get(s.size() - 1);
        sb.append("- Slowest to learn: ").append(slowest.label()).append(", at ").append(Fmt.pct(slowest.valAccuracy()))
                .append(" validation accuracy after ").append(slowest.epochsRun()).append(" epochs.\n");
        sb.append("\n## Questions\n\n**Why do adaptive methods get ahead in few epochs?** Plain SGD moves every weight by the "
                + "same learning rate times its gradient; momentum accumulates a velocity along consistent directions; "
                + "Adam scales each weight's step by a running estimate of its gradient's magnitude, so rarely active "
                + "inputs (MNIST's border pixels) and frequent ones both move at a useful speed. AdamW differs from "
                + "Adam only by decaying the weights directly (decoupled from the gradient statistics).");
        runs.values().stream().filter(r -> r.config().optimizer().kind() == org.mnistablation.model.Optimizer.Kind.ADAMW)
                .findFirst().ifPresent(r -> sb.append(" Over this run (").append(r.history().epochsRun())
                        .append(" epochs of ").append((int) Math.ceil((double) trainCount / r.config().batchSize()))
                        .append(" steps) the decay alone would shrink an untouched weight to ")
                        .append(Fmt.pct(decayFactor(r, trainCount))).append(" of its size — a mild pull at this budget."));
        sb.append('\n');
        return sb.toString();
    }
}
