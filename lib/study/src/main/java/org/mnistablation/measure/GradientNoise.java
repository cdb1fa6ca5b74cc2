package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.mnistablation.data.LabeledImages;

/**
 * How noisy minibatch gradients are at a network's weights (McCandlish et al., 2018, "An empirical model of
 * large-batch training"): the full training-set gradient g, and per batch size B the mean of ‖g_B − g‖² over
 * minibatches drawn as training draws them (consecutive slices of seeded shuffles, so without replacement). For that
 * sampling E‖g_B − g‖² = tr(Σ)/B · (N − B)/(N − 1), Σ the covariance of the per-example gradients; each batch size's
 * estimate of tr(Σ) undoes that factor, and the simple noise scale is B_noise = tr(Σ)/‖g‖²: batches well below it
 * step mostly along noise, batches above it mostly along the gradient. The loss is the training loss with dropout off
 * (the sampling noise alone, not dropout's), its L2 terms included (they cancel in g_B − g).
 *
 * @param loss                the training loss at the weights
 * @param gradientSquaredNorm ‖g‖² of the full training-set gradient
 * @param batches             one entry per batch size
 */
public record GradientNoise(double loss, double gradientSquaredNorm, List<AtBatch> batches) {

    /**
     * @param meanSquaredDeviation the mean of ‖g_B − g‖² over the minibatches: the variance of a minibatch gradient
     * @param traceCovariance      the estimate of tr(Σ) from this batch size: B·(N − 1)/(N − B) times the above
     */
    public record AtBatch(int batchSize, int minibatches, double meanSquaredDeviation, double traceCovariance) {
    }

    /**
     * @param batchSizes  the minibatch sizes compared
     * @param minibatches minibatches drawn per batch size
     * @param seed        seeds the shuffles
     */
    public record Spec(List<Integer> batchSizes, int minibatches, long seed) {

        public Spec {
            batchSizes = List.copyOf(batchSizes);
            if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1)) {
                throw new IllegalArgumentException("gradient noise needs batch sizes of at least 1, got " + batchSizes);
            }
            if (minibatches < 2) {
                throw new IllegalArgumentException("gradient noise needs at least 2 minibatches per batch size, got "
                        + minibatches);
            }
        }

        /** Batch 8, 32 and 128, 256 minibatches each. */
        public static Spec standard() {
            return new Spec(List.of(8, 32, 128), 256, 1);
        }

        String id() {
            return MeasureIds.id("gradient-noise-v1", batchSizes, minibatches, seed);
        }
    }

    /** tr(Σ)/‖g‖² from the mean of the batch sizes' tr(Σ) estimates. */
    public double noiseScale() {
        return batches.stream().mapToDouble(AtBatch::traceCovariance).average().orElse(Double.NaN) / gradientSquaredNorm;
    }

    /** The entry of batch size {@code b}. */
    public AtBatch at(int b) {
        return batches.stream().filter(x -> x.batchSize() == b).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no batch size " + b + " measured"));
    }

    /** Measures {@code weights} on every image of {@code train}. */
    public static GradientNoise of(DenseWeights weights, LabeledImages train, Spec spec) {
        weights.requireInputs(train);
        int n = train.count();
        int largest = spec.batchSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (largest >= n) {
            throw new IllegalArgumentException("batch size " + largest + " is not below the " + n + " training images");
        }
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        float[] params = weights.flat();
        try (SubsetLoss loss = new SubsetLoss(weights.model(), train, all, largest)) {
            double[] g = new double[loss.size()];
            double value = loss.lossAndGradient(params, g);
            double gNorm2 = 0;
            for (double v : g) {
                gNorm2 += v * v;
            }
            float[] gb = new float[loss.size()];
            List<AtBatch> out = new ArrayList<>();
            Random rng = new Random(spec.seed());
            for (int b : spec.batchSizes()) {
                double sum = 0;
                int drawn = 0;
                while (drawn < spec.minibatches()) {
                    int[] order = permutation(n, rng);
                    for (int from = 0; from + b <= n && drawn < spec.minibatches(); from += b, drawn++) {
                        loss.minibatch(order, from, from + b, gb);
                        double d2 = 0;
                        for (int i = 0; i < g.length; i++) {
                            double d = gb[i] - g[i];
                            d2 += d * d;
                        }
                        sum += d2;
                    }
                }
                double msd = sum / drawn;
                out.add(new AtBatch(b, drawn, msd, msd * b * (n - 1.0) / (n - b)));
            }
            return new GradientNoise(value, gNorm2, out);
        }
    }

    /** A seeded Fisher–Yates shuffle of 0..n−1 (as the training loop's). */
    static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    double[] values() {
        double[] v = new double[2 + 4 * batches.size()];
        v[0] = loss;
        v[1] = gradientSquaredNorm;
        for (int i = 0; i < batches.size(); i++) {
            AtBatch a = batches.get(i);
            v[2 + 4 * i] = a.batchSize();
            v[3 + 4 * i] = a.minibatches();
            v[4 + 4 * i] = a.meanSquaredDeviation();
            v[5 + 4 * i] = a.traceCovariance();
        }
        return v;
    }

    static GradientNoise from(double[] v) {
        List<AtBatch> batches = new ArrayList<>();
        for (int i = 2; i + 3 < v.length; i += 4) {
            batches.add(new AtBatch((int) v[i], (int) v[i + 1], v[i + 2], v[i + 3]));
        }
        return new GradientNoise(v[0], v[1], batches);
    }
}
