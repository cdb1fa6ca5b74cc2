package org.mnistablation.train;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.mnistablation.model.Activation;

/**
 * The hidden activations and their derivatives as plain loops, for the fused training step, for {@link ExactGelu} and
 * for the measurements at stored weights (packages {@code measure} and {@code analysis}), so the project has one GELU.
 * Each matches the DL4J activation {@link Dl4jModel} configures (and so Keras): ReLU's derivative at 0 is 0; GELU is
 * the exact erf form.
 */
public final class ActivationKernels {

    /** The hidden-layer activations these loops implement; a model with another one trains through DL4J's fit. */
    public static final Set<Activation> SUPPORTED = Collections.unmodifiableSet(EnumSet.of(Activation.RELU,
            Activation.TANH, Activation.SOFTSIGN, Activation.GELU, Activation.SIGMOID, Activation.LINEAR));

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private ActivationKernels() {
    }

    /** h[i] = f(z[i]) for i in [0, n). */
    public static void forward(Activation a, float[] z, float[] h, int n) {
        switch (a) {
            case RELU -> {
                // branch-free max(z, 0): clears the value when its sign bit is set (z ≤ -0.0); a positive NaN stays
                // NaN. A compare-and-branch here took 84 µs per 16k real activations against 5 µs for this.
                for (int i = 0; i < n; i++) {
                    int bits = Float.floatToRawIntBits(z[i]);
                    h[i] = Float.intBitsToFloat(bits & ~(bits >> 31));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    h[i] = tanh(z[i]);
                }
            }
            case SOFTSIGN -> {
                for (int i = 0; i < n; i++) {
                    float v = z[i];
                    h[i] = v / (1f + Math.abs(v));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    h[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[i];
                    h[i] = (float) (v * normalCdf(v, Math.exp(-0.5 * v * v)));
                }
            }
            case LINEAR -> System.arraycopy(z, 0, h, 0, n);
            default -> throw new IllegalArgumentException("no fused kernel for " + a.kerasName());
        }
    }

    /**
     * Whether a training step should keep f'(z) from the forward pass ({@link #forwardKeepingSlope}) rather than have
     * {@link #multiplyByDerivative} compute it again: for GELU, whose derivative needs the forward pass's exp and erf
     * (about 13 ns an element each time); the others' derivatives are cheaper than reading a kept one.
     */
    public static boolean keepsSlope(Activation a) {
        return a == Activation.GELU;
    }

    /**
     * {@link #forward} that also keeps {@code slope[i] = f'(z[i])} in double, so that {@link #multiplyBySlope} gives
     * the bits of {@link #multiplyByDerivative}; for the activations {@link #keepsSlope} names.
     */
    public static void forwardKeepingSlope(Activation a, float[] z, float[] h, double[] slope, int n) {
        if (a != Activation.GELU) {
            throw new IllegalArgumentException("no kept slope for " + a.kerasName());
        }
        for (int i = 0; i < n; i++) {
            double v = z[i];
            double gauss = Math.exp(-0.5 * v * v);
            double cdf = normalCdf(v, gauss);
            h[i] = (float) (v * cdf);
            slope[i] = geluSlope(v, cdf, gauss);
        }
    }

    /** d[i] *= slope[i] for i in [0, n), with the slope {@link #forwardKeepingSlope} kept. */
    public static void multiplyBySlope(double[] slope, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            d[i] = (float) (d[i] * slope[i]);
        }
    }

    /** GELU's derivative Φ(x) + x·φ(x), given Φ(x) and {@code gauss = exp(-x²/2)}. */
    private static double geluSlope(double x, double cdf, double gauss) {
        return cdf + x * gauss * INV_SQRT_2PI;
    }

    /** d[i] *= f'(z[i]) for i in [0, n), where h = f(z) is the forward result. */
    public static void multiplyByDerivative(Activation a, float[] z, float[] h, float[] d, int n) {
        switch (a) {
            case RELU -> {
                // derivative 1 where h = relu(z) > 0, else 0 (also at z = 0, as Keras): h ≥ 0, so h > 0 exactly when
                // its bit pattern is non-zero; branch-free for the same reason as the forward pass
                for (int i = 0; i < n; i++) {
                    int keep = ~((Float.floatToRawIntBits(h[i]) - 1) >> 31);
                    d[i] = Float.intBitsToFloat(Float.floatToRawIntBits(d[i]) & keep);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float t = h[i];
                    d[i] = d[i] * (1f - t * t);
                }
            }
            case SOFTSIGN -> {
                for (int i = 0; i < n; i++) {
                    float s = 1f + Math.abs(z[i]);
                    d[i] = d[i] / (s * s);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float s = h[i];
                    d[i] = d[i] * s * (1f - s);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    double v = z[i];
                    double gauss = Math.exp(-0.5 * v * v);
                    d[i] = (float) (d[i] * geluSlope(v, normalCdf(v, gauss), gauss));
                }
            }
            case LINEAR -> {
                // derivative 1: d stays
            }
            default -> throw new IllegalArgumentException("no fused kernel for " + a.kerasName());
        }
    }

    /**
     * {@code (float) Math.tanh(x)}, bit for bit for every float x but NaN, which stays NaN (checked over every one of
     * them), at about a third of its cost: Java 17's {@code Math.tanh} is a native fdlibm call of ~40 ns, this ~13 ns with the intrinsic
     * {@code Math.exp}. In double, {@code 1 − 2/(e^{2|x|} + 1)} is within ~1e-15 of tanh for |x| ≥ 1/16, and below that
     * (where the subtraction would cancel) the odd Taylor series to x⁹ is within ~1e-12 relative, both far inside the
     * float rounding of the result.
     */
    static float tanh(float x) {
        double v = x;
        double a = Math.abs(v);
        if (a < 0.0625) {
            double s = v * v;
            return (float) (v * (1 + s * (-1.0 / 3 + s * (2.0 / 15 + s * (-17.0 / 315 + s * (62.0 / 2835))))));
        }
        double t = 1 - 2 / (Math.exp(2 * a) + 1);
        return (float) (v < 0 ? -t : t);
    }

    /**
     * Φ(x) = 0.5·(1 + erf(x/√2)) with erf from Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7, about one
     * float ulp of Φ), given {@code gauss = exp(-x²/2)}, which that formula and the derivative both need.
     */
    static double normalCdf(double x, double gauss) {
        double u = Math.abs(x) * INV_SQRT2;
        double t = 1.0 / (1.0 + 0.3275911 * u);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1.0 - poly * gauss;
        return 0.5 * (1.0 + (x >= 0 ? erf : -erf));
    }
}
