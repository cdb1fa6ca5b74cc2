package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mnistablation.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The fused training step against DL4J itself: the same gradient as DL4J's backprop for every activation, the same
 * parameters as DL4J's {@code fit} after steps of every optimizer (so the Keras semantics {@link KerasSemanticsTest}
 * checks on DL4J carry over), and dropout's arithmetic checked exactly through an equivalent DL4J network.
 */
class FusedStepTest {

    static LabeledImages data;
    static DataSet batch;
    static int[] identity;
    static final int ROWS = 48;

    @BeforeAll
    static void setUp() {
        NdRuntime.ensureReady();
        data = Synthetic.images(ROWS, 11);
        batch = new DataSet(Matrices.features(data), Matrices.oneHot(data.labels()));
        identity = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            identity[i] = i;
        }
    }

    private static ExperimentConfig small() {
        return ExperimentConfig.baseline().withHiddenUnits(32).withBatchSize(ROWS);
    }

    /** DL4J's gradient of the batch's mean loss (its backprop sums over rows; its updater divides by the count). */
    private static float[] dl4jGradient(MultiLayerNetwork net) {
        MultiLayerNetwork copy = net.clone();
        copy.setInput(batch.getFeatures());
        copy.setLabels(batch.getLabels());
        copy.computeGradientAndScore();
        return copy.getFlattenedGradients().dup().divi(ROWS).data().asFloat();
    }

    private record Fused(StepEngine.StepOutcome outcome, float[] gradient) {
    }

    private static Fused fusedGradient(MultiLayerNetwork net, ExperimentConfig cfg, float[] mask, PairWorker pair) {
        INDArray gradient = NativeFloats.allocate(net.params().length());
        try (FusedStep step = new FusedStep(MlpLayout.of(net), net.params(), gradient, cfg.activation(),
                cfg.dropoutRate(), cfg.l2(), ROWS, pair)) {
            int rows = step.load(data.pixels(), data.labels(), identity, 0, ROWS);
            StepEngine.StepOutcome o;
            if (mask != null) {
                step.useMask(mask);
                o = step.forwardBackward(rows, null);
            } else {
                o = step.forwardBackward(rows, new SplittableRandom(1));
            }
            return new Fused(o, gradient.data().asFloat());
        } finally {
            gradient.close();
        }
    }

    private static void assertClose(float[] expected, float[] actual, double relTol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + ": all-zero reference");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relTol * scale, what + " element " + i);
        }
    }

    @Test
    void layoutIsFoundAndCheckedOnTheNetwork() {
        MultiLayerNetwork net = KerasMlp.build(small());
        MlpLayout layout = MlpLayout.of(net);
        assertEquals(new MlpLayout(784, 32, 10), layout);
        assertEquals(net.params().length(), layout.size());
        assertEquals(784L * 32, layout.b1());
        assertEquals(784L * 32 + 32 + 32 * 10, layout.b2());
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientLossAndAccuracyEqualDl4jsForEveryActivation(Activation activation) {
        ExperimentConfig cfg = small().withActivation(activation);
        MultiLayerNetwork net = KerasMlp.build(cfg);
        // biases away from zero, so their gradients and the activations' curvature are exercised
        net.getParam("0_b").assign(0.05);
        net.getParam("1_b").assign(-0.02);
        Fused fused = fusedGradient(net, cfg, null, null);
        assertClose(dl4jGradient(net), fused.gradient(), 2e-5, activation + " gradient");

        Evaluation eval = Evaluator.evaluate(net, 0, data);
        assertEquals(eval.loss(), fused.outcome().meanLoss(), 1e-5, "mean cross-entropy");
        long correct = 0;
        for (int i = 0; i < ROWS; i++) {
            if (eval.predicted()[i] == data.labels()[i]) {
                correct++;
            }
        }
        assertEquals(correct, fused.outcome().correct(), "correctly classified rows");
    }

    @Test
    void l2AddsTwoLambdaWToTheHiddenKernelGradientAndLambdaSumSquaresToTheLoss() {
        double lambda = 0.01;
        ExperimentConfig cfg = small().withL2(lambda);
        MultiLayerNetwork net = KerasMlp.build(cfg);
        Fused plain = fusedGradient(net, small(), null, null);
        Fused reg = fusedGradient(net, cfg, null, null);
        float[] w = net.params().data().asFloat();
        MlpLayout layout = MlpLayout.of(net);
        double sumSq = 0;
        for (int i = 0; i < w.length; i++) {
            double expected = plain.gradient()[i];
            if (i < layout.b1()) {
                expected += 2 * lambda * w[i];
                sumSq += (double) w[i] * w[i];
            }
            assertEquals(expected, reg.gradient()[i], 1e-6, "element " + i);
        }
        assertEquals(plain.outcome().meanLoss() + lambda * sumSq, reg.outcome().meanLoss(), 1e-6);
        // ND4J sums in float, the fused step in double
        assertEquals(Evaluator.l2Penalty(net, lambda), lambda * sumSq, 1e-5 * lambda * sumSq);
    }

    /**
     * A mask that drops unit set D for every row and scales the rest by s = 1/(1 − rate) gives the same network output
     * as DL4J without dropout whose W2 has rows D zeroed and the rest scaled by s. Then the hidden layer's gradient is
     * the same, and the fused W2 gradient is s times DL4J's on kept rows and 0 on dropped ones.
     */
    @Test
    void dropoutMasksAndScalesLikeKerasInTheGradient() {
        double rate = 0.3;
        ExperimentConfig cfg = small().withDropout(rate);
        MultiLayerNetwork net = KerasMlp.build(cfg);
        int hidden = 32;
        float s = (float) (1 / (1 - rate));
        boolean[] dropped = new boolean[hidden];
        for (int j = 0; j < hidden; j += 3) {
            dropped[j] = true;
        }
        float[] mask = new float[ROWS * hidden];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < hidden; j++) {
                mask[r * hidden + j] = dropped[j] ? 0f : s;
            }
        }
        Fused fused = fusedGradient(net, cfg, mask, null);

        MultiLayerNetwork equivalent = KerasMlp.build(small());
        equivalent.setParams(net.params().dup());
        INDArray w2 = equivalent.getParam("1_W");
        for (int j = 0; j < hidden; j++) {
            w2.getRow(j).muli(dropped[j] ? 0f : s);
        }
        float[] reference = dl4jGradient(equivalent);
        MlpLayout layout = MlpLayout.of(net);
        float[] expected = reference.clone();
        for (int c = 0; c < 10; c++) {
            for (int j = 0; j < hidden; j++) {
                int i = (int) layout.w2() + c * hidden + j;
                expected[i] = dropped[j] ? 0f : s * reference[i];
            }
        }
        assertClose(expected, fused.gradient(), 2e-5, "gradient with a fixed dropout mask");
        Evaluation eval = Evaluator.evaluate(equivalent, 0, data);
        assertEquals(eval.loss(), fused.outcome().meanLoss(), 1e-5, "training loss is that of the masked network");
    }

    @Test
    void dropoutMasksDropTheRateAndScaleSurvivors() {
        double rate = 0.3;
        ExperimentConfig cfg = small().withDropout(rate);
        MultiLayerNetwork net = KerasMlp.build(cfg);
        INDArray gradient = NativeFloats.allocate(net.params().length());
        try (FusedStep step = new FusedStep(MlpLayout.of(net), net.params(), gradient, cfg.activation(), rate, 0,
                ROWS, null)) {
            SplittableRandom rng = new SplittableRandom(5);
            int rows = step.load(data.pixels(), data.labels(), identity, 0, ROWS);
            long zeros = 0;
            long total = 0;
            float[] previous = null;
            for (int k = 0; k < 50; k++) {
                step.forwardBackward(rows, rng);
                float[] m = step.mask();
                for (float v : m) {
                    if (v == 0f) {
                        zeros++;
                    } else {
                        assertEquals(1 / (1 - rate), v, 1e-6, "survivors are scaled by 1/(1-rate)");
                    }
                    total++;
                }
                if (previous != null) {
                    assertTrue(!java.util.Arrays.equals(previous, m), "a new mask every step");
                }
                previous = m.clone();
            }
            assertEquals(rate, (double) zeros / total, 0.01, "fraction dropped");
        } finally {
            gradient.close();
        }
    }

    /** Parameters after {@code steps} updates on the batch, by DL4J's fit and by the fused engine. */
    private static void assertSameUpdatesAsDl4jFit(ExperimentConfig cfg, int steps, double tol) {
        MultiLayerNetwork reference = KerasMlp.build(cfg);
        reference.getParam("0_b").assign(0.3);
        MultiLayerNetwork net = KerasMlp.build(cfg);
        net.setParams(reference.params().dup());
        LabeledImages trainData = data;
        try (FusedEngine engine = new FusedEngine(net, cfg, trainData)) {
            for (int s = 0; s < steps; s++) {
                reference.fit(batch);
                engine.startEpoch(identity);
                engine.step(0, ROWS);
                float[] expected = reference.params().data().asFloat();
                float[] actual = net.params().data().asFloat();
                assertClose(expected, actual, tol, cfg.optimizer().label() + " step " + (s + 1));
            }
        }
    }

    @Test
    void sgdStepsEqualDl4jFit() {
        assertSameUpdatesAsDl4jFit(small().withOptimizer(OptimizerConfig.sgd(0.1)).withL2(0.01), 3, 1e-6);
    }

    @Test
    void sgdMomentumStepsEqualDl4jFit() {
        assertSameUpdatesAsDl4jFit(small().withOptimizer(OptimizerConfig.sgdMomentum(0.05, 0.9)), 4, 1e-6);
    }

    @Test
    void adamStepsEqualDl4jFit() {
        assertSameUpdatesAsDl4jFit(small().withL2(0.001), 4, 1e-6);
    }

    @Test
    void adamWStepsEqualDl4jFitIncludingDecayOfBiases() {
        assertSameUpdatesAsDl4jFit(small().withOptimizer(OptimizerConfig.adamW(1e-3, 0.5)), 4, 1e-6);
    }

    @Test
    void splittingTheWorkAcrossTwoThreadsChangesNothing() {
        int rows = FusedStep.PAIR_MIN_ROWS + 33;
        LabeledImages big = Synthetic.images(rows, 12);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = rows - 1 - i;
        }
        ExperimentConfig cfg = small().withHiddenUnits(37).withActivation(Activation.TANH);
        MultiLayerNetwork net = KerasMlp.build(cfg);
        float[][] gradients = new float[2][];
        double[] losses = new double[2];
        try (PairWorker pair = new PairWorker()) {
            for (int k = 0; k < 2; k++) {
                INDArray gradient = NativeFloats.allocate(net.params().length());
                try (FusedStep step = new FusedStep(MlpLayout.of(net), net.params(), gradient, cfg.activation(), 0, 0,
                        rows, k == 0 ? null : pair)) {
                    int n = step.load(big.pixels(), big.labels(), order, 0, rows);
                    losses[k] = step.forwardBackward(n, null).meanLoss();
                    gradients[k] = gradient.data().asFloat();
                } finally {
                    gradient.close();
                }
            }
        }
        assertClose(gradients[0], gradients[1], 1e-6, "gradient with the rows and products split over two threads");
        assertEquals(losses[0], losses[1], 1e-6);
    }

    @Test
    void pairWorkerRunsBothHalvesAndPassesFailuresOn() {
        try (PairWorker pair = new PairWorker()) {
            int[] seen = new int[2];
            for (int i = 0; i < 1000; i++) {
                pair.run(() -> seen[0]++, () -> seen[1]++);
            }
            assertEquals(1000, seen[0]);
            assertEquals(1000, seen[1]);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> pair.run(() -> {
                        throw new IllegalStateException("helper failed");
                    }, () -> { }));
            assertEquals("helper failed", e.getMessage());
            pair.run(() -> seen[0]++, () -> { });
            assertEquals(1001, seen[0], "usable after a failure");
        }
    }

    @Test
    void pairWorkerHelperEndsWhenClosedAndRefusesWork() throws InterruptedException {
        PairWorker pair = new PairWorker();
        pair.run(() -> { }, () -> { });
        pair.close();
        for (int i = 0; i < 200 && pair.helperAlive(); i++) {
            Thread.sleep(10);
        }
        assertTrue(!pair.helperAlive(), "the helper thread should end after close()");
        assertThrows(IllegalStateException.class, () -> pair.run(() -> { }, () -> { }));
    }

    @Test
    void reluAndItsDerivativeAtZeroAndNegativeZero() {
        float[] z = {-2f, -0f, 0f, 1e-30f, 3f, Float.NaN};
        float[] h = new float[z.length];
        ActivationKernels.forward(Activation.RELU, z, h, z.length);
        assertEquals(0f, h[0]);
        assertEquals(0f, h[1]);
        assertEquals(0f, h[2]);
        assertEquals(1e-30f, h[3]);
        assertEquals(3f, h[4]);
        assertTrue(Float.isNaN(h[5]), "NaN propagates, so divergence is detected");
        float[] d = {5f, 5f, 5f, 5f, 5f, 5f};
        ActivationKernels.multiplyByDerivative(Activation.RELU, z, h, d, z.length);
        assertEquals(0f, d[0]);
        assertEquals(0f, d[1]);
        assertEquals(0f, d[2], "Keras: relu'(0) = 0");
        assertEquals(5f, d[3]);
        assertEquals(5f, d[4]);
    }

    @Test
    void geluKernelMatchesTheExactErfForm() {
        float[] z = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f};
        double[] expected = {-0.00404969, -0.15865525, -0.15426877, 0.0, 0.34573123, 0.84134475, 2.99595031};
        float[] h = new float[z.length];
        ActivationKernels.forward(Activation.GELU, z, h, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(expected[i], h[i], 1e-6, "gelu(" + z[i] + ")");
        }
    }
}
