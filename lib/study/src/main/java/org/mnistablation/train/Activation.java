package org.mnistablation.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Hidden-layer activations of the study, named as in Keras. */
public enum Activation {
    RELU, TANH, SOFTSIGN, GELU, SIGMOID;

    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a Keras name ("relu", "tanh", ...); an unknown name gets a message listing the known ones. */
    public static Activation fromName(String name) {
        if (name != null) {
            for (Activation a : values()) {
                if (a.kerasName().equalsIgnoreCase(name.trim())) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("activation: unknown name '" + name + "'; use one of "
                + Arrays.stream(values()).map(Activation::kerasName).collect(Collectors.joining(", ")));
    }
}
