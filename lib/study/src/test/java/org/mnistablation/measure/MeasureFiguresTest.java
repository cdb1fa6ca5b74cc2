package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import tech.tablesaw.api.Table;

/**
 * Seed summaries against hand-computed t-intervals, the tables' cells, and every figure drawn with its series (the
 * first series' colour present) from measures of known values.
 */
class MeasureFiguresTest {

    static final Color FIRST_SERIES = new Color(0, 114, 178);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Two settings of three seeds each, seed i's value made by {@code f}. */
    static <T> Map<String, List<T>> settings(IntFunction<T> f) {
        Map<String, List<T>> m = new LinkedHashMap<>();
        m.put("plain", List.of(f.apply(0), f.apply(1), f.apply(2)));
        m.put("dropout 0.3", List.of(f.apply(3), f.apply(4), f.apply(5)));
        return m;
    }

    static int coloured(BufferedImage img, Color c) {
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

    static void assertDrawn(BufferedImage img, String what) {
        assertTrue(img.getWidth() > 500 && img.getHeight() > 300, what + ": size");
        assertTrue(coloured(img, FIRST_SERIES) > 50, what + ": the first series is drawn");
    }

    @Test
    void seedSummaryIsTheMeanWithItsStudentTInterval() {
        SeedSummary s = SeedSummary.of(1, 2, 3);
        assertEquals(2, s.mean(), 1e-12);
        assertEquals(4.302652729911275 * 1 / Math.sqrt(3), s.halfWidth95(), 1e-9); // t(0.975, 2)·sd/√n
        assertEquals("2.000 ± 2.484", s.format(1, 3));
        assertEquals("50.0", SeedSummary.of(0.5).format(100, 1), "one seed: no interval");
    }

    @Test
    void tablesHaveOneRowPerSettingAndMeanPlusMinusCells() {
        Map<String, List<Sharpness>> s = settings(i -> new Sharpness(1 + i, 5, true, 0.1, 0.01 * (i + 1), 0.001));
        Table t = MeasureTables.sharpness("sharpness", s);
        assertEquals(2, t.rowCount());
        assertEquals(List.of("plain", "dropout 0.3"), t.stringColumn("setting").asList());
        assertEquals("2.000 ± 2.484", t.stringColumn("top Hessian eigenvalue").get(0));
        assertEquals("5.000 ± 2.484", t.stringColumn("top Hessian eigenvalue").get(1));
        Table r = MeasureTables.robustness("noise", settings(i -> new Robustness(Perturbation.noise(0.1, 0.2),
                List.of(0.0, 0.1, 0.2), List.of(0.98, 0.97 - 0.01 * i, 0.9))));
        assertEquals(List.of("setting", "seeds", "clean %", "noise 0.1 %", "noise 0.2 %"), r.columnNames());
        assertEquals("98.00 ± 0.00", r.stringColumn("clean %").get(0));
    }

    @Test
    void everyFigureIsDrawn() {
        assertDrawn(MeasureFigures.robustness("Dropout", settings(i -> new Robustness(Perturbation.noise(0.1, 0.2, 0.3),
                List.of(0.0, 0.1, 0.2, 0.3), List.of(0.98, 0.97 - 0.001 * i, 0.9, 0.8 - 0.01 * i)))), "robustness");
        assertDrawn(MeasureFigures.unitDrops("Dropout", settings(i -> new Redundancy(0.97,
                List.of(0.01, 0.002 * i, 0.0, 0.003, 0.02), List.of(5), 0.2 + 0.01 * i, 0))), "unit drops");
        assertDrawn(MeasureFigures.gradientNoise("Batch size", settings(i -> new GradientNoise(0.1, 0.01, List.of(
                new GradientNoise.AtBatch(8, 256, 0.4 + 0.01 * i, 3.2), new GradientNoise.AtBatch(32, 256, 0.1, 3.2),
                new GradientNoise.AtBatch(128, 256, 0.025, 3.2))))), "gradient noise");
        assertDrawn(MeasureFigures.sharpness("Batch size", settings(i -> new Sharpness(10 + i, 12, true, 0.05,
                0.01 + 0.001 * i, 0.002))), "sharpness");
        assertDrawn(MeasureFigures.smoothness("L2", settings(i -> new Smoothness(0.5 + 0.1 * i, 3 + i, 1000))), "smoothness");
        GradientFlow a = new GradientFlow(List.of(0.2, 0.4), List.of(0.5), 2.3);
        GradientFlow b = new GradientFlow(List.of(0.1, 0.5), List.of(0.4), 0.1);
        assertDrawn(MeasureFigures.gradientFlow("Activations", settings(i -> new GradientFlow.AtInitAndKept(a, b))),
                "gradient flow");
        GradientFlow deepInit = new GradientFlow(List.of(0.01, 0.05, 0.2, 0.4), List.of(0.5, 0.5, 0.5), 2.3);
        GradientFlow deepKept = new GradientFlow(List.of(0.02, 0.03, 0.05, 0.1), List.of(0.4, 0.3, 0.3), 0.1);
        Map<String, List<GradientFlow.AtInitAndKept>> deep = settings(i -> new GradientFlow.AtInitAndKept(deepInit, deepKept));
        assertDrawn(MeasureFigures.gradientProfile("Deeper", deep), "gradient profile");
        Table profile = MeasureTables.gradientProfile("deeper", deep);
        assertEquals(2 + 2 * 4 + 2 * 3, profile.columnCount());
        assertEquals("0.0100 ± 0.0000", profile.stringColumn("‖∂W1‖ init").get(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MeasureFigures.gradientProfile(
                "mixed", Map.of("one", List.of(new GradientFlow.AtInitAndKept(a, b)), "four", List.of(
                        new GradientFlow.AtInitAndKept(deepInit, deepKept)))));
        assertDrawn(MeasureFigures.stability("Optimizers", settings(i -> new Stability(10, 0.1, 0.01 + 0.001 * i,
                0.001, 0.11, 5, 6 + i))), "stability");
        ModelDefinition m = Fixtures.model(new Dense(8, Activation.RELU));
        RunResult run = Fixtures.run(m, Fixtures.network(m, 1), 1, Fixtures.images(50, 1));
        assertDrawn(MeasureFigures.trainTestLoss("Epochs", settings(i -> run).entrySet().stream()
                        .map(e -> new Setting(e.getKey(), e.getValue())).toList(),
                settings(i -> new LossAccuracy(0.05 + 0.01 * i, 0.99))), "train and test loss");
    }
}
