package org.mnistablation.train;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Inference-mode evaluation (dropout off) in large batches. */
public final class Evaluator {

    private static final int BATCH = 10_000;

    private Evaluator() {
    }

    /** Loss (cross-entropy + the L2 terms), accuracy and predictions of {@code net} on {@code data}. */
    public static Evaluation evaluate(MultiLayerNetwork net, ModelDefinition model, LabeledImages data) {
        INDArray x = Matrices.features(data);
        try {
            return evaluate(net, model, x, data.labels());
        } finally {
            x.close();
        }
    }

    /** As {@link #evaluate(MultiLayerNetwork, ModelDefinition, LabeledImages)} on features already in a matrix. */
    public static Evaluation evaluate(MultiLayerNetwork net, ModelDefinition model, INDArray features, int[] labels) {
        int n = labels.length;
        int k = model.outputs();
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
        double loss = ceSum / n + l2Penalty(net, model);
        return new Evaluation(loss, (double) correct / n, probabilities, predicted);
    }

    /** Keras's {@code l2(λ)} penalties: λ·Σw² of every kernel that has one. */
    public static double l2Penalty(MultiLayerNetwork net, ModelDefinition model) {
        List<Dense> dense = model.dense();
        double sum = 0;
        for (int l = 0; l < dense.size(); l++) {
            double lambda = dense.get(l).l2();
            if (lambda > 0) {
                INDArray w = net.getLayer(l).getParam("W");
                sum += lambda * Transforms.pow(w, 2, true).sumNumber().doubleValue();
            }
        }
        return sum;
    }
}
