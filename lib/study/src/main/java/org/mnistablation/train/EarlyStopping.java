package org.mnistablation.train;

/**
 * Keras's {@code EarlyStopping(monitor="val_loss", patience, restore_best_weights)} with min_delta 0:
 * training stops after {@code patience} consecutive epochs whose validation loss is not below the best so far.
 */
public record EarlyStopping(int patience, boolean restoreBestWeights) {

    public EarlyStopping {
        if (patience < 0) {
            throw new IllegalArgumentException("earlyStopping.patience must be >= 0, got " + patience);
        }
    }
}
