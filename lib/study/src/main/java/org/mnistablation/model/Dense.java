package org.mnistablation.model;

/**
 * Keras's {@code Dense(units, activation, kernel_regularizer=l2(λ))}: Glorot-uniform kernel, zero bias.
 *
 * @param l2 λ of the kernel's L2 regulariser, 0 for none
 */
public record Dense(int units, Activation activation, double l2) implements Layer {

    public Dense {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense needs units > 0, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("Dense needs an activation, e.g. \"relu\"");
        }
        new L2(l2); // validates λ
    }

    public Dense(int units, Activation activation) {
        this(units, activation, 0);
    }

    /** The same layer with {@code kernel_regularizer=l2(λ)}. */
    public Dense kernelRegularizer(L2 regularizer) {
        return new Dense(units, activation, regularizer.lambda());
    }

    @Override
    public String keras() {
        return "Dense(" + units + ", activation=\"" + activation.kerasName() + "\""
                + (l2 > 0 ? ", kernel_regularizer=l2(" + Numbers.plain(l2) + ")" : "") + ")";
    }
}
