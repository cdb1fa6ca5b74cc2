package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.Layer;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The fused training step against DL4J itself, on one, two and three hidden layers: the same gradient as DL4J's
 * backprop for every activation it supports, the same parameters as DL4J's {@code fit} after steps of every optimizer
 * (so the Keras semantics {@link KerasSemanticsTest} checks on DL4J carry over), and dropout's arithmetic checked
 * exactly through an equivalent DL4J network.
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
        batch = new DataSet(Matrices.features(data), Matrices.oneHot(data.labels(), 10));
        identity = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            identity[i] = i;
        }
    }

    /** Flatten, then each given layer, then Dense(10, softmax). */
    static ModelDefinition model(Optimizer opt, Layer... hidden) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten(28, 28));
        layers.addAll(List.of(hidden));
        layers.add(new Dense(10, Activation.SOFTMAX));
        return new ModelDefinition(layers, opt);
    }

    static ModelDefinition oneHidden(Activation a) {
        return model(Optimizer.adam(), new Dense(32, a));
    }

    /** The deeper models the tests use: two and three hidden layers of mixed activations, L2 on some kernels. */
    static List<ModelDefinition> deeper(Optimizer opt) {
        return List.of(
                model(opt, new Dense(24, Activation.RELU, 0.002), new Dense(16, Activation.TANH)),
                model(opt, new Dense(20, Activation.GELU), new Dense(12, Activation.SOFTSIGN, 0.01),
                        new Dense(8, Activation.SIGMOID)));
    }

    static MultiLayerNetwork network(ModelDefinition m) {
        MultiLayerNetwork net = Dl4jModel.build(m, 42);
        // biases away from zero, so their gradients and the activations' curvature are exercised
        for (int l = 0; l < net.getnLayers(); l++) {
            net.getParam(l + "_b").assign(0.05 * (l % 2 == 0 ? 1 : -1));
        }
        return net;
    }

    /**
     * DL4J's gradient of the batch's mean loss (its backprop sums over rows; its updater divides by the count). DL4J
     * adds regularisation in the updater, not in backprop, so an L2 model's 2λw is added here as DL4J's updater would.
     */
    private static float[] dl4jGradient(MultiLayerNetwork net, ModelDefinition m) {
        MultiLayerNetwork copy = net.clone();
        copy.setInput(batch.getFeatures());
        copy.setLabels(batch.getLabels());
        copy.computeGradientAndScore();
        float[] g = copy.getFlattenedGradients().dup().divi(ROWS).data().asFloat();
        float[] w = net.params().data().asFloat();
        ParamLayout layout = ParamLayout.of(net);
        List<Dense> dense = m.dense();
        for (int l = 0; l < dense.size(); l++) {
            double lambda = dense.get(l).l2();
            for (long i = layout.kernel(l); lambda > 0 && i < layout.bias(l); i++) {
                g[(int) i] += (float) (2 * lambda * w[(int) i]);
            }
        }
        return g;
    }

    private record Fused(StepEngine.StepOutcome outcome, float[] gradient) {
    }

    /** One fused forward/backward pass; {@code masks[l]} (when given) is layer l's input mask. */
    private static Fused fusedGradient(MultiLayerNetwork net, ModelDefinition m, float[][] masks, PairWorker pair) {
        INDArray gradient = NativeFloats.allocate(net.params().length());
        try (FusedStep step = new FusedStep(ParamLayout.of(net), net.params(), gradient, m, ROWS, pair)) {
            int rows = step.load(data.pixels(), data.labels(), identity, 0, ROWS);
            StepEngine.StepOutcome o;
            if (masks != null) {
                for (int l = 0; l < masks.length; l++) {
                    if (masks[l] != null) {
                        step.useMask(l, masks[l]);
                    }
                }
                o = step.forwardBackward(rows, null);
            } else {
                o = step.forwardBackward(rows, new SplitMix64(1));
            }
            step.writeGradient();
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

    private static void assertSameAsDl4j(ModelDefinition m, String what) {
        MultiLayerNetwork net = network(m);
        Fused fused = fusedGradient(net, m, null, null);
        assertClose(dl4jGradient(net, m), fused.gradient(), 2e-5, what + " gradient");
        Evaluation eval = Evaluator.evaluate(net, m, data);
        assertEquals(eval.loss(), fused.outcome().meanLoss(), 1e-5, what + " mean loss incl. L2");
        long correct = 0;
        for (int i = 0; i < ROWS; i++) {
            if (eval.predicted()[i] == data.labels()[i]) {
                correct++;
            }
        }
        assertEquals(correct, fused.outcome().correct(), what + " correctly classified rows");
    }

    @Test
    void layoutIsFoundAndCheckedOnTheNetwork() {
        ParamLayout one = ParamLayout.of(network(oneHidden(Activation.RELU)));
        assertEquals(new ParamLayout(784, 32, 10), one);
        assertEquals(784L * 32, one.bias(0));
        assertEquals(784L * 32 + 32 + 32 * 10, one.bias(1));
        ParamLayout three = ParamLayout.of(network(deeper(Optimizer.adam()).get(1)));
        assertEquals(new ParamLayout(784, 20, 12, 8, 10), three);
        assertEquals(784L * 20 + 20 + 20 * 12 + 12, three.kernel(2));
        assertEquals(three.bias(3) + 10, three.size());
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"RELU", "TANH", "SOFTSIGN", "GELU", "SIGMOID", "LINEAR"})
    void gradientLossAndAccuracyEqualDl4jsForEveryActivation(Activation activation) {
        assertSameAsDl4j(oneHidden(activation), activation.kerasName());
    }

    @Test
    void gradientLossAndAccuracyEqualDl4jsOnTwoAndThreeHiddenLayersWithL2() {
        for (ModelDefinition m : deeper(Optimizer.adam())) {
            assertSameAsDl4j(m, m.keras());
        }
    }

    @Test
    void l2AddsTwoLambdaWToItsKernelsGradientOnly() {
        double lambda = 0.01;
        ModelDefinition plain = model(Optimizer.adam(), new Dense(24, Activation.RELU), new Dense(16, Activation.TANH));
        ModelDefinition reg = model(Optimizer.adam(), new Dense(24, Activation.RELU), new Dense(16, Activation.TANH, lambda));
        MultiLayerNetwork net = network(plain);
        Fused a = fusedGradient(net, plain, null, null);
        Fused b = fusedGradient(net, reg, null, null);
        float[] w = net.params().data().asFloat();
        ParamLayout layout = ParamLayout.of(net);
        double sumSq = 0;
        for (int i = 0; i < w.length; i++) {
            double expected = a.gradient()[i];
            if (i >= layout.kernel(1) && i < layout.bias(1)) {
                expected += 2 * lambda * w[i];
                sumSq += (double) w[i] * w[i];
            }
            assertEquals(expected, b.gradient()[i], 1e-6, "element " + i);
        }
        assertEquals(a.outcome().meanLoss() + lambda * sumSq, b.outcome().meanLoss(), 1e-6);
        assertEquals(Evaluator.l2Penalty(net, reg), lambda * sumSq, 1e-5 * lambda * sumSq);
    }

    /**
     * A mask that drops input set D of layer l for every row and scales the rest by s = 1/(1 − rate) gives the same
     * output as DL4J without dropout whose layer-l kernel has input rows D zeroed and the rest scaled by s. Then every
     * other gradient is the same, and the fused layer-l kernel gradient is s times DL4J's on kept rows, 0 on dropped.
     */
    private static void assertMaskedLikeAnEquivalentNetwork(int layer, double rate) {
        List<Layer> hidden = new ArrayList<>();
        if (layer == 0) {
            hidden.add(new Dropout(rate));
        }
        hidden.add(new Dense(24, Activation.TANH));
        if (layer == 1) {
            hidden.add(new Dropout(rate));
        }
        hidden.add(new Dense(16, Activation.RELU));
        if (layer == 2) {
            hidden.add(new Dropout(rate));
        }
        ModelDefinition m = model(Optimizer.adam(), hidden.toArray(Layer[]::new));
        ModelDefinition withoutDropout = model(Optimizer.adam(), new Dense(24, Activation.TANH), new Dense(16, Activation.RELU));
        MultiLayerNetwork net = network(m);
        ParamLayout layout = ParamLayout.of(net);
        int inputs = layout.in(layer);
        float s = (float) (1 / (1 - rate));
        boolean[] dropped = new boolean[inputs];
        for (int j = 1; j < inputs; j += 3) {
            dropped[j] = true;
        }
        float[] mask = new float[ROWS * inputs];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < inputs; j++) {
                mask[r * inputs + j] = dropped[j] ? 0f : s;
            }
        }
        float[][] masks = new float[layout.layers()][];
        masks[layer] = mask;
        Fused fused = fusedGradient(net, m, masks, null);

        MultiLayerNetwork equivalent = Dl4jModel.build(withoutDropout, 42);
        equivalent.setParams(net.params().dup());
        INDArray w = equivalent.getParam(layer + "_W");
        for (int j = 0; j < inputs; j++) {
            w.getRow(j).muli(dropped[j] ? 0f : s);
        }
        float[] reference = dl4jGradient(equivalent, withoutDropout);
        float[] expected = reference.clone();
        int outs = layout.out(layer);
        for (int c = 0; c < outs; c++) {
            for (int j = 0; j < inputs; j++) {
                int i = (int) layout.kernel(layer) + c * inputs + j;
                expected[i] = dropped[j] ? 0f : s * reference[i];
            }
        }
        assertClose(expected, fused.gradient(), 2e-5, "gradient with a fixed dropout mask on layer " + layer + "'s input");
        Evaluation eval = Evaluator.evaluate(equivalent, withoutDropout, data);
        assertEquals(eval.loss(), fused.outcome().meanLoss(), 1e-5, "training loss is that of the masked network");
    }

    @Test
    void dropoutMasksAndScalesLikeKerasInTheGradientWhereverItStands() {
        assertMaskedLikeAnEquivalentNetwork(0, 0.2);
        assertMaskedLikeAnEquivalentNetwork(1, 0.3);
        assertMaskedLikeAnEquivalentNetwork(2, 0.5);
    }

    @Test
    void dropoutMasksDropTheRateAndScaleSurvivors() {
        double rate = 0.3;
        ModelDefinition m = model(Optimizer.adam(), new Dense(32, Activation.RELU), new Dropout(rate));
        MultiLayerNetwork net = network(m);
        INDArray gradient = NativeFloats.allocate(net.params().length());
        try (FusedStep step = new FusedStep(ParamLayout.of(net), net.params(), gradient, m, ROWS, null)) {
            SplitMix64 rng = new SplitMix64(5);
            int rows = step.load(data.pixels(), data.labels(), identity, 0, ROWS);
            long zeros = 0;
            long total = 0;
            float[] previous = null;
            assertEquals(null, step.mask(0), "no dropout on the pixels");
            for (int k = 0; k < 50; k++) {
                step.forwardBackward(rows, rng);
                float[] mask = step.mask(1);
                for (float v : mask) {
                    if (v == 0f) {
                        zeros++;
                    } else {
                        assertEquals(1 / (1 - rate), v, 1e-6, "survivors are scaled by 1/(1-rate)");
                    }
                    total++;
                }
                if (previous != null) {
                    assertTrue(!java.util.Arrays.equals(previous, mask), "a new mask every step");
                }
                previous = mask.clone();
            }
            assertEquals(rate, (double) zeros / total, 0.01, "fraction dropped");
        } finally {
            gradient.close();
        }
    }

    /** Parameters after {@code steps} updates on the batch, by DL4J's fit and by the fused engine. */
    private static void assertSameUpdatesAsDl4jFit(ModelDefinition m, int steps, double tol) {
        RunConfig cfg = new RunConfig(m, 1, ROWS, null, 42);
        MultiLayerNetwork reference = network(m);
        MultiLayerNetwork net = Dl4jModel.build(m, 42);
        net.setParams(reference.params().dup());
        try (FusedEngine engine = new FusedEngine(net, cfg, data)) {
            for (int s = 0; s < steps; s++) {
                reference.fit(batch);
                engine.startEpoch(identity);
                engine.step(0, ROWS);
                engine.endEpoch();
                assertClose(reference.params().data().asFloat(), net.params().data().asFloat(), tol,
                        m.keras() + " step " + (s + 1));
            }
        }
    }

    /**
     * {@code deepTol} for the deeper models: Adam divides each gradient by its own magnitude, so a weight whose
     * gradient is near ε moves by an amount that float rounding in a longer backward pass changes in the 4th digit.
     */
    private static void assertSameUpdatesOnOneTwoAndThreeHiddenLayers(Optimizer opt, int steps, double deepTol) {
        assertSameUpdatesAsDl4jFit(model(opt, new Dense(32, Activation.RELU, 0.01)), steps, 1e-6);
        for (ModelDefinition m : deeper(opt)) {
            assertSameUpdatesAsDl4jFit(m, steps, deepTol);
        }
    }

    @Test
    void sgdStepsEqualDl4jFit() {
        assertSameUpdatesOnOneTwoAndThreeHiddenLayers(Optimizer.sgd().learningRate(0.1), 3, 1e-6);
    }

    @Test
    void sgdMomentumStepsEqualDl4jFit() {
        assertSameUpdatesOnOneTwoAndThreeHiddenLayers(Optimizer.sgd().learningRate(0.05).momentum(0.9), 4, 1e-6);
    }

    @Test
    void adamStepsEqualDl4jFit() {
        assertSameUpdatesOnOneTwoAndThreeHiddenLayers(Optimizer.adam(), 4, 2e-5);
    }

    @Test
    void adamWStepsEqualDl4jFitIncludingDecayOfBiases() {
        assertSameUpdatesOnOneTwoAndThreeHiddenLayers(Optimizer.adamW().weightDecay(0.5), 4, 2e-5);
    }

    @Test
    void aSmallStepTakesImagesListedOnceOrDenseWithTheSameBits() {
        ModelDefinition m = model(Optimizer.adam(), new Dense(32, Activation.RELU, 0.01));
        MultiLayerNetwork net = network(m);
        SparseImages listed = SparseImages.of(data.pixels(), data.count(), data.pixelsPerImage());
        float[][] gradients = new float[2][];
        for (int k = 0; k < 2; k++) {
            INDArray gradient = NativeFloats.allocate(net.params().length());
            try (FusedStep step = new FusedStep(ParamLayout.of(net), net.params(), gradient, m, ROWS, null)) {
                assertTrue(step.sparse(), ROWS + " rows skip the zero pixels");
                int rows = k == 0 ? step.load(data.pixels(), data.labels(), identity, 0, ROWS)
                        : step.load(listed, data.labels(), identity, 0, ROWS);
                step.forwardBackward(rows, null);
                step.writeGradient();
                gradients[k] = gradient.data().asFloat();
            } finally {
                gradient.close();
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(gradients[0], gradients[1]);
    }

    @Test
    void splittingTheWorkAcrossTwoThreadsChangesNothing() {
        int rows = FusedStep.PAIR_MIN_ROWS + 33;
        LabeledImages big = Synthetic.images(rows, 12);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = rows - 1 - i;
        }
        // 784×37 and 37×230 both have enough weights to split; 230×10 does not
        ModelDefinition m = model(Optimizer.adam(), new Dense(37, Activation.TANH), new Dense(230, Activation.RELU));
        MultiLayerNetwork net = network(m);
        float[][] gradients = new float[2][];
        double[] losses = new double[2];
        try (PairWorker pair = new PairWorker()) {
            for (int k = 0; k < 2; k++) {
                INDArray gradient = NativeFloats.allocate(net.params().length());
                try (FusedStep step = new FusedStep(ParamLayout.of(net), net.params(), gradient, m, rows,
                        k == 0 ? null : pair)) {
                    int n = step.load(big.pixels(), big.labels(), order, 0, rows);
                    losses[k] = step.forwardBackward(n, null).meanLoss();
                    step.writeGradient();
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
