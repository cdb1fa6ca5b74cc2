package org.mnistablation.bench;

import java.util.List;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;

/**
 * The arithmetic of training runs of stacks of Dense layers, counted as the fused step does it: per training image
 * one forward product, one weight gradient and, above the first layer, one input gradient per layer; per validation
 * image one forward product; 2 FLOPs per multiply-add, biases and element-wise work left out (below 1 %).
 */
public final class StudyArithmetic {

    private StudyArithmetic() {
    }

    /** One trained run: its model, minibatch size, the epochs it ran and the seconds they took (validation included). */
    public record Run(ModelDefinition model, int batchSize, int epochs, double seconds) {
        public Run {
            if (model == null || batchSize < 1 || epochs < 0 || !(seconds >= 0)) {
                throw new IllegalArgumentException("a run needs a model, a batch size >= 1, epochs >= 0 and seconds >= 0; "
                        + "got batch " + batchSize + ", epochs " + epochs + ", seconds " + seconds);
            }
        }
    }

    /** Sums over runs: training steps, validation passes, FLOPs (training + validation) and recorded seconds. */
    public record Totals(int runs, long steps, long validationPasses, double flops, double seconds) {

        /** Seconds the FLOPs take at {@code gflopsPerThread} on each of {@code threads} threads. */
        public double boundSeconds(double gflopsPerThread, int threads) {
            return flops / (gflopsPerThread * 1e9 * threads);
        }
    }

    /** FLOPs of one training image: forward and weight gradient of every layer, input gradient above the first. */
    public static double trainingFlopsPerImage(ModelDefinition model) {
        double[] k = kernelSizes(model);
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        return 6 * sum - 2 * k[0];
    }

    /** FLOPs of one image's forward pass. */
    public static double forwardFlopsPerImage(ModelDefinition model) {
        double sum = 0;
        for (double v : kernelSizes(model)) {
            sum += v;
        }
        return 2 * sum;
    }

    /** FLOPs of one training step of {@code rows} images. */
    public static double stepFlops(ModelDefinition model, int rows) {
        return rows * trainingFlopsPerImage(model);
    }

    /** The runs' totals when each epoch trains on {@code trainImages} and validates on {@code validationImages}. */
    public static Totals of(List<Run> runs, int trainImages, int validationImages) {
        long steps = 0;
        long passes = 0;
        double flops = 0;
        double seconds = 0;
        for (Run r : runs) {
            steps += (long) r.epochs() * ((trainImages + r.batchSize() - 1) / r.batchSize());
            passes += r.epochs();
            flops += r.epochs() * (trainImages * trainingFlopsPerImage(r.model())
                    + validationImages * forwardFlopsPerImage(r.model()));
            seconds += r.seconds();
        }
        return new Totals(runs.size(), steps, passes, flops, seconds);
    }

    /** Kernel weights of each Dense layer. */
    private static double[] kernelSizes(ModelDefinition model) {
        List<Dense> dense = model.dense();
        double[] out = new double[dense.size()];
        int in = model.input().size();
        for (int i = 0; i < out.length; i++) {
            out[i] = (double) in * dense.get(i).units();
            in = dense.get(i).units();
        }
        return out;
    }
}
