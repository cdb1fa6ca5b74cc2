package org.mnistablation.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigitStripTest {

    @Test
    void inkIsDrawnWhiteOnBlackAsTheModelSeesIt() {
        float[] px = new float[784];
        px[14 * 28 + 14] = 1f;
        BufferedImage b = DigitStrip.brightness(px, 28, 28);
        assertEquals(112, b.getWidth(), "28 px enlarged 4x");
        assertEquals(0xFFFFFF, b.getRGB(14 * 4 + 1, 14 * 4 + 1) & 0xFFFFFF, "ink (1) is white");
        assertEquals(0, b.getRGB(0, 0) & 0xFFFFFF, "background (0) is black");
        float[] big = new float[400 * 200];
        java.util.Arrays.fill(big, 1f);
        BufferedImage s = DigitStrip.brightness(big, 400, 200);
        assertEquals(112, s.getWidth());
        assertEquals(56, s.getHeight());
    }

    @Test
    void stripHasOneRowPerPipelineAndAColumnPerStep() {
        BufferedImage p = DigitStrip.brightness(new float[784], 28, 28);
        BufferedImage img = DigitStrip.strip("t", List.of(
                new DigitStrip.Row("a", List.of(new DigitStrip.Panel("x", p), new DigitStrip.Panel("y", null)), "right", false),
                new DigitStrip.Row("b", List.of(new DigitStrip.Panel("x", p), new DigitStrip.Panel("y", p), new DigitStrip.Panel("z", p)),
                        "wrong", true)));
        assertTrue(img.getWidth() >= 3 * DigitStrip.BOX, "three columns");
        assertTrue(img.getHeight() >= 2 * DigitStrip.BOX, "two rows");
    }
}
