package org.mnistablation.model;

/** Keras's {@code regularizers.l2(λ)}: adds {@code λ·Σw²} of the kernel it is attached to to the loss. */
public record L2(double lambda) {

    public L2 {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("l2(λ) needs a finite λ >= 0, got " + lambda);
        }
    }
}
