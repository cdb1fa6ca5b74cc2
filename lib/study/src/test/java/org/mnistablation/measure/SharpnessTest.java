package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.ModelDefinition;

/**
 * Sharpness on cases with known answers: power iteration on finite-difference Hessian-vector products of quadratics
 * with a known spectrum; the network's top Hessian eigenvalue where it is known in closed form; the exact
 * Hessian-vector products (R-operator) against central differences of exact gradients, and those gradients against
 * central differences of the loss; and the perturbations' size.
 */
class SharpnessTest {

    /** f(θ) = ½θᵀAθ + bᵀθ with A = Q·diag(λ)·Qᵀ for a random rotation Q. */
    static FiniteDifferenceHessian.Gradient quadratic(double[] eigenvalues, long seed) {
        int d = eigenvalues.length;
        Random rng = new Random(seed);
        double[][] q = new double[d][d];
        for (int j = 0; j < d; j++) { // Gram–Schmidt on random columns
            for (int i = 0; i < d; i++) {
                q[i][j] = rng.nextGaussian();
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += q[i][j] * q[i][k];
                }
                for (int i = 0; i < d; i++) {
                    q[i][j] -= dot * q[i][k];
                }
            }
            double n = 0;
            for (int i = 0; i < d; i++) {
                n += q[i][j] * q[i][j];
            }
            for (int i = 0; i < d; i++) {
                q[i][j] /= Math.sqrt(n);
            }
        }
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    a[i][j] += q[i][k] * eigenvalues[k] * q[j][k];
                }
            }
        }
        double[] b = rng.doubles(d).toArray();
        return (theta, out) -> {
            double value = 0;
            for (int i = 0; i < d; i++) {
                double s = b[i];
                for (int j = 0; j < d; j++) {
                    s += a[i][j] * theta[j];
                }
                out[i] = s;
                value += theta[i] * (0.5 * (s - b[i]) + b[i]);
            }
            return value;
        };
    }

    @Test
    void powerIterationFindsAQuadraticsTopEigenvalue() {
        double[] spectrum = new double[40];
        for (int i = 0; i < spectrum.length; i++) {
            spectrum[i] = 0.1 + 6.0 * i / spectrum.length; // up to 5.95
        }
        spectrum[17] = 7.5;
        FiniteDifferenceHessian h = new FiniteDifferenceHessian(quadratic(spectrum, 3), new Random(4).doubles(40).toArray(), 1e-3);
        PowerIteration.Result r = PowerIteration.run(h, 40, 500, 1e-8, 1);
        assertTrue(r.converged());
        assertEquals(7.5, r.eigenvalue(), 1e-6);
    }

    /**
     * Eigenvalues 1 and 0.95 close together: the estimate creeps up by less than 1e-4 per iteration long before it is
     * within 1e-4 of 1, so only the residual tells that the iteration has not converged yet.
     */
    @Test
    void powerIterationStopsOnTheResidualNotOnASlowlyMovingEstimate() {
        PowerIteration.Result r = PowerIteration.run(new FiniteDifferenceHessian(quadratic(new double[]{1, 0.95}, 9),
                new double[2], 1e-3), 2, 5000, 1e-4, 3);
        assertTrue(r.converged());
        assertEquals(1, r.eigenvalue(), 1e-6);
    }

    @Test
    void powerIterationReportsTheLargestMagnitudeWithItsSign() {
        double[] spectrum = {1, 2, 3, -5, 0.5};
        PowerIteration.Result r = PowerIteration.run(new FiniteDifferenceHessian(quadratic(spectrum, 8), new double[5], 0.1),
                5, 500, 1e-8, 2);
        assertEquals(-5, r.eigenvalue(), 1e-6);
    }

    /**
     * Softmax regression at zero weights predicts 1/K everywhere, so its cross-entropy Hessian is
     * (1/K)(I − 11ᵀ/K) ⊗ M with M = mean of x̃x̃ᵀ over the images (x̃ = pixels and a 1 for the bias): the top eigenvalue
     * is λ_max(M)/K exactly.
     */
    @Test
    void topEigenvalueOfTheNetworksLossWhereItIsKnown() {
        LabeledImages data = Fixtures.images(300, 12);
        int n = 256;
        int[] rows = Sharpness.subset(data.count(), n, 1);
        double[][] m = new double[785][785];
        for (int r : rows) {
            double[] x = new double[785];
            for (int p = 0; p < 784; p++) {
                x[p] = data.pixels()[r * 784 + p];
            }
            x[784] = 1;
            for (int i = 0; i < 785; i++) {
                if (x[i] != 0) {
                    for (int j = 0; j < 785; j++) {
                        m[i][j] += x[i] * x[j] / n;
                    }
                }
            }
        }
        double lambdaM = Arrays.stream(new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues()).max().orElseThrow();
        ModelDefinition softmaxRegression = Fixtures.model();
        DenseWeights zero = DenseWeights.of(softmaxRegression, new float[7850]);
        Sharpness s = Sharpness.of(zero, data, new Sharpness.Spec(n, 200, 1e-4, 0.05, 4, 1));
        assertTrue(s.converged());
        assertEquals(lambdaM / 10, s.topEigenvalue(), 1e-4 * lambdaM / 10);
        assertEquals(Math.log(10), s.loss(), 1e-6);
        assertEquals(0, s.meanLossIncrease(), 0, "zero weights are not moved by a perturbation relative to their size");
    }

    /**
     * Hessian-vector products by the R-operator against central differences of the exact gradient (float, ε = 1e-2)
     * along random unit vectors: smooth activations with L2 and a Dropout layer (left out), and ReLU units held far
     * from their kink (biases ±5) so no unit changes sides within the step.
     */
    @Test
    void exactHessianVectorProductsAgreeWithFiniteDifferencesOfExactGradients() {
        LabeledImages data = Fixtures.images(300, 14);
        int[] rows = new int[300];
        Arrays.setAll(rows, i -> i);
        ModelDefinition smooth = Fixtures.model(new Dense(16, Activation.TANH, 0.01), new Dropout(0.5),
                new Dense(12, Activation.GELU), new Dense(10, Activation.SOFTSIGN, 0.003), new Dense(8, Activation.SIGMOID));
        ModelDefinition relu = Fixtures.model(new Dense(16, Activation.RELU), new Dense(12, Activation.RELU, 0.01));
        float[] reluWeights = Fixtures.network(relu, 6).params().data().asFloat();
        for (int u = 0; u < 16; u++) {
            reluWeights[784 * 16 + u] = u % 2 == 0 ? 5f : -5f;
        }
        for (int u = 0; u < 12; u++) {
            reluWeights[784 * 16 + 16 + 16 * 12 + u] = u % 3 == 0 ? -5f : 5f;
        }
        for (DenseWeights w : List.of(DenseWeights.of(smooth, Fixtures.network(smooth, 6).params().data().asFloat()),
                DenseWeights.of(relu, reluWeights))) {
            float[] theta = w.flat();
            double[] at = new double[theta.length];
            for (int i = 0; i < at.length; i++) {
                at[i] = theta[i];
            }
            try (SubsetLoss loss = new SubsetLoss(w.model(), data, rows, 1);
                 HessianVector exact = new HessianVector(w, data, rows)) {
                float[] shifted = new float[theta.length];
                FiniteDifferenceHessian numeric = new FiniteDifferenceHessian((t, out) -> {
                    for (int i = 0; i < t.length; i++) {
                        shifted[i] = (float) t[i];
                    }
                    return loss.lossAndGradient(shifted, out);
                }, at, 1e-2);
                Random rng = new Random(3);
                for (int k = 0; k < 3; k++) {
                    double[] v = rng.doubles(theta.length, -1, 1).toArray();
                    double n = PowerIteration.norm(v);
                    for (int i = 0; i < v.length; i++) {
                        v[i] /= n;
                    }
                    double[] hv = new double[v.length];
                    double[] fd = new double[v.length];
                    exact.apply(v, hv);
                    numeric.apply(v, fd);
                    double diff = 0;
                    for (int i = 0; i < v.length; i++) {
                        diff += (hv[i] - fd[i]) * (hv[i] - fd[i]);
                    }
                    assertTrue(PowerIteration.norm(hv) > 0);
                    assertEquals(0, Math.sqrt(diff) / PowerIteration.norm(hv), 1e-2, w.model().keras() + ": ‖Hv − FD‖/‖Hv‖");
                }
            }
        }
    }

    /** The exact gradient (the training step's) against central differences of the loss the forward pass computes. */
    @Test
    void exactGradientAgreesWithFiniteDifferencesOfTheLoss() {
        LabeledImages data = Fixtures.images(200, 13);
        int[] rows = new int[200];
        Arrays.setAll(rows, i -> i);
        for (ModelDefinition model : new ModelDefinition[]{
                Fixtures.model(new Dense(16, Activation.TANH, 0.01), new Dropout(0.5), new Dense(12, Activation.GELU)),
                Fixtures.model(new Dense(24, Activation.RELU), new Dense(8, Activation.SIGMOID, 0.003))}) {
            MultiLayerNetwork net = Fixtures.network(model, 5);
            float[] theta = net.params().data().asFloat();
            double[] g = new double[theta.length];
            double value;
            try (SubsetLoss loss = new SubsetLoss(model, data, rows, 1)) {
                value = loss.lossAndGradient(theta, g);
            }
            assertEquals(LossAccuracy.of(DenseWeights.of(model, theta), data).loss(), value, 1e-5, model.keras());
            Random rng = new Random(2);
            double[][] directions = {g, rng.doubles(g.length, -1, 1).toArray(), layerOnly(g, theta.length - 10 * 12 - 10 - 12 * 8 - 8, theta.length)};
            for (double[] v : directions) {
                double norm = PowerIteration.norm(v);
                double h = 1e-2;
                double plus = lossAt(model, theta, v, h / norm, data);
                double minus = lossAt(model, theta, v, -h / norm, data);
                double numeric = (plus - minus) / (2 * h);
                double exact = PowerIteration.dot(g, v) / norm;
                assertEquals(exact, numeric, 2e-3 * PowerIteration.norm(g), model.keras() + ": directional derivative");
            }
        }
    }

    private static double[] layerOnly(double[] g, int from, int to) {
        double[] v = new double[g.length];
        System.arraycopy(g, from, v, from, to - from);
        return v;
    }

    private static double lossAt(ModelDefinition model, float[] theta, double[] v, double t, LabeledImages data) {
        float[] moved = theta.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += (float) (t * v[i]);
        }
        return LossAccuracy.of(DenseWeights.of(model, moved), data).loss();
    }

    @Test
    void perturbationsMoveEveryLayerByTheRelativeSize() {
        ModelDefinition model = Fixtures.model(new Dense(32, Activation.RELU), new Dense(16, Activation.TANH));
        DenseWeights w = DenseWeights.of(model, Fixtures.network(model, 3).params().data().asFloat());
        float[] a = Sharpness.perturb(w, 0.05, new java.util.SplittableRandom(1));
        float[] b = Sharpness.perturb(w, 0.05, new java.util.SplittableRandom(2));
        assertNotEquals(Arrays.hashCode(a), Arrays.hashCode(b));
        int at = 0;
        float[] flat = w.flat();
        for (DenseWeights.Layer layer : w.layers()) {
            int n = layer.kernel().length + layer.bias().length;
            double d2 = 0;
            double w2 = 0;
            for (int i = at; i < at + n; i++) {
                d2 += (double) (a[i] - flat[i]) * (a[i] - flat[i]);
                w2 += (double) flat[i] * flat[i];
            }
            assertEquals(0.05, Math.sqrt(d2 / w2), 1e-4);
            at += n;
        }
        MultiLayerNetwork trained = Fixtures.network(model, 3);
        Sharpness s = Sharpness.of(DenseWeights.of(model, trained.params().data().asFloat()), Fixtures.images(300, 2),
                new Sharpness.Spec(256, 30, 1e-2, 0.05, 4, 1));
        assertEquals(s, Sharpness.from(s.values()));
    }
}
