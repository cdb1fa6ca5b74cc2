package org.mnistablation.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.RunConfig;

/**
 * Training-step time under control, for questions about cost: every configuration's steps run on this thread alone
 * (one core, no helper thread), after an untimed warm-up round, in interleaved rounds (round 1 times each configuration in turn,
 * then round 2, …) so that a change of machine load between rounds touches every configuration alike. Within a
 * round a configuration runs {@link #BLOCKS} blocks of steps and keeps the fastest block's time per step: a block
 * that another process interrupted is slower, never faster, so the fastest is the least disturbed. Wall times
 * recorded while the study trained (other runs sharing the cores) are not comparable; these are. The warm-up is a
 * whole round, not a few steps of each configuration: after 100 steps each, the first timed round still ran 1.04× to
 * 2.7× slower than the later ones (the JIT compiles each configuration's loops later), which made seed 1's time of
 * every setting too high, by a different factor for each.
 */
public final class StepTimer {

    /** Blocks per round and configuration; the fastest counts. */
    static final int BLOCKS = 5;

    private StepTimer() {
    }

    /**
     * Seconds per training step, {@code [config][round]}: {@code rounds} rounds, each timing {@link #BLOCKS} blocks
     * of {@code steps} steps of every configuration and keeping its fastest block, on the engine that trains the
     * model, from each configuration's initial weights.
     */
    public static double[][] secondsPerStep(List<RunConfig> configs, LabeledImages train, int steps, int rounds) {
        if (steps < 1 || rounds < 1) {
            throw new IllegalArgumentException("steps and rounds must be ≥ 1, got " + steps + " and " + rounds);
        }
        NdRuntime.ensureReady();
        List<StepEngine> engines = new ArrayList<>();
        List<int[]> orders = new ArrayList<>();
        try {
            for (RunConfig c : configs) {
                MultiLayerNetwork net = Dl4jModel.build(c.model(), c.seed());
                engines.add(Engine.choose(c.model()).engine() == Engine.FUSED ? new FusedEngine(net, c, train, 1)
                        : new Dl4jFitEngine(net, c, train));
                orders.add(Shuffle.permutation(train.count(), new Lcg48(c.seed())));
            }
            int[] next = new int[configs.size()];
            for (int i = 0; i < configs.size(); i++) {
                engines.get(i).startEpoch(orders.get(i));
            }
            double[][] out = new double[configs.size()][rounds];
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (int i = 0; i < configs.size(); i++) {
                    double fastest = Double.POSITIVE_INFINITY;
                    for (int b = 0; b < BLOCKS; b++) {
                        long t0 = System.nanoTime();
                        next[i] = run(engines.get(i), configs.get(i).batchSize(), train.count(), next[i], steps);
                        fastest = Math.min(fastest, (System.nanoTime() - t0) / 1e9 / steps);
                    }
                    if (r >= 0) {
                        out[i][r] = fastest;
                    }
                }
            }
            return out;
        } finally {
            engines.forEach(StepEngine::close);
        }
    }

    /** Runs {@code steps} steps from minibatch {@code at}, wrapping at the end of the epoch; returns the next one. */
    private static int run(StepEngine engine, int batch, int n, int at, int steps) {
        int perEpoch = (n + batch - 1) / batch;
        for (int s = 0; s < steps; s++) {
            int from = at * batch;
            engine.step(from, Math.min(n, from + batch));
            at = (at + 1) % perEpoch;
        }
        return at;
    }
}
