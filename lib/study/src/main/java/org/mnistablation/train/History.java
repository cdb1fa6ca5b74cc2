package org.mnistablation.train;

import java.util.List;

/**
 * What {@code model.fit} returns in Keras — one entry per epoch run — plus what EarlyStopping did.
 *
 * @param epochs        one entry per epoch that ran
 * @param bestEpoch     the epoch (from 1) with the lowest validation loss (the first of equal ones, as Keras)
 * @param stoppedEarly  true when EarlyStopping ended training before the requested number of epochs
 * @param restoredBest  true when EarlyStopping(restore_best_weights=True) put the best epoch's weights back at the end
 *                      of training (Keras 3 does so also when training ran every epoch), so the model is that epoch's
 */
public record History(List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly, boolean restoredBest) {

    public History {
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty() || bestEpoch < 1 || bestEpoch > epochs.size()) {
            throw new IllegalArgumentException("a history needs its epochs and a best epoch among them, got best "
                    + bestEpoch + " of " + epochs.size());
        }
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

    /** The epoch whose weights the trained model holds: the best one when restored, else the last. */
    public EpochStats kept() {
        return restoredBest ? best() : last();
    }
}
