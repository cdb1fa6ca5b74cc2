package org.mnistablation.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mnistablation.model.Activation;

/** The first hidden layer's activity on hand-made weights and images, and that its verdicts follow the data. */
class HiddenActivityTest {

    // two images of three pixels; two units
    private static final float[] PIXELS = {1f, 0f, 0.5f, 0f, 1f, 1f};
    private static final float[] BIAS = {0f, -0.25f};

    @Test
    void reluCountsActiveAndFlatUnits() {
        // z = image 1: (2·1 + 0.5·0.5, -0.25 + 1·1 - 1·0.5) = (2.25, 0.25); image 2: (0 + 0.5, -0.25 + 0 - 1) = (0.5, -1.25)
        float[][] weights = {{2f, 0f, 0.5f}, {1f, 0f, -1f}};
        HiddenActivity a = HiddenActivity.of(Activation.RELU, weights, BIAS, PIXELS, 3, 10);
        assertEquals(2, a.images());
        assertEquals(2, a.units());
        assertEquals(3.0 / 4, a.meanDerivative(), 1e-12, "three of the four unit-image pairs are active");
        assertEquals(1.0 / 4, a.shareFlat(), 1e-12);
        assertEquals(3.0 / 4, a.sharePositive(), 1e-12);

        HiddenActivity reversed = HiddenActivity.of(Activation.RELU, negated(weights), negated(BIAS), PIXELS, 3, 10);
        assertEquals(1.0 / 4, reversed.meanDerivative(), 1e-12, "negated weights: only the once-inactive pair is active");
        assertEquals(3.0 / 4, reversed.shareFlat(), 1e-12);
    }

    @Test
    void saturatingUnitsPassLessGradient() {
        float[][] small = {{0.001f, 0f, 0.001f}, {0.002f, 0f, -0.001f}};
        float[][] large = {{20f, 0f, 20f}, {-40f, 0f, 30f}};
        float[] noBias = {0f, 0f};
        for (Activation act : new Activation[]{Activation.TANH, Activation.SOFTSIGN}) {
            HiddenActivity near0 = HiddenActivity.of(act, small, noBias, PIXELS, 3, 10);
            HiddenActivity saturated = HiddenActivity.of(act, large, noBias, PIXELS, 3, 10);
            assertTrue(near0.meanDerivative() > 0.99, act + ": near z = 0 the derivative is about 1");
            assertEquals(0, near0.shareFlat(), 1e-12);
            assertTrue(saturated.meanDerivative() < 0.01, act + ": far from 0 it is nearly flat");
            assertEquals(1, saturated.shareFlat(), 1e-12);
        }
        // tanh'(z) = 1 - tanh(z)^2 at one unit and one image
        HiddenActivity one = HiddenActivity.of(Activation.TANH, new float[][]{{0.5f, 0f, 0f}}, new float[]{0f},
                new float[]{1f, 0f, 0f}, 3, 1);
        assertEquals(1 - Math.pow(Math.tanh(0.5), 2), one.meanDerivative(), 1e-6);
    }

    @Test
    void onlyTheFirstLimitImagesAreMeasured() {
        float[][] weights = {{2f, 0f, 0.5f}, {1f, 0f, -1f}};
        HiddenActivity first = HiddenActivity.of(Activation.RELU, weights, BIAS, PIXELS, 3, 1);
        assertEquals(1, first.images());
        assertEquals(1.0, first.meanDerivative(), 1e-12, "image 1 activates both units");
    }

    @Test
    void givesTheValuesOfSummingEachUnitOverItsPixelsInOrder() {
        java.util.Random rng = new java.util.Random(5);
        int ppi = 50;
        int units = 37;
        int images = 40;
        float[][] weights = new float[units][ppi];
        float[] bias = new float[units];
        for (int u = 0; u < units; u++) {
            bias[u] = (float) rng.nextGaussian() * 0.1f;
            for (int k = 0; k < ppi; k++) {
                weights[u][k] = (float) rng.nextGaussian() * 0.3f;
            }
        }
        float[] pixels = new float[images * ppi];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextInt(3) == 0 ? rng.nextFloat() : 0f;
        }
        for (Activation act : new Activation[]{Activation.RELU, Activation.TANH, Activation.GELU}) {
            // the measure as one unit at a time, pixel by pixel
            double sumD = 0;
            long positive = 0;
            float[] z = new float[units];
            for (int i = 0; i < images; i++) {
                for (int u = 0; u < units; u++) {
                    double sum = bias[u];
                    for (int k = 0; k < ppi; k++) {
                        float x = pixels[i * ppi + k];
                        if (x != 0) {
                            sum += x * weights[u][k];
                        }
                    }
                    z[u] = (float) sum;
                }
                float[] h = new float[units];
                float[] d = new float[units];
                java.util.Arrays.fill(d, 1f);
                org.mnistablation.train.ActivationKernels.forward(act, z, h, units);
                org.mnistablation.train.ActivationKernels.multiplyByDerivative(act, z, h, d, units);
                for (int u = 0; u < units; u++) {
                    sumD += d[u];
                    positive += z[u] > 0 ? 1 : 0;
                }
            }
            HiddenActivity a = HiddenActivity.of(act, weights, bias, pixels, ppi, images);
            assertEquals(sumD / (images * units), a.meanDerivative(), 0.0, act.kerasName());
            assertEquals((double) positive / (images * units), a.sharePositive(), 0.0, act.kerasName());
        }
    }

    private static float[][] negated(float[][] w) {
        float[][] out = new float[w.length][];
        for (int i = 0; i < w.length; i++) {
            out[i] = negated(w[i]);
        }
        return out;
    }

    private static float[] negated(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }
}
