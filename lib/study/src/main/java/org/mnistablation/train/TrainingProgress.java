package org.mnistablation.train;

import org.mnistablation.model.RunConfig;

/** Receives progress while a model trains; all methods are called on the training thread. */
public interface TrainingProgress {

    /** Training of {@code config} starts on {@code engine}; {@code stepsPerEpoch} minibatches make one epoch. */
    default void onStart(RunConfig config, int stepsPerEpoch, Engine.Choice engine) {
    }

    /** After minibatch {@code step} (from 1) of epoch {@code epoch}: running means so far in this epoch. */
    default void onBatch(int epoch, int step, int steps, double runningLoss, double runningAccuracy,
                         double epochSeconds) {
    }

    /** After the validation pass of an epoch. */
    default void onEpochEnd(EpochStats stats, int maxEpochs) {
    }

    /**
     * An epoch taken from an earlier run of the same trajectory instead of trained ({@link Trajectory}): its
     * statistics as recorded then.
     */
    default void onRecordedEpoch(EpochStats stats, int maxEpochs) {
        onEpochEnd(stats, maxEpochs);
    }

    /** Training finished normally. */
    default void onEnd(History history) {
    }

    TrainingProgress NONE = new TrainingProgress() {
    };
}
