package org.mnistablation.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy scored as Keras scores it (probabilities clipped to [1e-7, 1 − 1e-7]), with DL4J's exact
 * softmax gradient. It also remembers how many rows of the last scored minibatch were classified correctly, so the
 * trainer gets Keras's running training loss and accuracy from the training forward pass itself (dropout active),
 * without a second forward pass, and without DL4J's score, which would also count AdamW's decoupled decay.
 */
public final class KerasCrossEntropy implements ILossFunction {

    public static final double KERAS_EPSILON = 1e-7;

    private final LossMCXENT gradientOf = new LossMCXENT();
    private transient long lastCorrect;
    private transient long lastCount;
    private transient double lastMeanLoss;
    private transient double lastLossSum;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        computeScoreArray(labels, preOutput, activationFn, mask);
        return average ? lastLossSum / lastCount : lastLossSum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException("masks are not used by the study's MLP");
        }
        INDArray probs = activationFn.getActivation(preOutput.dup(), true);
        lastCorrect = countCorrect(labels, probs);
        lastCount = labels.size(0);
        INDArray clipped = Transforms.max(Transforms.min(probs, 1.0 - KERAS_EPSILON, false), KERAS_EPSILON, false);
        INDArray perExample = Transforms.log(clipped, false).muli(labels).sum(true, 1).negi().reshape(labels.size(0), 1);
        lastLossSum = perExample.sumNumber().doubleValue();
        lastMeanLoss = lastLossSum / lastCount;
        return perExample;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradientOf.computeGradient(labels, preOutput, activationFn, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /** One row's Keras cross-entropy, −log of its label's probability clipped to [ε, 1 − ε]. */
    public static double clippedLoss(double labelProbability) {
        return -Math.log(Math.min(1 - KERAS_EPSILON, Math.max(KERAS_EPSILON, labelProbability)));
    }

    /** Correctly classified rows of the minibatch scored last. */
    public long lastCorrect() {
        return lastCorrect;
    }

    /** Mean cross-entropy of the minibatch scored last (no regularisation term). */
    public double lastMeanLoss() {
        return lastMeanLoss;
    }

    /** Rows of the minibatch scored last. */
    public long lastCount() {
        return lastCount;
    }

    /**
     * Rows whose highest score is in the labels' highest column (the first one on ties, as {@code argMax}). Done in
     * Java on copies of the two small n×10 matrices: five ND4J ops per step (two argMax, eq, cast, sum) cost more
     * than the copies.
     */
    static long countCorrect(INDArray oneHotLabels, INDArray scores) {
        int rows = (int) scores.size(0);
        int k = (int) scores.size(1);
        float[] s = rowMajor(scores);
        float[] l = rowMajor(oneHotLabels);
        long correct = 0;
        for (int i = 0; i < rows; i++) {
            if (argMax(s, i * k, k) == argMax(l, i * k, k)) {
                correct++;
            }
        }
        return correct;
    }

    /** The first index of the largest of {@code v[from..from+k)} (as ND4J's {@code argMax} breaks ties). */
    public static int argMax(float[] v, int from, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (v[from + c] > v[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The matrix's values in row-major order (a view, e.g. a minibatch of a larger matrix, is copied first). */
    private static float[] rowMajor(INDArray m) {
        INDArray dense = m.isView() || m.ordering() != 'c' || m.data().length() != m.length() ? m.dup('c') : m;
        return dense.data().asFloat();
    }

    @Override
    public String name() {
        return "KerasCrossEntropy";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasCrossEntropy;
    }

    @Override
    public int hashCode() {
        return KerasCrossEntropy.class.hashCode();
    }
}
