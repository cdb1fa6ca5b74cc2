package org.mnistablation.train;

/**
 * A model evaluated on a data set as Keras's {@code evaluate} would: mean cross-entropy plus the L2 penalty,
 * accuracy, and per-sample softmax outputs ({@code probabilities[i*10 + k]}) and predicted classes.
 */
public record Evaluation(double loss, double accuracy, float[] probabilities, int[] predicted) {

    public int count() {
        return predicted.length;
    }

    /** Softmax output of sample {@code i}. */
    public float[] probabilitiesOf(int i) {
        return java.util.Arrays.copyOfRange(probabilities, i * KerasMlp.CLASSES, (i + 1) * KerasMlp.CLASSES);
    }
}
