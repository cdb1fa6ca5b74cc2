package org.mnistablation.train;

import org.mnistablation.model.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Each Keras 3 convention the study relies on, checked against DL4J's behaviour (not its configuration alone). */
class KerasSemanticsTest {

    static LabeledImages data;
    static DataSet batch;

    @BeforeAll
    static void setUp() {
        NdRuntime.ensureReady();
        data = Synthetic.images(64, 7);
        batch = new DataSet(Matrices.features(data), Matrices.oneHot(data.labels(), 10));
    }

    private static Mlp small() {
        return Mlp.baseline().withUnits(32);
    }

    private static float[] param(MultiLayerNetwork net, int layer, String name) {
        return net.getLayer(layer).getParam(name).dup('c').data().asFloat();
    }

    @Test
    void weightsAreGlorotUniformAndBiasesZero() {
        MultiLayerNetwork net = Mlp.baseline().network();
        float[] w = param(net, 0, "W");
        double limit = Math.sqrt(6.0 / (784 + 128));
        double sumSq = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= limit + 1e-6, "weight " + v + " outside ±" + limit);
            sumSq += v * v;
        }
        // U(-a, a) has variance a²/3; a Gaussian Xavier init has 2/(in+out) = a²/3 too, so also check the range
        // is nearly filled (a Gaussian with that variance would exceed the limit often).
        assertEquals(limit * limit / 3, sumSq / w.length, limit * limit / 3 * 0.02);
        double max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.99 * limit);
        float[] w2 = param(net, 1, "W");
        double limit2 = Math.sqrt(6.0 / (128 + 10));
        for (float v : w2) {
            assertTrue(Math.abs(v) <= limit2 + 1e-6);
        }
        for (float b : param(net, 0, "b")) {
            assertEquals(0f, b);
        }
        for (float b : param(net, 1, "b")) {
            assertEquals(0f, b);
        }
    }

    @Test
    void dropoutRateIsTheDropProbabilityAppliedToTheNextLayersInputOnlyInTraining() {
        MultiLayerNetwork net = small().withDropout(0.3).network();
        assertNull(net.getLayer(0).conf().getLayer().getIDropout(), "no dropout on the network input");
        IDropout d = net.getLayer(1).conf().getLayer().getIDropout();
        assertInstanceOf(Dropout.class, d);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 200, 500);
        INDArray out = d.applyDropout(ones, ones.ulike(), 0, 0, LayerWorkspaceMgr.noWorkspaces());
        float[] v = out.data().asFloat();
        int zeros = 0;
        for (float f : v) {
            if (f == 0f) {
                zeros++;
            } else {
                assertEquals(1 / 0.7, f, 1e-5, "survivors are scaled by 1/(1-rate)");
            }
        }
        assertEquals(0.3, (double) zeros / v.length, 0.01, "fraction dropped");

        INDArray a = net.output(batch.getFeatures(), false);
        INDArray b = net.output(batch.getFeatures(), false);
        assertEquals(a, b, "inference is deterministic: dropout is off");
        MultiLayerNetwork plain = small().network();
        plain.setParams(net.params().dup());
        assertTrue(a.equalsWithEps(plain.output(batch.getFeatures(), false), 1e-6));
    }

    @Test
    void l2AddsLambdaTimesSumOfSquaresOfTheHiddenKernelOnly() {
        double lambda = 0.01;
        MultiLayerNetwork reg = small().withL2(lambda).withOptimizer(Optimizer.sgd().learningRate(0.1)).network();
        MultiLayerNetwork plain = small().withOptimizer(Optimizer.sgd().learningRate(0.1)).network();
        plain.setParams(reg.params().dup());
        double sumSq = 0;
        for (float w : param(reg, 0, "W")) {
            sumSq += (double) w * w;
        }
        double difference = reg.score(batch, false) - plain.score(batch, false);
        assertEquals(lambda * sumSq, difference, 1e-4 * lambda * sumSq);

        // One plain SGD step: the gradient of λ·Σw² is 2λw on the hidden kernel, nothing on biases/output layer.
        float[] w0 = param(reg, 0, "W");
        reg.fit(batch);
        plain.fit(batch);
        float[] wReg = param(reg, 0, "W");
        float[] wPlain = param(plain, 0, "W");
        for (int i = 0; i < w0.length; i += 97) {
            assertEquals(-0.1 * 2 * lambda * w0[i], wReg[i] - wPlain[i], 1e-6);
        }
        assertTrue(param(reg, 0, "b").length > 0);
        assertEquals(java.util.Arrays.toString(param(plain, 0, "b")), java.util.Arrays.toString(param(reg, 0, "b")));
        assertEquals(java.util.Arrays.toString(param(plain, 1, "W")), java.util.Arrays.toString(param(reg, 1, "W")));
    }

    /**
     * The gradient of the batch's mean loss at the current parameters (no update applied). DL4J's backprop returns
     * the sum over the batch; its updater divides by the batch size, as Keras's mean loss implies.
     */
    private static float[] gradient(MultiLayerNetwork net, String key) {
        return gradient(net, key, batch);
    }

    private static float[] gradient(MultiLayerNetwork net, String key, DataSet batch) {
        MultiLayerNetwork copy = net.clone();
        copy.setInput(batch.getFeatures());
        copy.setLabels(batch.getLabels());
        copy.computeGradientAndScore();
        return copy.gradient().getGradientFor(key).dup('c').divi(batch.numExamples()).data().asFloat();
    }

    @Test
    void adamFirstStepUsesKerasEpsilon() {
        // Pixels 700..783 are made tiny so their weights get gradients of about 1e-7..1e-5, where ε decides the step.
        INDArray features = batch.getFeatures().dup();
        features.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(700, 784)).muli(1e-4);
        DataSet tiny = new DataSet(features, batch.getLabels());
        MultiLayerNetwork net = small().network();
        float[] g = gradient(net, "0_W", tiny);
        float[] w0 = param(net, 0, "W");
        net.fit(tiny);
        float[] w1 = param(net, 0, "W");
        double lr = 1e-3;
        // Keras Adam, t = 1: m = 0.1g, v = 0.001g², alpha = lr·sqrt(1-0.999)/(1-0.9), step = alpha·m/(sqrt(v)+1e-7)
        double alpha = lr * Math.sqrt(1 - 0.999) / (1 - 0.9);
        int sensitive = 0;
        for (int i = 0; i < g.length; i++) {
            double m = 0.1 * g[i];
            double v = 0.001 * g[i] * g[i];
            double expected = -alpha * m / (Math.sqrt(v) + 1e-7);
            double withDl4jDefault = -alpha * m / (Math.sqrt(v) + 1e-8);
            double separation = Math.abs(expected - withDl4jDefault);
            if (separation > 1e-5) {
                sensitive++;
                assertEquals(expected, w1[i] - w0[i], separation / 4, "element " + i + " (gradient " + g[i] + ")");
            } else {
                assertEquals(expected, w1[i] - w0[i], 2e-7, "element " + i);
            }
        }
        assertTrue(sensitive > 100, "the test needs weights whose step depends on epsilon, found " + sensitive);
    }

    @Test
    void sgdMomentumIsClassicalHeavyBall() {
        double lr = 0.05;
        double mu = 0.9;
        MultiLayerNetwork net = small().withOptimizer(Optimizer.sgd().learningRate(lr).momentum(mu)).network();
        float[] w0 = param(net, 0, "W");
        float[] g1 = gradient(net, "0_W");
        net.fit(batch);
        float[] w1 = param(net, 0, "W");
        float[] g2 = gradient(net, "0_W");
        net.fit(batch);
        float[] w2 = param(net, 0, "W");
        for (int i = 0; i < w0.length; i += 31) {
            double v1 = -lr * g1[i];
            assertEquals(v1, w1[i] - w0[i], 1e-6);
            double v2 = mu * v1 - lr * g2[i];
            assertEquals(v2, w2[i] - w1[i], 1e-6, "Keras: v = momentum*v - lr*g; w += v");
        }
    }

    @Test
    void sgdDefaultLearningRateIsKeras() {
        assertEquals(0.01, Optimizer.sgd().learningRate());
        assertEquals(1e-3, Optimizer.adam().learningRate());
        assertEquals(1e-7, Optimizer.ADAM_EPSILON);
    }

    @Test
    void adamWDecayIsDecoupledAndReachesBiases() {
        double lr = 1e-3;
        double wd = 0.01;
        MultiLayerNetwork adamW = small().withOptimizer(Optimizer.adamW().learningRate(lr).weightDecay(wd)).network();
        MultiLayerNetwork adam = small().network();
        adam.setParams(adamW.params().dup());
        // give the biases non-zero values so their decay is visible
        adamW.getLayer(0).getParam("b").assign(0.5);
        adam.getLayer(0).getParam("b").assign(0.5);
        float[] w0 = param(adamW, 0, "W");
        adamW.fit(batch);
        adam.fit(batch);
        float[] wDecayed = param(adamW, 0, "W");
        float[] wPlain = param(adam, 0, "W");
        for (int i = 0; i < w0.length; i += 53) {
            assertEquals(-lr * wd * w0[i], wDecayed[i] - wPlain[i], 1e-7, "w -= lr*wd*w, outside the Adam moments");
        }
        float[] bDecayed = param(adamW, 0, "b");
        float[] bPlain = param(adam, 0, "b");
        assertEquals(-lr * wd * 0.5, bDecayed[0] - bPlain[0], 1e-7);
    }

    @Test
    void geluIsTheExactErfForm() {
        INDArray x = Nd4j.createFromArray(new float[]{-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f});
        INDArray y = new ExactGelu().getActivation(x.dup(), true);
        float[] xs = x.data().asFloat();
        float[] ys = y.data().asFloat();
        // reference values of x·Φ(x)
        double[] expected = {-0.00404969, -0.15865525, -0.15426877, 0.0, 0.34573123, 0.84134475, 2.99595031};
        for (int i = 0; i < xs.length; i++) {
            assertEquals(expected[i], ys[i], 1e-6, "gelu(" + xs[i] + ")");
        }
        // derivative against a central difference
        INDArray eps = Nd4j.onesLike(x);
        float[] grad = new ExactGelu().backprop(x.dup(), eps).getFirst().data().asFloat();
        for (int i = 0; i < xs.length; i++) {
            double h = 1e-3;
            double num = (geluRef(xs[i] + h) - geluRef(xs[i] - h)) / (2 * h);
            assertEquals(num, grad[i], 1e-4);
        }
    }

    private static double geluRef(double x) {
        // Φ via the relation to the expected table above is not available in java.lang.Math: use a series-free
        // reference from ND4J's own erf through ExactGelu on a single value computed in double by Simpson's rule.
        int n = 2000;
        double a = -10;
        double h = (x - a) / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double t = a + i * h;
            double f = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
            s += (i == 0 || i == n) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
        }
        return x * s * h / 3;
    }
}
