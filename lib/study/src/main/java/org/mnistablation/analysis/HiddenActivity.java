package org.mnistablation.analysis;

import org.apache.commons.math3.special.Erf;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.Activation;

/**
 * The first hidden layer of a trained model on a set of images, measured: the mean derivative of its activation at
 * the pre-activations the images produce (how much of a gradient passes back through the layer: 1 for an active ReLU
 * unit, 0 for an inactive one, below 1 for a saturating tanh/softsign unit), the share of unit-image pairs where
 * that derivative is below 0.01 (units through which practically no gradient flows), and the share of positive
 * pre-activations.
 */
public record HiddenActivity(double meanDerivative, double shareFlat, double sharePositive, int images, int units) {

    /** Versioned id under which a run's values are kept in the measure cache (with the images' part and count). */
    public static final String ID = "hidden-activity-v1";

    /** A derivative below this counts as "flat": practically no gradient passes. */
    public static final double FLAT = 0.01;

    /** Measures on the first {@code limit} images of {@code pixels} (row-major, {@code pixelsPerImage} values each). */
    public static HiddenActivity of(RunResult r, float[] pixels, int pixelsPerImage, int limit) {
        Activation a = r.config().model().firstActivation();
        int units = r.config().model().firstUnits();
        float[][] weights = r.weights().units(0);
        float[] bias = r.weights().bias(0);
        int n = Math.min(limit, pixels.length / pixelsPerImage);
        double sumD = 0;
        long flat = 0;
        long positive = 0;
        for (int i = 0; i < n; i++) {
            int off = i * pixelsPerImage;
            for (int u = 0; u < units; u++) {
                double z = bias[u];
                float[] w = weights[u];
                for (int k = 0; k < pixelsPerImage; k++) {
                    float x = pixels[off + k];
                    if (x != 0) {
                        z += x * w[k];
                    }
                }
                double d = derivative(a, z);
                sumD += d;
                flat += d < FLAT ? 1 : 0;
                positive += z > 0 ? 1 : 0;
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

    /** d activation / dz at z. */
    public static double derivative(Activation a, double z) {
        return switch (a) {
            case RELU -> z > 0 ? 1 : 0;
            case TANH -> {
                double t = Math.tanh(z);
                yield 1 - t * t;
            }
            case SOFTSIGN -> 1 / ((1 + Math.abs(z)) * (1 + Math.abs(z)));
            case GELU -> 0.5 * (1 + Erf.erf(z / Math.sqrt(2))) + z * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 - s);
            }
            case LINEAR -> 1;
            default -> throw new IllegalArgumentException("no derivative for " + a.kerasName() + " here");
        };
    }
}
