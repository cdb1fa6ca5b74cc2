package org.mnistablation.train;

/**
 * Keras 3's EarlyStopping decision on val_loss (min_delta 0, no baseline), without the weights: at each epoch end the
 * wait counter grows by one; a val_loss strictly below the best so far becomes the best and resets the counter;
 * otherwise training stops once {@code wait >= patience}, never after the first epoch. {@link EarlyStoppingCallback}
 * acts on it while training; the Task 04 analysis replays it on a finished history.
 */
public final class EarlyStoppingRule {

    /** What the rule decided at one epoch end. */
    public record Step(boolean improved, boolean stop, int waited, double best) {
    }

    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int wait;

    public EarlyStoppingRule(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.patience = patience;
    }

    /** Epoch {@code epoch} (from 1) ended with {@code valLoss}. */
    public Step onEpochEnd(int epoch, double valLoss) {
        wait++;
        if (valLoss < best) {
            best = valLoss;
            bestEpoch = epoch;
            wait = 0;
            return new Step(true, false, wait, best);
        }
        return new Step(false, wait >= patience && epoch > 1, wait, best);
    }

    /** The epoch (from 1) with the lowest val_loss so far, 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
