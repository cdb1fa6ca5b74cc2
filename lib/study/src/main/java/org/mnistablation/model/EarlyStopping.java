package org.mnistablation.model;

/**
 * Keras 3's {@code EarlyStopping(monitor="val_loss", patience, restore_best_weights)} with min_delta 0, mode min,
 * no baseline, start_from_epoch 0. Built like Keras's keyword arguments:
 * {@code EarlyStopping.create().patience(3).restoreBestWeights(true)}; Keras's defaults are patience 0 and no restore.
 * What it does while training is {@code train.EarlyStoppingCallback}'s job.
 */
public record EarlyStopping(String monitor, int patience, boolean restoreBestWeights) {

    public EarlyStopping {
        if (!"val_loss".equals(monitor)) {
            throw new IllegalArgumentException("EarlyStopping here monitors \"val_loss\" only, got \"" + monitor + "\"");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping(patience) must be >= 0, got " + patience);
        }
    }

    /** Keras's defaults: monitor val_loss, patience 0, restore_best_weights False. */
    public static EarlyStopping create() {
        return new EarlyStopping("val_loss", 0, false);
    }

    public EarlyStopping patience(int v) {
        return new EarlyStopping(monitor, v, restoreBestWeights);
    }

    public EarlyStopping restoreBestWeights(boolean v) {
        return new EarlyStopping(monitor, patience, v);
    }

    public String keras() {
        return "EarlyStopping(monitor=\"" + monitor + "\", patience=" + patience + ", restore_best_weights="
                + (restoreBestWeights ? "True" : "False") + ")";
    }
}
