package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.train.Evaluator;

/**
 * Robustness curves against DL4J's inference on perturbed copies of the test images built here, independently of the
 * measure's code: Gaussian noise with the documented per-image seeds and clipping, moved images, and networks whose
 * removed units' outgoing weights are zeroed. Every point must be the accuracy DL4J gives.
 */
class RobustnessTest {

    static final LabeledImages TRAIN = Fixtures.images(1500, 31);
    static final LabeledImages TEST = Fixtures.images(1300, 32); // one full block and a partial one
    static ModelDefinition model;
    static MultiLayerNetwork net;
    static DenseWeights weights;

    @BeforeAll
    static void train() {
        model = Fixtures.model(new Dense(32, Activation.RELU), new Dropout(0.2), new Dense(16, Activation.TANH));
        net = Fixtures.trained(model, TRAIN, 2, 3);
        weights = DenseWeights.of(model, net.params().data().asFloat());
    }

    private static double dl4jAccuracy(MultiLayerNetwork network, float[] pixels) {
        return Evaluator.evaluate(network, model, new LabeledImages(pixels, TEST.labels(), 28, 28)).accuracy();
    }

    /** One image may land on the other side of a near-tie between float computations. */
    private static void assertAccuracy(double expected, double actual, String what) {
        assertEquals(expected, actual, 1.01 / TEST.count(), what);
    }

    @Test
    void noiseCurveIsDl4jsAccuracyOnTheNoisyImages() {
        Robustness r = Robustness.of(weights, TEST, new Perturbation.Noise(List.of(0.1, 0.3, 0.6), 1));
        assertEquals(List.of(0.0, 0.1, 0.3, 0.6), r.sizes());
        assertAccuracy(Evaluator.evaluate(net, model, TEST).accuracy(), r.clean(), "clean");
        assertTrue(r.clean() > 0.9, "the fixture network has learnt the fake digits");
        for (int s = 1; s < 4; s++) {
            float sigma = r.sizes().get(s).floatValue();
            float[] noisy = TEST.pixels().clone();
            for (int i = 0; i < TEST.count(); i++) {
                SplittableRandom rng = new SplittableRandom(0x9E3779B97F4A7C15L + i); // seed 1
                for (int p = 0; p < 784; p++) {
                    noisy[i * 784 + p] = Math.min(1f, Math.max(0f, noisy[i * 784 + p] + sigma * (float) rng.nextGaussian()));
                }
            }
            assertAccuracy(dl4jAccuracy(net, noisy), r.accuracies().get(s), "σ = " + sigma);
        }
        assertTrue(r.worst() < r.clean(), "σ = 0.6 costs accuracy");
    }

    @Test
    void shiftMovesContentAndFillsTheBorderWithZeros() {
        float[] img = new float[12]; // one 3×4 image: value = 1 + index
        for (int i = 0; i < 12; i++) {
            img[i] = 1 + i;
        }
        float[] out = new float[12];
        Robustness.shiftBlock(img, 0, 1, 3, 4, 0, 1, out);
        assertArrayEquals(new float[]{0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11}, out);
        Robustness.shiftBlock(img, 0, 1, 3, 4, -1, 0, out);
        assertArrayEquals(new float[]{5, 6, 7, 8, 9, 10, 11, 12, 0, 0, 0, 0}, out);
        Robustness.shiftBlock(img, 0, 1, 3, 4, 2, -2, out);
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0}, out);
    }

    @Test
    void shiftCurveIsTheMeanOfDl4jsAccuraciesOverTheFourMoves() {
        Robustness r = Robustness.of(weights, TEST, Perturbation.shift(1, 3));
        for (int s = 1; s < 3; s++) {
            int k = r.sizes().get(s).intValue();
            double sum = 0;
            for (int[] d : new int[][]{{0, k}, {0, -k}, {k, 0}, {-k, 0}}) {
                float[] moved = new float[TEST.pixels().length];
                for (int i = 0; i < TEST.count(); i++) {
                    for (int y = 0; y < 28; y++) {
                        for (int x = 0; x < 28; x++) {
                            int sy = y - d[0];
                            int sx = x - d[1];
                            if (sy >= 0 && sy < 28 && sx >= 0 && sx < 28) {
                                moved[i * 784 + y * 28 + x] = TEST.pixels()[i * 784 + sy * 28 + sx];
                            }
                        }
                    }
                }
                sum += dl4jAccuracy(net, moved);
            }
            assertAccuracy(sum / 4, r.accuracies().get(s), "shift " + k);
        }
    }

    @Test
    void unitRemovalIsDl4jsAccuracyWithTheRemovedUnitsOutgoingWeightsZeroed() {
        Perturbation.UnitRemoval p = new Perturbation.UnitRemoval(List.of(0.25, 0.5), 3, 7);
        Robustness r = Robustness.of(weights, TEST, p);
        float[][][][] masks = Robustness.masks(weights, p);
        for (int s = 0; s < 2; s++) {
            double sum = 0;
            for (int d = 0; d < 3; d++) {
                MultiLayerNetwork removed = net.clone();
                for (int l = 0; l < 2; l++) {
                    float[] keep = masks[s][d][l];
                    int zeros = 0;
                    for (int u = 0; u < keep.length; u++) {
                        if (keep[u] == 0) {
                            zeros++;
                            removed.getParam((l + 1) + "_W").getRow(u).assign(0); // unit u's outgoing weights
                        }
                    }
                    assertEquals(Math.round(p.fractions().get(s) * keep.length), zeros, "units removed");
                }
                sum += Evaluator.evaluate(removed, model, TEST).accuracy();
            }
            assertAccuracy(sum / 3, r.accuracies().get(s + 1), "share " + p.fractions().get(s));
        }
    }

    @Test
    void familiesMeasuredInOneSweepEqualThoseMeasuredAlone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path runs) {
        List<Perturbation> families = List.of(Perturbation.shift(2), Perturbation.unitRemoval(0.3),
                Perturbation.noise(0.2, 0.4));
        List<Robustness> together = Robustness.of(weights, TEST, families);
        for (int i = 0; i < families.size(); i++) {
            assertEquals(Robustness.of(weights, TEST, families.get(i)), together.get(i));
        }
        org.mnistablation.cache.RunResult run = Fixtures.run(model, net, 3, TEST);
        StudyMeasures m = new StudyMeasures(runs, new org.mnistablation.data.StudySplit(TRAIN, TEST, TEST, Fixtures.DATA));
        assertEquals(together.get(2), m.robustness(run, families.get(2)), "one family cached alone");
        assertEquals(together, m.robustness(run, families), "the others computed in a sweep, that one read back");
        assertEquals(List.of(together.get(0)), m.robustness(List.of(run), families).get(families.get(0)));
    }

    @Test
    void valuesReadBackAsTheSameCurve() {
        Perturbation p = Perturbation.noise(0.2);
        Robustness r = Robustness.of(weights, TEST, p);
        assertEquals(r, Robustness.from(p, r.values()));
        assertEquals(r, Robustness.of(weights, TEST, p), "deterministic");
    }
}
