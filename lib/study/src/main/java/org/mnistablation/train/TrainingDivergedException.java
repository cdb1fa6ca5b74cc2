package org.mnistablation.train;

/** The training loss became NaN or infinite: the run is stopped instead of producing meaningless curves. */
public final class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int step;

    public TrainingDivergedException(org.mnistablation.model.RunConfig config, int epoch, int step, double loss) {
        super("training diverged: the loss became " + loss + " at epoch " + epoch + ", step " + step + " of "
                + config.describe() + ". Lower the learning rate (" + config.optimizer().keras()
                + ") or check the input scaling; no result was saved.");
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }
}
