package org.mnistablation.analysis;

import java.util.Arrays;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.Activation;
import org.mnistablation.train.ActivationKernels;

/**
 * The first hidden layer of a trained model on a set of images, measured: the mean derivative of its activation at
 * the pre-activations the images produce (how much of a gradient passes back through the layer: 1 for an active ReLU
 * unit, 0 for an inactive one, below 1 for a saturating tanh/softsign unit), the share of unit-image pairs where
 * that derivative is below 0.01 (units through which practically no gradient flows), and the share of positive
 * pre-activations.
 */
public record HiddenActivity(double meanDerivative, double shareFlat, double sharePositive, int images, int units) {

    /** Versioned id under which a run's values are kept in the measure cache (with the images' part and count). */
    public static final String ID = "hidden-activity-v2";

    /** A derivative below this counts as "flat": practically no gradient passes. */
    public static final double FLAT = 0.01;

    /** Measures {@code r}'s first hidden layer on the first {@code limit} images of {@code pixels}. */
    public static HiddenActivity of(RunResult r, float[] pixels, int pixelsPerImage, int limit) {
        return of(r.config().model().firstActivation(), r.weights().units(0), r.weights().bias(0), pixels,
                pixelsPerImage, limit);
    }

    /**
     * Measures a layer of {@code weights.length} units with activation {@code a} (weights per unit, one per pixel) on
     * the first {@code limit} images of {@code pixels} (row-major, {@code pixelsPerImage} values each). The
     * activation and its derivative are the training step's ({@link ActivationKernels}).
     */
    public static HiddenActivity of(Activation a, float[][] weights, float[] bias, float[] pixels, int pixelsPerImage,
                                    int limit) {
        int units = weights.length;
        int n = Math.min(limit, pixels.length / pixelsPerImage);
        // input-major copy of the weights: each pixel's term is added to every unit's sum in one loop the JIT
        // vectorises; each sum still takes its non-zero pixels' terms in pixel order (the float product, then the
        // double sum), so the values are those of a loop over the pixels of one unit at a time (Task 01's analysis
        // cell, which measures the five baseline runs on 10,000 test images, 17.9 s with that loop, 4.1 s with this)
        float[] byPixel = new float[pixelsPerImage * units];
        for (int u = 0; u < units; u++) {
            for (int k = 0; k < pixelsPerImage; k++) {
                byPixel[k * units + u] = weights[u][k];
            }
        }
        double[] sums = new double[units];
        float[] z = new float[units];
        float[] h = new float[units];
        float[] d = new float[units];
        double sumD = 0;
        long flat = 0;
        long positive = 0;
        for (int i = 0; i < n; i++) {
            int off = i * pixelsPerImage;
            for (int u = 0; u < units; u++) {
                sums[u] = bias[u];
            }
            for (int k = 0; k < pixelsPerImage; k++) {
                float x = pixels[off + k];
                if (x != 0) {
                    int at = k * units;
                    for (int u = 0; u < units; u++) {
                        sums[u] += x * byPixel[at + u];
                    }
                }
            }
            for (int u = 0; u < units; u++) {
                z[u] = (float) sums[u];
            }
            ActivationKernels.forward(a, z, h, units);
            Arrays.fill(d, 1f);
            ActivationKernels.multiplyByDerivative(a, z, h, d, units);
            for (int u = 0; u < units; u++) {
                sumD += d[u];
                flat += d[u] < FLAT ? 1 : 0;
                positive += z[u] > 0 ? 1 : 0;
            }
        }
        double pairs = (double) n * units;
        return new HiddenActivity(sumD / pairs, flat / pairs, positive / pairs, n, units);
    }

    /** The values as stored in the measure cache. */
    public double[] values() {
        return new double[]{meanDerivative, shareFlat, sharePositive, images, units};
    }

    public static HiddenActivity from(double[] v) {
        return new HiddenActivity(v[0], v[1], v[2], (int) v[3], (int) v[4]);
    }
}
