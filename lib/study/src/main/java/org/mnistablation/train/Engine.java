package org.mnistablation.train;

import java.util.List;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;

/** How a model's minibatch steps are computed; {@link #choose} picks the fused engine wherever it can run the model. */
public enum Engine {
    /** Hand-written forward/backward and Keras update on the network's own parameters ({@link FusedEngine}). */
    FUSED("fused engine"),
    /** One {@code MultiLayerNetwork.fit} per minibatch ({@link Dl4jFitEngine}); the reference, and the fallback. */
    DL4J_FIT("DL4J fit");

    private final String label;

    Engine(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The engine for a model and, when it is not the fused one, why. */
    public record Choice(Engine engine, String reason) {

        /** "fused engine", or "DL4J fit (hidden activation elu has no fused kernel)". */
        public String describe() {
            return engine.label() + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /** The fused engine when it supports every layer of {@code model} and OpenBLAS loads; DL4J's fit otherwise. */
    public static Choice choose(ModelDefinition model) {
        List<Dense> dense = model.dense();
        for (int i = 0; i < dense.size() - 1; i++) {
            Dense d = dense.get(i);
            if (!ActivationKernels.SUPPORTED.contains(d.activation())) {
                return new Choice(DL4J_FIT, "hidden activation " + d.activation().kerasName() + " has no fused kernel");
            }
        }
        String blas = Blas.unavailableReason();
        if (blas != null) {
            return new Choice(DL4J_FIT, blas);
        }
        return new Choice(FUSED, null);
    }
}
