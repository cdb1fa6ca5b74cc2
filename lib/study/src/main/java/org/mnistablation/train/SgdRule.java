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
    public void close() {
        if (velocityArray != null) {
            velocityArray.close();
        }
    }
}
