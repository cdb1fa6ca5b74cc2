package org.mnistablation.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Inference-mode evaluation (dropout off) in large batches. */
public final class Evaluator {

    private static final int BATCH = 10_000;

    private Evaluator() {
    }

    /** Loss (cross-entropy + λ·Σw² of the hidden kernel), accuracy and predictions of {@code net} on {@code data}. */
    public static Evaluation evaluate(MultiLayerNetwork net, double l2, LabeledImages data) {
        return evaluate(net, l2, Matrices.features(data), data.labels());
    }

    /** As {@link #evaluate(MultiLayerNetwork, double, LabeledImages)} on features already in an n×784 matrix. */
    public static Evaluation evaluate(MultiLayerNetwork net, double l2, INDArray features, int[] labels) {
        int n = labels.length;
        int k = KerasMlp.CLASSES;
        float[] probabilities = new float[n * k];
        int[] predicted = new int[n];
        double ceSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            INDArray out = net.output(features.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), false);
            float[] p = out.data().asFloat();
            System.arraycopy(p, 0, probabilities, from * k, p.length);
            for (int i = 0; i < to - from; i++) {
                int label = labels[from + i];
                int best = KerasCrossEntropy.argMax(p, i * k, k);
                predicted[from + i] = best;
                if (best == label) {
                    correct++;
                }
                ceSum += KerasCrossEntropy.clippedLoss(p[i * k + label]);
            }
        }
        double loss = ceSum / n + l2Penalty(net, l2);
        return new Evaluation(loss, (double) correct / n, probabilities, predicted);
    }

    /** Keras's {@code l2(λ)} penalty of the hidden kernel: λ·Σw². */
    public static double l2Penalty(MultiLayerNetwork net, double l2) {
        if (l2 == 0) {
            return 0;
        }
        INDArray w = net.getLayer(0).getParam("W");
        return l2 * Transforms.pow(w, 2, true).sumNumber().doubleValue();
    }
}
