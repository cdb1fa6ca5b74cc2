package org.mnistablation.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Activations a {@link Dense} layer can use, named as in Keras 3. */
public enum Activation {
    RELU, TANH, SOFTSIGN, GELU, SIGMOID, LINEAR, ELU, SELU, SWISH, SOFTMAX;

    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a Keras name ("relu", "tanh", ...; "silu" is Keras's other name for swish). */
    public static Activation fromName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("silu")) {
                return SWISH;
            }
            for (Activation a : values()) {
                if (a.kerasName().equals(n)) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("activation: unknown name '" + name + "'; use one of "
                + Arrays.stream(values()).map(Activation::kerasName).collect(Collectors.joining(", ")));
    }
}
