package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.List;
import org.mnistablation.data.LabeledImages;

/**
 * How much gradient reaches each layer, at one set of weights, on a fixed subset of the training set (dropout off):
 * the norm of the cross-entropy gradient of every Dense layer's kernel (the L2 terms' own gradient left out), and the
 * mean derivative of each hidden layer's activation over its units and the images (1 for an active ReLU unit, 0 for
 * an inactive one, below 1 for a saturating unit). Stored runs keep no per-epoch weights, so a run is measured at its
 * initial weights (rebuilt from its seed) and its kept weights; the weights at the end of epoch k are those of a run
 * of the same configuration with {@code epochs = k} and no early stopping ({@link EpochWeights}).
 *
 * @param kernelGradientNorms ‖∂CE/∂W_l‖ of every Dense layer, the output layer last
 * @param meanDerivatives     mean f'(z) of every hidden layer
 * @param loss                the training loss (with the L2 terms) on the subset
 */
public record GradientFlow(List<Double> kernelGradientNorms, List<Double> meanDerivatives, double loss) {

    public GradientFlow {
        kernelGradientNorms = List.copyOf(kernelGradientNorms);
        meanDerivatives = List.copyOf(meanDerivatives);
    }

    /** A run measured at its initial and at its kept weights. */
    public record AtInitAndKept(GradientFlow initial, GradientFlow kept) {
    }

    /**
     * @param subset training images in the fixed subset (the first of a shuffle seeded by {@code seed})
     */
    public record Spec(int subset, long seed) {

        public Spec {
            if (subset < 1) {
                throw new IllegalArgumentException("gradient flow needs at least one image, got " + subset);
            }
        }

        /** 2048 training images. */
        public static Spec standard() {
            return new Spec(2048, 1);
        }

        String id(String weights) {
            return MeasureIds.id("gradient-flow-" + weights + "-v1", subset, seed);
        }
    }

    /** ‖∂CE/∂W_first‖ / ‖∂CE/∂W_last‖: below 1 when the gradient shrinks on its way down. */
    public double firstToLast() {
        return kernelGradientNorms.get(0) / kernelGradientNorms.get(kernelGradientNorms.size() - 1);
    }

    /** Measures {@code weights} on the spec's subset of {@code train}. */
    public static GradientFlow of(DenseWeights weights, LabeledImages train, Spec spec) {
        weights.requireInputs(train);
        int[] rows = Sharpness.subset(train.count(), spec.subset(), spec.seed());
        float[] flat = weights.flat();
        double[] g = new double[flat.length];
        double loss;
        try (SubsetLoss l = new SubsetLoss(weights.model(), train, rows, 1)) {
            loss = l.lossAndGradient(flat, g);
        }
        List<Double> norms = new ArrayList<>();
        int at = 0;
        for (DenseWeights.Layer layer : weights.layers()) {
            double s = 0;
            for (int i = 0; i < layer.kernel().length; i++) {
                double ce = g[at + i] - 2 * layer.l2() * flat[at + i];
                s += ce * ce;
            }
            norms.add(Math.sqrt(s));
            at += layer.kernel().length + layer.bias().length;
        }
        LabeledImages sample = Sharpness.gather(train, rows);
        double[] sums = new double[weights.hiddenLayers()];
        try (Forward f = new Forward(weights)) {
            for (int from = 0; from < sample.count(); from += Forward.BLOCK) {
                int n = Math.min(Forward.BLOCK, sample.count() - from);
                f.run(sample.pixels(), from, n, null);
                for (int l = 0; l < sums.length; l++) {
                    for (float d : f.derivatives(l)) {
                        sums[l] += d;
                    }
                }
            }
        }
        List<Double> derivatives = new ArrayList<>();
        for (int l = 0; l < sums.length; l++) {
            derivatives.add(sums[l] / ((double) sample.count() * weights.layer(l).out()));
        }
        return new GradientFlow(norms, derivatives, loss);
    }

    double[] values() {
        double[] v = new double[3 + kernelGradientNorms.size() + meanDerivatives.size()];
        v[0] = loss;
        v[1] = kernelGradientNorms.size();
        v[2] = meanDerivatives.size();
        for (int i = 0; i < kernelGradientNorms.size(); i++) {
            v[3 + i] = kernelGradientNorms.get(i);
        }
        for (int i = 0; i < meanDerivatives.size(); i++) {
            v[3 + kernelGradientNorms.size() + i] = meanDerivatives.get(i);
        }
        return v;
    }

    static GradientFlow from(double[] v) {
        int k = (int) v[1];
        int d = (int) v[2];
        List<Double> norms = new ArrayList<>();
        List<Double> derivatives = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            norms.add(v[3 + i]);
        }
        for (int i = 0; i < d; i++) {
            derivatives.add(v[3 + k + i]);
        }
        return new GradientFlow(norms, derivatives, v[0]);
    }
}
