package org.mnistablation.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingTest {

    @TempDir
    Path dir;

    /** A vertical bar ("1") of the given colours at (x, y) with size w×h on a W×H canvas. */
    Path draw(String name, int W, int H, Color paper, Color ink, int x, int y, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(paper);
        g.fillRect(0, 0, W, H);
        g.setColor(ink);
        g.fillRect(x, y, w, h);
        g.dispose();
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    static float sum(float[] v) {
        float s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }

    @Test
    void darkInkOnWhiteIsInvertedWhiteOnDarkIsNot() throws Exception {
        CustomDigit dark = CustomDigit.load(draw("1_dark.png", 200, 200, Color.WHITE, Color.BLACK, 90, 40, 20, 120));
        CustomDigit light = CustomDigit.load(draw("1_light.png", 200, 200, Color.BLACK, Color.WHITE, 90, 40, 20, 120));
        for (CustomDigit d : new CustomDigit[]{dark, light}) {
            assertEquals(0f, d.mnistStyle()[0], "corner is background (0) after preprocessing: " + d.name());
            assertTrue(d.mnistStyle()[14 * 28 + 14] > 0.9f, "centre is ink: " + d.name());
        }
        assertEquals(1, dark.expected());
        // the naive pipeline keeps white paper as 1.0: the model sees a bright background
        assertEquals(1f, dark.naive()[0], 1e-6);
        assertEquals(0f, light.naive()[0], 1e-6);
    }

    @Test
    void inkIsScaledTo20PixelsAndCentredByMass() throws Exception {
        // small bar near the top-left corner of a big page
        CustomDigit d = CustomDigit.load(draw("7_off.png", 800, 600, Color.WHITE, Color.DARK_GRAY, 40, 30, 30, 100));
        float[] img = d.mnistStyle();
        int top = 28;
        int bottom = -1;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (img[y * 28 + x] > 0.05f) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertEquals(20, bottom - top + 1, 1, "longer side of the ink becomes 20 px");
        double[] c = Preprocessing.centreOfMass(img);
        assertEquals(13.5, c[0], 1.0);
        assertEquals(13.5, c[1], 1.0);
        for (float v : img) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void shadedNoisyPaperIsNotTakenForInk() throws Exception {
        int w = 600;
        int h = 800;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(5);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int paper = 200 - (x + y) * 60 / (w + h) + (int) Math.round(r.nextGaussian() * 7);
                int v = (x >= 280 && x < 310 && y >= 250 && y < 550) ? 40 : Math.max(0, Math.min(255, paper));
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        Path p = dir.resolve("1_shaded.png");
        ImageIO.write(img, "png", p.toFile());
        float[] out = CustomDigit.load(p).mnistStyle();
        int rows = 0;
        for (int y = 0; y < 28; y++) {
            float rowInk = 0;
            for (int x = 0; x < 28; x++) {
                rowInk += out[y * 28 + x];
            }
            if (rowInk > 0.05f) {
                rows++;
            }
        }
        assertEquals(20, rows, 1, "only the bar is ink: it fills 20 rows; shading or noise would change the crop");
        assertEquals(0f, out[0]);
        assertEquals(0f, out[27 * 28 + 27]);
    }

    @Test
    void hairlineStrokesAreThickened() throws Exception {
        // a 2-px line 800 px long would become 0.05 px wide in the 20-px box; MNIST's pen is about 2 px
        CustomDigit thin = CustomDigit.load(draw("1_thin.png", 1000, 1000, Color.WHITE, Color.BLACK, 500, 100, 2, 800));
        float widthAtRow14 = 0;
        for (int x = 0; x < 28; x++) {
            widthAtRow14 += thin.mnistStyle()[14 * 28 + x];
        }
        assertTrue(widthAtRow14 >= 1.5f, "stroke width in the 28x28 image: " + widthAtRow14);
        CustomDigit thick = CustomDigit.load(draw("1_thick.png", 200, 200, Color.WHITE, Color.BLACK, 90, 40, 20, 120));
        float thickWidth = 0;
        for (int x = 0; x < 28; x++) {
            thickWidth += thick.mnistStyle()[14 * 28 + x];
        }
        assertTrue(thickWidth < 5, "thick strokes are not thickened further: " + thickWidth);
    }

    @Test
    void blankImageIsReportedNotGuessed() throws Exception {
        CustomDigit blank = CustomDigit.load(draw("blank.png", 100, 100, Color.WHITE, Color.WHITE, 0, 0, 1, 1));
        assertNull(blank.mnistStyle());
        assertTrue(blank.problem().contains("no ink found in blank.png"), blank.problem());
        assertNotNull(blank.naive());
    }

    @Test
    void unreadableFilesGetClearMessages() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        DigitImageException e = assertThrows(DigitImageException.class, () -> CustomDigit.load(text));
        assertTrue(e.getMessage().contains("notes.png") && e.getMessage().contains("not an image"), e.getMessage());
        DigitImageException missing = assertThrows(DigitImageException.class, () -> CustomDigit.load(dir.resolve("nope.png")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path truncated = draw("3_cut.png", 300, 300, Color.WHITE, Color.BLACK, 100, 50, 40, 200);
        byte[] b = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(b, b.length / 3));
        DigitImageException cut = assertThrows(DigitImageException.class, () -> CustomDigit.load(truncated));
        assertTrue(cut.getMessage().contains("3_cut.png"), cut.getMessage());
    }

    @Test
    void hugeImagesAreDecodedSubsampled() throws Exception {
        Path huge = draw("1_huge.png", 8000, 8000, Color.WHITE, Color.BLACK, 3800, 1000, 400, 6000);
        ImageLoader.Grey g = ImageLoader.read(huge);
        assertTrue(Math.max(g.width(), g.height()) <= ImageLoader.MAX_DECODED_SIDE, g.width() + "x" + g.height());
        CustomDigit d = CustomDigit.load(huge);
        assertTrue(d.mnistStyle()[14 * 28 + 14] > 0.9f);
    }

    @Test
    void listFindsImagesSortedAndRejectsMissingFolder() throws Exception {
        draw("b.png", 10, 10, Color.WHITE, Color.BLACK, 1, 1, 2, 2);
        draw("a.png", 10, 10, Color.WHITE, Color.BLACK, 1, 1, 2, 2);
        Files.writeString(dir.resolve("readme.txt"), "x");
        assertEquals(java.util.List.of("a.png", "b.png"),
                CustomDigit.list(dir).stream().map(p -> p.getFileName().toString()).toList());
        assertThrows(DigitImageException.class, () -> CustomDigit.list(dir.resolve("missing")));
    }
}
