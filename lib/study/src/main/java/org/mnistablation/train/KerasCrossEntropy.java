package org.mnistablation.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray perExample = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = perExample.sumNumber().doubleValue();
        return average ? sum / perExample.size(0) : sum;
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
        lastMeanLoss = perExample.sumNumber().doubleValue() / lastCount;
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

    static long countCorrect(INDArray oneHotLabels, INDArray scores) {
        INDArray predicted = Nd4j.argMax(scores, 1);
        INDArray truth = Nd4j.argMax(oneHotLabels, 1);
        return predicted.eq(truth).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
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
