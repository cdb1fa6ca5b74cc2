package org.mnistablation.measure;

import org.mnistablation.model.RunConfig;

/**
 * Where a run's weights at the end of an earlier epoch come from: training is deterministic given the configuration
 * (the seed fixes the initial weights, every epoch's shuffle and the dropout masks, and epoch k does not depend on how
 * many epochs follow), so the weights after epoch k of a run are the kept weights of the same configuration trained
 * for k epochs without EarlyStopping (which would restore its best epoch's weights instead). That run is trained (and
 * cached) like any other, e.g. to measure gradient noise at the end of epoch 1.
 */
public final class EpochWeights {

    private EpochWeights() {
    }

    /** The configuration whose kept weights are {@code config}'s weights at the end of epoch {@code epoch}. */
    public static RunConfig configAtEpoch(RunConfig config, int epoch) {
        if (epoch < 1 || epoch > config.epochs()) {
            throw new IllegalArgumentException("epoch must be between 1 and the run's " + config.epochs() + ", got " + epoch);
        }
        return config.withEpochs(epoch).withEarlyStopping(null);
    }
}
