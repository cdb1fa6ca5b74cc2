package org.mnistablation.train;

import java.util.List;

/**
 * Keras's {@code SGD(learning_rate, momentum)}: {@code w −= lr·g} without momentum; with it, classical momentum
 * {@code v = momentum·v − lr·g; w += v} (as {@link KerasMomentum} does for DL4J).
 */
final class SgdRule implements UpdateRule {

    private final float learningRate;
    private final float momentum;
    private final EngineParams velocity;

    SgdRule(double learningRate, double momentum, EngineParams shape) {
        this.learningRate = (float) learningRate;
        this.momentum = (float) momentum;
        this.velocity = momentum > 0 ? shape.zeros() : null;
    }

    @Override
    public void apply(EngineParams params, EngineParams gradient) {
        float[][] w = params.segments();
        float[][] g = gradient.segments();
        float step = -learningRate;
        for (int s = 0; s < w.length; s++) {
            float[] ws = w[s];
            float[] gs = g[s];
            if (velocity == null) {
                for (int i = 0; i < ws.length; i++) {
                    ws[i] += step * gs[i];
                }
            } else {
                float[] vs = velocity.segments()[s];
                for (int i = 0; i < ws.length; i++) {
                    float vi = momentum * vs[i] + step * gs[i];
                    vs[i] = vi;
                    ws[i] += vi;
                }
            }
        }
    }

    @Override
    public Checkpoint.OptimizerState state() {
        return new Checkpoint.OptimizerState(0, velocity == null ? List.of() : List.of(velocity.toFlat()));
    }

    @Override
    public void restore(Checkpoint.OptimizerState state) {
        int expected = velocity == null ? 0 : 1;
        if (state.arrays().size() != expected || (velocity != null && state.arrays().get(0).length != velocity.size())) {
            throw new IllegalArgumentException("not the state of this SGD rule (" + expected + " velocity arrays)");
        }
        if (velocity != null) {
            velocity.read(state.arrays().get(0));
        }
    }
}
