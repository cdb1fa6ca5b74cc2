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
