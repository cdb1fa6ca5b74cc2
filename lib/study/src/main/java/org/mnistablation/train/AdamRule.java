package org.mnistablation.train;

import java.util.List;
import org.mnistablation.model.Optimizer;

/**
 * Keras 3's {@code Adam} (β1 0.9, β2 0.999, ε 1e-7) and {@code AdamW}: at step t,
 * {@code m += (g − m)(1 − β1); v += (g² − v)(1 − β2); w −= α·m/(√v + ε)} with
 * {@code α = lr·√(1 − β2ᵗ)/(1 − β1ᵗ)}. AdamW first decays every variable, biases included, by
 * {@code w −= lr·wd·w}, outside the moments (decoupled).
 * <p>The update runs on heap arrays (the JIT vectorises loops over Java arrays, not over native buffers: measured
 * 350 µs per update of the baseline's 101,770 parameters on native buffers, 64–66 µs on arrays on one thread).
 */
final class AdamRule implements UpdateRule {

    private final double learningRate;
    private final float decayFactor;
    private final EngineParams m;
    private final EngineParams v;
    private final PairWorker pair;
    private long step;

    AdamRule(double learningRate, double weightDecay, EngineParams shape, PairWorker pair) {
        this.pair = pair;
        this.learningRate = learningRate;
        this.decayFactor = (float) (1.0 - learningRate * weightDecay);
        this.m = shape.zeros();
        this.v = shape.zeros();
    }

    @Override
    public void apply(EngineParams params, EngineParams gradient) {
        step++;
        float alpha = (float) (learningRate * Math.sqrt(1 - Math.pow(Optimizer.ADAM_BETA2, step))
                / (1 - Math.pow(Optimizer.ADAM_BETA1, step)));
        float[][] w = params.segments();
        float[][] g = gradient.segments();
        float[][] ms = m.segments();
        float[][] vs = v.segments();
        if (pair == null) {
            apply(w, g, ms, vs, alpha, false, false);
        } else { // one half of every segment on each thread
            pair.run(() -> apply(w, g, ms, vs, alpha, true, true), () -> apply(w, g, ms, vs, alpha, true, false));
        }
    }

    @Override
    public Checkpoint.OptimizerState state() {
        return new Checkpoint.OptimizerState(step, List.of(m.toFlat(), v.toFlat()));
    }

    @Override
    public void restore(Checkpoint.OptimizerState state) {
        if (state.arrays().size() != 2 || state.arrays().get(0).length != m.size()
                || state.arrays().get(1).length != v.size()) {
            throw new IllegalArgumentException("not the state of an Adam rule over " + m.size() + " parameters");
        }
        m.read(state.arrays().get(0));
        v.read(state.arrays().get(1));
        step = state.steps();
    }

    /** The update of every segment, or of one half of each ({@code upper}: the second); halves may run at once. */
    private void apply(float[][] w, float[][] g, float[][] ms, float[][] vs, float alpha, boolean half,
                       boolean upper) {
        for (int s = 0; s < w.length; s++) {
            int len = w[s].length;
            int from = half && upper ? len / 2 : 0;
            int to = half && !upper ? len / 2 : len;
            update(w[s], g[s], ms[s], vs[s], alpha, decayFactor, from, to);
        }
    }

    /** The update of elements [from, to) of one segment. */
    private static void update(float[] w, float[] g, float[] m, float[] v, float alpha, float decayFactor, int from,
                               int to) {
        float oneMinusB1 = (float) (1 - Optimizer.ADAM_BETA1);
        float oneMinusB2 = (float) (1 - Optimizer.ADAM_BETA2);
        float eps = (float) Optimizer.ADAM_EPSILON;
        if (decayFactor != 1f) {
            for (int i = from; i < to; i++) {
                w[i] *= decayFactor;
            }
        }
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = m[i] + (gi - m[i]) * oneMinusB1;
            float vi = v[i] + (gi * gi - v[i]) * oneMinusB2;
            m[i] = mi;
            v[i] = vi;
            w[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
    }
}
