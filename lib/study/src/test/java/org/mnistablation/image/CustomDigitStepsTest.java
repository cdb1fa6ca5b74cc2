package org.mnistablation.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.study.CustomPredictions;

/** Transparent canvases, the recorded steps, the measured deviations and the model-independent predictions. */
class CustomDigitStepsTest {

    @TempDir
    Path dir;

    Path bar(String name, int w, int h, boolean transparentRgbBlack, Color paper, Color ink, int x, int y, int bw, int bh)
            throws Exception {
        BufferedImage img = new BufferedImage(w, h, transparentRgbBlack ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        if (!transparentRgbBlack) {
            g.setColor(paper);
            g.fillRect(0, 0, w, h);
        }
        g.setColor(ink);
        g.fillRect(x, y, bw, bh);
        g.dispose();
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void inkOnlyInAlphaIsBlackForOpenCvButMnistStyleStillFindsIt() throws Exception {
        CustomDigit d = CustomDigit.load(bar("1_alpha.png", 300, 300, true, null, Color.BLACK, 135, 50, 30, 200));
        assertTrue(d.transparent());
        for (float v : d.naive()) {
            assertEquals(0f, v, "IMREAD_GRAYSCALE drops alpha: RGB is black everywhere");
        }
        assertTrue(d.features().deviations().contains(Deviation.TRANSPARENCY), d.features().summary());
        assertNotNull(d.mnistStyle(), d.problem());
        assertTrue(d.mnistStyle()[14 * 28 + 14] > 0.9f, "the bar is ink after compositing");
        assertEquals(0f, d.mnistStyle()[0]);
    }

    @Test
    void lightInkOnATransparentCanvasIsCompositedOverBlack() {
        float[] lum = {1f, 1f, 0f, 0f};
        float[] a = {1f, 1f, 0f, 0f};
        float[] c = ImageLoader.composite(lum, a);
        assertEquals(0f, c[2], "white ink: transparent pixels become black paper");
        float[] dark = ImageLoader.composite(new float[]{0f, 0f, 0f, 0f}, a);
        assertEquals(1f, dark[2], "black ink: transparent pixels become white paper");
    }

    @Test
    void stepsAreRecordedInOrderAndThinPensAreThickened() throws Exception {
        CustomDigit thin = CustomDigit.load(bar("1_thin.png", 600, 600, false, Color.WHITE, Color.BLACK, 300, 60, 3, 480));
        Preprocessing.MnistSteps s = thin.steps();
        assertTrue(s.lightPaper());
        assertNotNull(s.thickened(), "a 3-px pen on a 480-px digit is thickened");
        assertTrue(s.thickenRadius() >= 1);
        assertEquals(20, Math.max(s.scaled().width(), s.scaled().height()));
        assertEquals(480, s.cropped().height(), 1);
        assertTrue(thin.features().deviations().containsAll(List.of(Deviation.POLARITY, Deviation.STROKE)),
                thin.features().summary());
        CustomDigit thick = CustomDigit.load(bar("1_thick.png", 400, 400, false, Color.BLACK, Color.WHITE, 180, 60, 40, 280));
        assertNull(thick.steps().thickened());
        assertFalse(thick.steps().lightPaper());
        assertTrue(thick.features().deviations().isEmpty(), thick.features().summary());
    }

    @Test
    void smallAndOffCentreAreMeasuredInTheNaiveGrid() throws Exception {
        CustomDigit d = CustomDigit.load(bar("7_corner.png", 900, 600, false, Color.DARK_GRAY, Color.WHITE, 60, 50, 30, 150));
        assertTrue(d.features().deviations().containsAll(List.of(Deviation.POSITION, Deviation.SIZE)), d.features().summary());
        assertFalse(d.features().deviations().contains(Deviation.POLARITY));
    }

    @Test
    void anyFunctionFromImageToProbabilitiesServesAsTheModel() throws Exception {
        bar("1_a.png", 100, 100, false, Color.BLACK, Color.WHITE, 45, 10, 10, 80);
        bar("2_b.png", 100, 100, false, Color.WHITE, Color.BLACK, 45, 10, 10, 80);
        // a "model" that answers 1 when the centre pixel is bright, else 2
        CustomPredictions p = CustomPredictions.of(img -> {
            float[] out = new float[10];
            out[img[14 * 28 + 14] > 0.5f ? 1 : 2] = 1f;
            return out;
        }, dir);
        assertEquals(2, p.digits().size());
        assertEquals(1f, p.mnistStyle().get(0)[1]);
        assertEquals(1f, p.mnistStyle().get(1)[1], "MNIST-style inverts the dark-on-light bar");
        assertEquals(1f, p.naive().get(1)[2], "the naive input keeps black ink dark");
    }
}
