package org.mnistablation.model;

/** One layer of a {@link ModelDefinition}, named and parameterised as in Keras. */
public sealed interface Layer permits Flatten, Dense, Dropout {

    /** Keras's own spelling, e.g. {@code Dense(128, activation="relu")}. */
    String keras();
}
