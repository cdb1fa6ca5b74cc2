package org.mnistablation.train;

import java.util.List;

/**
 * What {@code model.fit} returns in Keras, plus where training stopped.
 *
 * @param epochs        one entry per epoch that ran
 * @param bestEpoch     the epoch (from 1) with the lowest validation loss
 * @param stoppedEarly  true when early stopping ended training before the configured number of epochs
 * @param restoredBest  true when the returned model holds the best epoch's weights rather than the last
 */
public record History(List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly, boolean restoredBest) {

    public History {
        epochs = List.copyOf(epochs);
    }

    public int epochsRun() {
        return epochs.size();
    }

    public EpochStats last() {
        return epochs.get(epochs.size() - 1);
    }

    public EpochStats best() {
        return epochs.get(bestEpoch - 1);
    }
}
