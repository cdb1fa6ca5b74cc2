package org.mnistablation.train;

/** Runs the minibatch steps of one training run: one way through DL4J's {@code fit}, one fused. */
interface StepEngine extends AutoCloseable {

    /** The Keras loss (cross-entropy + L2 term, before the update) and correct rows of one training step. */
    record StepOutcome(double meanLoss, int correct) {
    }

    /** A new epoch visits the training rows in {@code order}. */
    void startEpoch(int[] order);

    /** Trains on rows {@code [from, to)} of the current epoch's order (one minibatch, one parameter update). */
    StepOutcome step(int from, int to);

    /** The epoch's steps are done: the network holds the parameters they reached (before it is evaluated). */
    default void endEpoch() {
    }

    @Override
    void close();
}
