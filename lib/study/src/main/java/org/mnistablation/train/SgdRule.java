package org.mnistablation.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code SGD(learning_rate, momentum)}: {@code w −= lr·g} without momentum; with it, classical momentum
 * {@code v = momentum·v − lr·g; w += v} (as {@link KerasMomentum} does for DL4J).
 */
final class SgdRule implements UpdateRule {

    private final float learningRate;
    private final float momentum;
    private final INDArray velocityArray;
    private final NativeFloats velocity;

    SgdRule(double learningRate, double momentum, int length) {
        this.learningRate = (float) learningRate;
        this.momentum = (float) momentum;
        this.velocityArray = momentum > 0 ? NativeFloats.allocate(length) : null;
        this.velocity = momentum > 0 ? NativeFloats.of(velocityArray) : null;
    }

    @Override
    public void apply(NativeFloats params, NativeFloats gradient) {
        if (velocity == null) {
            Blas.axpy(params.length, -learningRate, gradient, params);
            return;
        }
        Blas.scal(momentum, velocity);
        Blas.axpy(params.length, -learningRate, gradient, velocity);
        Blas.axpy(params.length, 1f, velocity, params);
    }

    @Override
    public Checkpoint.OptimizerState state() {
        return new Checkpoint.OptimizerState(0, velocity == null ? java.util.List.of() : java.util.List.of(copy(velocity)));
    }

    @Override
    public void restore(Checkpoint.OptimizerState state) {
        int expected = velocity == null ? 0 : 1;
        if (state.arrays().size() != expected || (velocity != null && state.arrays().get(0).length != velocity.length)) {
            throw new IllegalArgumentException("not the state of this SGD rule (" + expected + " velocity arrays)");
        }
        if (velocity != null) {
            velocity.buffer.put(0, state.arrays().get(0));
        }
    }

    private static float[] copy(NativeFloats values) {
        float[] out = new float[values.length];
        values.buffer.get(0, out);
        return out;
    }

    @Override
    public void close() {
        if (velocityArray != null) {
            velocityArray.close();
        }
    }
}
