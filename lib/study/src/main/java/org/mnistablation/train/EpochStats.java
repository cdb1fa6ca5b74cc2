package org.mnistablation.train;

/**
 * One epoch of a Keras-style history. {@code loss}/{@code accuracy} are running means over the epoch's
 * minibatches (dropout active, regularisation included in the loss), {@code valLoss}/{@code valAccuracy}
 * are measured on the validation set at the end of the epoch. {@code epoch} counts from 1.
 */
public record EpochStats(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                         double seconds) {
}
