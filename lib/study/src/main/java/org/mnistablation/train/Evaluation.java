package org.mnistablation.train;

/**
 * A model evaluated on a data set as Keras's {@code evaluate} would: mean cross-entropy plus the L2 penalty,
 * accuracy, and per-sample softmax outputs ({@code probabilities[i*classes + k]}) and predicted classes.
 */
public record Evaluation(double loss, double accuracy, float[] probabilities, int[] predicted) {

    public int count() {
        return predicted.length;
    }

    public int classes() {
        return predicted.length == 0 ? 0 : probabilities.length / predicted.length;
    }

    /** Softmax output of sample {@code i}. */
    public float[] probabilitiesOf(int i) {
        int k = classes();
        return java.util.Arrays.copyOfRange(probabilities, i * k, (i + 1) * k);
    }
}
