package org.mnistablation.train;

import org.mnistablation.model.RunConfig;

/**
 * A run's initial weights, kept with the run: the weights training started from, or — for a run loaded from the run
 * cache, which stores only the kept weights — {@link Weights#initial rebuilt} from the run's configuration the first
 * time they are asked for (DL4J's initialisation with the run's seed, the same values), and kept from then on.
 */
public final class InitialWeights {

    private final RunConfig config;
    private Weights weights;

    private InitialWeights(RunConfig config, Weights weights) {
        this.config = config;
        this.weights = weights;
    }

    /** The weights a run was seen to start from. */
    public static InitialWeights of(RunConfig config, Weights weights) {
        return new InitialWeights(config, weights);
    }

    /** The initial weights of {@code config}'s run, built when first asked for. */
    public static InitialWeights rebuiltWhenNeeded(RunConfig config) {
        return new InitialWeights(config, null);
    }

    /** The weights (not copied: do not change them). */
    public synchronized Weights get() {
        if (weights == null) {
            weights = Weights.initial(config);
        }
        return weights;
    }
}
