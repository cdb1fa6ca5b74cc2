package org.mnistablation.train;

/**
 * Keras's callback hooks that the study's training uses: called by {@link Trainer} on the training thread. Epochs
 * count from 1 here (Keras counts from 0).
 */
interface Callback {

    default void onTrainBegin(TrainingState state) {
    }

    /** After epoch {@code epoch}'s validation pass; {@code logs} holds its loss, accuracy, val_loss and val_accuracy. */
    default void onEpochEnd(int epoch, EpochStats logs, TrainingState state) {
    }

    default void onTrainEnd(TrainingState state) {
    }
}
