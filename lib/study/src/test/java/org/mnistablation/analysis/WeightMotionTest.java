package org.mnistablation.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The first layer's weight motion, split by pixels that were lit in training, and its cached form. */
class WeightMotionTest {

    @Test
    void weightsOfNeverLitPixelsAreCountedApart() {
        float[][] initial = {{0.1f, -0.2f}, {0.3f, 0.4f}, {-0.5f, 0.6f}};
        float[][] trained = {{0.1f, -0.2f}, {0.5f, 0.4f}, {-0.5f, 0.2f}};
        boolean[] lit = {false, true, true};
        WeightMotion m = WeightMotion.of(initial, trained, lit);
        assertEquals(1, m.deadPixels());
        assertEquals(2, m.livePixels());
        assertEquals(1.0, m.shareUnmovedDead(), 1e-12);
        assertEquals((0.2 + 0 + 0 + 0.4) / 4, m.meanMoveLive(), 1e-6);
        assertEquals(0.35, m.initialMeanAbs(), 1e-6);

        WeightMotion moved = WeightMotion.of(initial, trained, new boolean[]{true, true, false});
        assertEquals(1.0 - 0.5, moved.shareUnmovedDead(), 1e-12, "the unlit pixel's weights: one of two moved");
    }

    @Test
    void cachedValuesGiveTheSameRecords() {
        WeightMotion m = new WeightMotion(3, 781, Double.NaN, 0.0123, 0.75, 0.031);
        assertEquals(m, WeightMotion.from(m.values()));
        HiddenActivity a = new HiddenActivity(0.41, 0.59, 0.41, 10_000, 128);
        assertEquals(a, HiddenActivity.from(a.values()));
    }
}
