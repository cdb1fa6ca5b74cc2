package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mnistablation.model.Activation;

/**
 * The activation loops compute what the JDK would: the fast tanh gives {@code (float) Math.tanh(x)} bit for bit, so
 * a run's result does not depend on which of the two trained it.
 */
class ActivationKernelsTest {

    @Test
    void tanhMatchesMathTanhBitForBitAcrossEveryRangeOfFloats() {
        // every 251st bit pattern of both signs: subnormals, the Taylor range below 1/16, the exp range, saturation
        int checked = 0;
        for (long bits = 0; bits <= 0xFFFF_FFFFL; bits += 251) {
            float x = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(x)) {
                continue;
            }
            float expected = (float) Math.tanh(x);
            float actual = ActivationKernels.tanh(x);
            if (Float.floatToRawIntBits(expected) != Float.floatToRawIntBits(actual)) {
                assertEquals(expected, actual, "tanh(" + x + ")");
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), "bits of tanh(" + x + ")");
            }
            checked++;
        }
        assertTrue(checked > 16_000_000, "checked " + checked);
        for (float x : new float[]{0f, -0f, 0.0625f, -0.0625f, Math.nextDown(0.0625f), Float.MIN_VALUE, 9f, 20f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertEquals(Float.floatToRawIntBits((float) Math.tanh(x)), Float.floatToRawIntBits(ActivationKernels.tanh(x)),
                    "tanh(" + x + ")");
        }
        assertTrue(Float.isNaN(ActivationKernels.tanh(Float.NaN)));
    }

    @Test
    void theTanhLoopUsesIt() {
        float[] z = {-3f, -0.01f, 0f, 0.5f, 2f};
        float[] h = new float[z.length];
        ActivationKernels.forward(Activation.TANH, z, h, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals((float) Math.tanh(z[i]), h[i], 0f);
        }
    }

    @Test
    void aKeptGeluSlopeGivesTheBitsOfTheRecomputedDerivative() {
        java.util.Random rng = new java.util.Random(7);
        int n = 4096;
        float[] z = new float[n];
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(5) - 2));
            d[i] = (float) rng.nextGaussian();
        }
        float[] h = new float[n];
        float[] expected = d.clone();
        ActivationKernels.forward(Activation.GELU, z, h, n);
        ActivationKernels.multiplyByDerivative(Activation.GELU, z, h, expected, n);
        float[] kept = new float[n];
        double[] slope = new double[n];
        float[] actual = d.clone();
        ActivationKernels.forwardKeepingSlope(Activation.GELU, z, kept, slope, n);
        ActivationKernels.multiplyBySlope(slope, actual, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToRawIntBits(h[i]), Float.floatToRawIntBits(kept[i]), "gelu(" + z[i] + ")");
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "gelu'(" + z[i] + ")");
        }
        assertTrue(ActivationKernels.keepsSlope(Activation.GELU));
    }
}
