package org.mnistablation.train;

/** Training was interrupted (kernel interrupt or thread interrupt); nothing was saved. */
public final class TrainingInterruptedException extends RuntimeException {

    public TrainingInterruptedException(int epoch, int step) {
        super("training interrupted at epoch " + epoch + ", step " + step + "; nothing was saved, run the cell again "
                + "to start this run from the beginning");
    }

    /** Several runs were stopped at once; {@code message} says which. */
    public TrainingInterruptedException(String message) {
        super("training interrupted: " + message);
    }
}
