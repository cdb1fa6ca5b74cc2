package org.mnistablation.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Dl4jModel;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.Evaluator;
import org.mnistablation.train.History;
import org.mnistablation.train.NdRuntime;

class ViewsTest {

    /** Four images labelled 3, 1, 3, 0, each a different shade. */
    static final LabeledImages TEST = new LabeledImages(shades(4), new int[]{3, 1, 3, 0}, 28, 28);

    static float[] shades(int n) {
        float[] px = new float[n * 784];
        for (int i = 0; i < n; i++) {
            Arrays.fill(px, i * 784, (i + 1) * 784, (i + 1) / (float) n);
        }
        return px;
    }

    /** An untrained run of the baseline, evaluated on {@link #TEST}. */
    static RunResult run() {
        NdRuntime.ensureReady();
        RunConfig config = Mlp.baseline().withUnits(8).config();
        var net = Dl4jModel.build(config.model(), config.seed());
        Evaluation test = Evaluator.evaluate(net, config.model(), TEST);
        History h = new History(List.of(new EpochStats(1, 0.5, 0.8, 0.4, 0.85, 1.0)), 1, false, false);
        return new RunResult(config, "synthetic-views", h, net.params().dup().data().asFloat(), test, Engine.FUSED.chosen(), false);
    }

    @Test
    void firstOfEachClassSkipsClassesThatDoNotOccur() {
        assertArrayEquals(new int[]{3, 1, 0}, Views.firstOfEachClass(TEST));
    }

    @Test
    void randomIndicesAreDistinctAndTheSameForTheSameSeed() {
        int[] a = Views.randomIndices(5, 10, 7);
        assertArrayEquals(a, Views.randomIndices(5, 10, 7));
        assertEquals(5, Arrays.stream(a).distinct().count());
        assertNotEquals(Arrays.toString(a), Arrays.toString(Views.randomIndices(5, 10, 8)));
    }

    @Test
    void predictGivesTheRunsTestProbabilities() {
        RunResult r = run();
        float[][] p = Views.predict(r, List.of(TEST.image(0), TEST.image(2)));
        assertArrayEquals(r.test().probabilitiesOf(0), p[0], 1e-6f);
        assertArrayEquals(r.test().probabilitiesOf(2), p[1], 1e-6f);
    }

    @Test
    void figuresAreDrawn() {
        RunResult r = run();
        BufferedImage grid = Views.predictionGrid("grid", TEST, r, new int[]{0, 1, 2}, 3);
        BufferedImage bars = Views.perClassAccuracy(TEST, r);
        BufferedImage probs = Views.probabilities(TEST, r, 1);
        for (BufferedImage i : List.of(grid, bars, probs)) {
            assertTrue(i.getWidth() > 50 && i.getHeight() > 50, i.getWidth() + "x" + i.getHeight());
        }
    }
}
