package org.mnistablation.measure;

import org.mnistablation.data.LabeledImages;

/**
 * A network evaluated on a set of images as Keras's {@code evaluate} does it: dropout off, the loss is the mean
 * clipped cross-entropy plus the L2 terms, the accuracy the share of images whose most probable class is the label.
 * On the training set this is the training loss on equal terms with the validation and test losses (the history's
 * {@code loss} is a running mean over an epoch with dropout active).
 */
public record LossAccuracy(double loss, double accuracy) {

    /**
     * The training-set evaluation's cache id; its values are {loss, accuracy}, the layout the notebooks' own
     * training evaluation stores under the same id, so either fills the cache for the other.
     */
    public static final String TRAIN_ID = "train-eval-v1";

    /** Evaluates {@code weights} on every image of {@code data}. */
    public static LossAccuracy of(DenseWeights weights, LabeledImages data) {
        weights.requireInputs(data);
        int n = data.count();
        double crossEntropy = 0;
        long correct = 0;
        try (Forward f = new Forward(weights)) {
            for (int from = 0; from < n; from += Forward.BLOCK) {
                int rows = Math.min(Forward.BLOCK, n - from);
                f.run(data.pixels(), from, rows, null);
                crossEntropy += f.crossEntropySum(data.labels(), from);
                correct += f.correct(data.labels(), from);
            }
        }
        return new LossAccuracy(crossEntropy / n + weights.l2Penalty(), (double) correct / n);
    }

    double[] values() {
        return new double[]{loss, accuracy};
    }

    static LossAccuracy from(double[] v) {
        return new LossAccuracy(v[0], v[1]);
    }
}
