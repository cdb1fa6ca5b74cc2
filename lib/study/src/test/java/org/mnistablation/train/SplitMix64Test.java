package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator is SplittableRandom's, and a mask filled at once is the one drawn value by value. */
class SplitMix64Test {

    @Test
    void drawsWhatSplittableRandomDraws() {
        SplittableRandom reference = new SplittableRandom(77);
        SplitMix64 g = new SplitMix64(77);
        for (int i = 0; i < 1000; i++) {
            assertEquals(reference.nextDouble(), g.nextDouble(), 0.0);
        }
    }

    @Test
    void aFilledMaskIsTheMaskOfOneCallPerValueAndLeavesTheGeneratorWhereTheyWould() {
        for (double rate : new double[]{0, 0.1, 0.3, 0.5, 0.75, 0.999, 1e-12, 1}) {
            SplitMix64 byCalls = new SplitMix64(5);
            SplitMix64 filled = new SplitMix64(5);
            byCalls.nextLong(); // not from the start: the state carries over
            filled.nextLong();
            int n = 200_003;
            float kept = (float) (1 / (1 - Math.min(rate, 0.5)));
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = byCalls.nextDouble() < rate ? 0f : kept;
            }
            float[] mask = new float[n + 1];
            mask[n] = 7f;
            filled.fillMask(mask, n, rate, kept);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(mask[i]), "rate " + rate + ", " + i);
            }
            assertEquals(7f, mask[n], "nothing written after n");
            assertEquals(byCalls.state(), filled.state(), "rate " + rate + ": the generator moved as by the calls");
        }
    }
}
