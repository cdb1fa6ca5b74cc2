package org.mnistablation.train;

import org.mnistablation.model.Optimizer;

/**
 * Keras 3's {@code Adam} (β1 0.9, β2 0.999, ε 1e-7) and {@code AdamW}: at step t,
 * {@code m += (g − m)(1 − β1); v += (g² − v)(1 − β2); w −= α·m/(√v + ε)} with
 * {@code α = lr·√(1 − β2ᵗ)/(1 − β1ᵗ)}. AdamW first decays every variable, biases included, by
 * {@code w −= lr·wd·w}, outside the moments (decoupled).
 * <p>The update runs on heap arrays (the JIT vectorises loops over Java arrays, not over native buffers: measured
 * 350 µs per update of the baseline's 101,770 parameters on native buffers, 64–66 µs this way on one thread). The heap
 * copy of the parameters is the rule's own between {@link #load}s — only this rule changes them while an epoch runs —
 * so a step copies the gradient in and the parameters out, not the parameters in as well.
 */
final class AdamRule implements UpdateRule {

    private final double learningRate;
    private final float decayFactor;
    private final float[] m;
    private final float[] v;
    private final float[] w;
    private final float[] g;
    private final PairWorker pair;
    private long step;
    private boolean loaded;

    AdamRule(double learningRate, double weightDecay, int length, PairWorker pair) {
        this.pair = pair;
        this.learningRate = learningRate;
        this.decayFactor = (float) (1.0 - learningRate * weightDecay);
        this.m = new float[length];
        this.v = new float[length];
        this.w = new float[length];
        this.g = new float[length];
    }

    @Override
    public void load(NativeFloats params) {
        params.buffer.get(0, w, 0, w.length);
        loaded = true;
    }

    @Override
    public void apply(NativeFloats params, NativeFloats gradient) {
        if (!loaded) {
            load(params);
        }
        step++;
        float alpha = (float) (learningRate * Math.sqrt(1 - Math.pow(Optimizer.ADAM_BETA2, step))
                / (1 - Math.pow(Optimizer.ADAM_BETA1, step)));
        int n = w.length;
        if (pair == null) {
            apply(params, gradient, alpha, 0, n);
        } else {
            int mid = n / 2;
            pair.run(() -> apply(params, gradient, alpha, mid, n), () -> apply(params, gradient, alpha, 0, mid));
        }
    }

    @Override
    public Checkpoint.OptimizerState state() {
        return new Checkpoint.OptimizerState(step, java.util.List.of(m.clone(), v.clone()));
    }

    @Override
    public void restore(Checkpoint.OptimizerState state) {
        if (state.arrays().size() != 2 || state.arrays().get(0).length != m.length
                || state.arrays().get(1).length != v.length) {
            throw new IllegalArgumentException("not the state of an Adam rule over " + m.length + " parameters");
        }
        System.arraycopy(state.arrays().get(0), 0, m, 0, m.length);
        System.arraycopy(state.arrays().get(1), 0, v, 0, v.length);
        step = state.steps();
        loaded = false; // the parameters are the checkpoint's: taken at the next load or step
    }

    /** The update of elements [from, to); disjoint ranges may run on different threads. */
    private void apply(NativeFloats params, NativeFloats gradient, float alpha, int from, int to) {
        int len = to - from;
        gradient.buffer.get(from, g, from, len);
        update(w, g, m, v, alpha, decayFactor, from, to);
        params.buffer.put(from, w, from, len);
    }

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
