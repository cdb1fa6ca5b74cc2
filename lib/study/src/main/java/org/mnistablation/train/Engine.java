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

    /** This engine, chosen with no reason to give (the fused engine, or DL4J's fit asked for). */
    public Choice chosen() {
        return new Choice(this, null);
    }

    /**
     * The engine for a model and, when it is not the fused one, why. A run cache entry that names no engine (or one
     * this version does not know) reads as {@link #UNRECORDED}, whose engine is null.
     */
    public record Choice(Engine engine, String reason) {

        /** The engine of a run whose record does not say which trained it. */
        public static final Choice UNRECORDED = new Choice(null, null);

        /** "fused engine", or "DL4J fit (hidden activation elu has no fused kernel)"; "?" when unrecorded. */
        public String describe() {
            if (engine == null) {
                return "?";
            }
            return engine.label() + (reason == null ? "" : " (" + reason + ")");
        }

        /** The choice {@link #describe()} wrote (what the run cache stores); {@link #UNRECORDED} for anything else. */
        public static Choice parse(String described) {
            for (Engine e : values()) {
                if (described.equals(e.label())) {
                    return e.chosen();
                }
                String open = e.label() + " (";
                if (described.startsWith(open) && described.endsWith(")")) {
                    return new Choice(e, described.substring(open.length(), described.length() - 1));
                }
            }
            return UNRECORDED;
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
        return FUSED.chosen();
    }
}
