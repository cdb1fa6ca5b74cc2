package org.mnistablation.train;

/**
 * Keras 3's EarlyStopping decision (monitor val_loss, mode min, min_delta 0, no baseline), without the weights:
 * at each epoch end the wait counter grows by one and is reset by a strictly lower val_loss; training stops
 * when {@code wait >= patience} (and not on the first epoch).
 */
public final class EarlyStoppingTracker {

    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int wait;

    public EarlyStoppingTracker(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.patience = patience;
    }

    /** Records epoch {@code epoch} (from 1); returns true when this val_loss is a new best. */
    public boolean record(int epoch, double valLoss) {
        wait++;
        if (valLoss < best) {
            best = valLoss;
            bestEpoch = epoch;
            wait = 0;
            return true;
        }
        return false;
    }

    /** True when training should stop after the epoch just recorded. */
    public boolean shouldStop(int epoch) {
        return wait >= patience && epoch > 1;
    }

    /** Epochs since the best one (Keras's {@code wait}). */
    public int waitCount() {
        return wait;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestValLoss() {
        return best;
    }
}
