package org.mnistablation.model;

/**
 * Keras's {@code Dropout(rate)}: while training, each value passing through is zeroed with probability {@code rate}
 * and the survivors are scaled by {@code 1/(1 − rate)}; at inference it passes values through unchanged.
 */
public record Dropout(double rate) implements Layer {

    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout(rate) needs 0 <= rate < 1 (the probability of dropping a value), got "
                    + rate);
        }
    }

    @Override
    public String keras() {
        return "Dropout(" + Numbers.plain(rate) + ")";
    }
}
