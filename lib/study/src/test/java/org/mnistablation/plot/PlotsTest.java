package org.mnistablation.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

class PlotsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static History history(double shift) {
        List<EpochStats> e = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            e.add(new EpochStats(i, 0.3 / i + shift, 0.9 + 0.01 * i, 0.2 / i + shift, 0.95 + 0.005 * i, 1.0));
        }
        return new History(e, 5, false, false);
    }

    /** Pixels that are neither white nor near-white: something was drawn. */
    static int inked(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 600) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Pixels of a given colour (the series colour): the data itself was drawn, not only axes. */
    static int coloured(BufferedImage img, java.awt.Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void lossAccuracyHasTwoPanelsWithBothSeries() {
        BufferedImage img = Curves.lossAccuracy("run", history(0));
        assertEquals(1040, img.getWidth());
        assertTrue(coloured(img, Style.color(0)) > 200, "train series drawn");
        assertTrue(coloured(img, Style.color(1)) > 200, "validation series drawn");
    }

    @Test
    void compareDrawsOneColourPerRun() {
        Map<String, History> runs = new LinkedHashMap<>();
        runs.put("a", history(0));
        runs.put("b", history(0.05));
        runs.put("c", history(0.1));
        BufferedImage img = Curves.compare("cmp", runs);
        for (int i = 0; i < 3; i++) {
            assertTrue(coloured(img, Style.color(i)) > 100, "run " + i);
        }
        Map<String, List<History>> seeds = new LinkedHashMap<>();
        seeds.put("a", List.of(history(0), history(0.01)));
        assertTrue(coloured(Curves.compareSeeds("s", seeds), Style.color(0)) > 100);
    }

    @Test
    void barsAndHistogramsDrawTheirData() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("x", 0.97);
        v.put("y", 0.98);
        assertTrue(coloured(Bars.bar("b", "acc", v), Style.color(0)) > 1000);
        Map<String, float[]> s = new LinkedHashMap<>();
        float[] u = new float[2000];
        float[] w = new float[2000];
        java.util.Random r = new java.util.Random(2);
        for (int i = 0; i < w.length; i++) {
            u[i] = r.nextFloat() - 0.5f;
            w[i] = (float) r.nextGaussian();
        }
        s.put("uniform", u);
        s.put("gauss", w);
        assertTrue(inked(Bars.histogram("h", "w", s, 30)) > 2000);
    }

    @Test
    void digitsAreDarkInkOnWhite() {
        float[] px = new float[784];
        px[0] = 1f;
        BufferedImage d = Pictures.digit(px, 28, 28, 2);
        assertEquals(0x000000, d.getRGB(0, 0) & 0xffffff, "full ink is black");
        assertEquals(0xffffff, d.getRGB(10, 10) & 0xffffff, "no ink is white");
        BufferedImage grid = Pictures.digitGrid("g", new float[][]{px, px, px}, new String[]{"a", "b", "c"},
                new boolean[]{false, true, false}, 2);
        assertTrue(grid.getWidth() > 2 * 28 * 4);
        assertTrue(grid.getHeight() > 2 * 28 * 4, "3 digits in 2 columns make 2 rows");
    }

    @Test
    void confusionWeightsAndProbabilitiesRender(@TempDir Path dir) throws Exception {
        int[][] c = new int[10][10];
        for (int i = 0; i < 10; i++) {
            c[i][i] = 100;
        }
        c[3][5] = 7;
        BufferedImage m = Pictures.confusionMatrix("cm", c);
        Path png = dir.resolve("sub/cm.png");
        Panels.save(m, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertNotNull(back);
        assertEquals(m.getWidth(), back.getWidth());
        float[][] units = new float[4][784];
        units[0][0] = 1f;
        units[1][0] = -1f;
        BufferedImage w = Pictures.weightImages("w", units, 4, 4);
        assertTrue(inked(w) > 0);
        assertTrue(Pictures.diverging(1f).getRed() > Pictures.diverging(1f).getBlue(), "positive is red");
        assertTrue(Pictures.diverging(-1f).getBlue() > Pictures.diverging(-1f).getRed(), "negative is blue");
        float[] probs = new float[10];
        probs[3] = 0.9f;
        probs[5] = 0.1f;
        assertTrue(coloured(Pictures.probabilities("p", new float[784], probs, 3), Style.color(2)) > 500, "argmax bar drawn");
    }
}
