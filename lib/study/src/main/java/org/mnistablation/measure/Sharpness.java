package org.mnistablation.measure;

import java.util.Random;
import java.util.SplittableRandom;
import org.mnistablation.data.LabeledImages;

/**
 * How sharp the training loss is around a network's weights, on a fixed subset of the training set (dropout off, the
 * L2 terms included): the Hessian's eigenvalue of largest magnitude by power iteration on exact Hessian-vector
 * products ({@link HessianVector}), and the mean loss increase when every layer's weights (kernel and bias) are moved
 * in a random direction by a fixed share of their norm.
 *
 * @param topEigenvalue      the Hessian's largest-magnitude eigenvalue (the curvature along the sharpest direction)
 * @param iterations         power iterations run
 * @param converged          false when the estimate had not settled within the spec's iterations
 * @param loss               the loss at the weights, on the subset
 * @param meanLossIncrease   the mean over the random directions of loss(θ + δ) − loss(θ)
 * @param lossIncreaseSd     the sample standard deviation of that increase over the directions
 */
public record Sharpness(double topEigenvalue, int iterations, boolean converged, double loss, double meanLossIncrease,
                        double lossIncreaseSd) {

    /**
     * @param subset        training images in the fixed subset (the first of a shuffle seeded by {@code seed})
     * @param maxIterations the most power iterations
     * @param tolerance     the residual ‖Hv − λv‖ / |λ| that ends the iteration
     * @param relativeSize  ‖δ_layer‖ / ‖θ_layer‖ of the random perturbations
     * @param directions    random perturbations averaged
     * @param seed          seeds the subset, the start vector and the directions
     */
    public record Spec(int subset, int maxIterations, double tolerance, double relativeSize, int directions, long seed) {

        public Spec {
            if (subset < 1 || maxIterations < 2 || !(tolerance > 0) || !(relativeSize > 0) || directions < 2) {
                throw new IllegalArgumentException("sharpness needs a subset ≥ 1, ≥ 2 iterations, a tolerance and "
                        + "relative size > 0 and ≥ 2 directions; got " + this);
            }
        }

        /**
         * 1024 images, up to 50 iterations to a residual of 1 %, perturbations of 20 % per layer in 20 directions (at
         * 5 % the increase on the study's MNIST runs was below its spread over directions; at 20 % it is 2–3 times
         * that spread).
         */
        public static Spec standard() {
            return new Spec(1024, 50, 1e-2, 0.2, 20, 1);
        }

        String id() {
            return MeasureIds.id("sharpness-v2", subset, maxIterations, tolerance, relativeSize, directions, seed);
        }
    }

    /** Measures {@code weights} on the spec's subset of {@code train}. */
    public static Sharpness of(DenseWeights weights, LabeledImages train, Spec spec) {
        weights.requireInputs(train);
        int[] rows = subset(train.count(), spec.subset(), spec.seed());
        PowerIteration.Result top;
        try (HessianVector h = new HessianVector(weights, train, rows)) {
            top = PowerIteration.run(h, h.size(), spec.maxIterations(), spec.tolerance(), spec.seed());
        }
        LabeledImages sample = gather(train, rows);
        double base = LossAccuracy.of(weights, sample).loss();
        SplittableRandom rng = new SplittableRandom(spec.seed() + 1);
        double[] increase = new double[spec.directions()];
        for (int d = 0; d < increase.length; d++) {
            float[] moved = perturb(weights, spec.relativeSize(), rng);
            increase[d] = LossAccuracy.of(DenseWeights.of(weights.model(), moved), sample).loss() - base;
        }
        double mean = java.util.Arrays.stream(increase).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : increase) {
            ss += (v - mean) * (v - mean);
        }
        return new Sharpness(top.eigenvalue(), top.iterations(), top.converged(), base, mean,
                Math.sqrt(ss / (increase.length - 1)));
    }

    /** θ with every layer's kernel and bias, as one vector, moved by {@code relativeSize}·‖θ_layer‖ in a random direction. */
    static float[] perturb(DenseWeights weights, double relativeSize, SplittableRandom rng) {
        float[] flat = weights.flat();
        int at = 0;
        for (DenseWeights.Layer layer : weights.layers()) {
            int n = layer.kernel().length + layer.bias().length;
            double[] u = new double[n];
            double uNorm2 = 0;
            double wNorm2 = 0;
            for (int i = 0; i < n; i++) {
                u[i] = rng.nextGaussian();
                uNorm2 += u[i] * u[i];
                wNorm2 += (double) flat[at + i] * flat[at + i];
            }
            double f = relativeSize * Math.sqrt(wNorm2 / uNorm2);
            for (int i = 0; i < n; i++) {
                flat[at + i] += (float) (f * u[i]);
            }
            at += n;
        }
        return flat;
    }

    /** The first {@code size} indices of a seeded shuffle of 0..n−1 (all of them when n ≤ size), in that order. */
    static int[] subset(int n, int size, long seed) {
        int[] p = GradientNoise.permutation(n, new Random(seed));
        return java.util.Arrays.copyOf(p, Math.min(n, size));
    }

    /** The given rows of {@code data} as a set of their own. */
    static LabeledImages gather(LabeledImages data, int[] rows) {
        int size = data.pixelsPerImage();
        float[] px = new float[rows.length * size];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data.pixels(), rows[i] * size, px, i * size, size);
            labels[i] = data.labels()[rows[i]];
        }
        return new LabeledImages(px, labels, data.rows(), data.cols());
    }

    double[] values() {
        return new double[]{topEigenvalue, iterations, converged ? 1 : 0, loss, meanLossIncrease, lossIncreaseSd};
    }

    static Sharpness from(double[] v) {
        return new Sharpness(v[0], (int) v[1], v[2] != 0, v[3], v[4], v[5]);
    }
}
