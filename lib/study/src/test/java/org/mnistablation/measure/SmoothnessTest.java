package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;

/**
 * Input-gradient and Jacobian norms on known answers: a network without hidden layer has the Jacobian W₀ᵀ at every
 * image and the loss gradient W₀(p − y); a linear hidden layer has the Jacobian (W₀W₁)ᵀ; a tanh/gelu network's values
 * against central differences over every pixel.
 */
class SmoothnessTest {

    static final LabeledImages TEST = Fixtures.images(1100, 51);

    @Test
    void softmaxRegressionHasItsKernelAsJacobianAndWTimesPMinusYAsLossGradient() {
        ModelDefinition m = Fixtures.model();
        MultiLayerNetwork net = Fixtures.network(m, 8);
        float[] flat = net.params().data().asFloat();
        double frobenius = Math.sqrt(DenseWeights.squaredNorm(java.util.Arrays.copyOf(flat, 7840)));
        Smoothness s = Smoothness.of(DenseWeights.of(m, flat), TEST);
        assertEquals(frobenius, s.meanJacobianNorm(), 1e-5 * frobenius);

        float[] p = net.output(org.mnistablation.train.Matrices.features(TEST)).data().asFloat();
        double sum = 0;
        for (int i = 0; i < TEST.count(); i++) {
            double n2 = 0;
            for (int px = 0; px < 784; px++) {
                double g = 0;
                for (int c = 0; c < 10; c++) {
                    g += flat[c * 784 + px] * (p[i * 10 + c] - (TEST.labels()[i] == c ? 1 : 0));
                }
                n2 += g * g;
            }
            sum += Math.sqrt(n2);
        }
        assertEquals(sum / TEST.count(), s.meanInputGradientNorm(), 1e-5 * sum / TEST.count());
        assertEquals(TEST.count(), s.images());
    }

    @Test
    void linearHiddenLayerHasTheProductOfTheKernelsAsJacobian() {
        ModelDefinition m = Fixtures.model(new Dense(20, Activation.LINEAR));
        float[] flat = Fixtures.network(m, 9).params().data().asFloat();
        DenseWeights w = DenseWeights.of(m, flat);
        double f2 = 0;
        for (int px = 0; px < 784; px++) {
            for (int c = 0; c < 10; c++) {
                double v = 0;
                for (int u = 0; u < 20; u++) {
                    v += (double) w.layer(0).weight(px, u) * w.layer(1).weight(u, c);
                }
                f2 += v * v;
            }
        }
        assertEquals(Math.sqrt(f2), Smoothness.of(w, TEST).meanJacobianNorm(), 1e-5 * Math.sqrt(f2));
    }

    @Test
    void smoothNetworksAgreeWithCentralDifferencesOverEveryPixel() {
        // one hidden layer takes the Gram-product shortcut for the Jacobian, two take the general path
        assertAgreesWithCentralDifferences(Fixtures.model(new Dense(16, Activation.TANH, 0.01)));
        assertAgreesWithCentralDifferences(Fixtures.model(new Dense(16, Activation.TANH, 0.01), new Dense(12, Activation.GELU)));
    }

    private static void assertAgreesWithCentralDifferences(ModelDefinition m) {
        int out = m.dense().size() - 1;
        DenseWeights w = DenseWeights.of(m, Fixtures.trained(m, Fixtures.images(600, 52), 1, 4).params().data().asFloat());
        for (int i : new int[]{0, 7}) {
            LabeledImages one = TEST.slice(i, i + 1);
            Smoothness s = Smoothness.of(w, one);
            double h = 1e-2;
            double g2 = 0;
            double j2 = 0;
            try (Forward f = new Forward(w)) {
                for (int px = 0; px < 784; px++) {
                    float[] plus = one.pixels().clone();
                    float[] minus = one.pixels().clone();
                    plus[px] += (float) h;
                    minus[px] -= (float) h;
                    double lp = f.run(plus, 0, 1, null).crossEntropySum(one.labels(), 0);
                    float[] zp = f.preActivations(out).clone();
                    double lm = f.run(minus, 0, 1, null).crossEntropySum(one.labels(), 0);
                    float[] zm = f.preActivations(out);
                    double g = (lp - lm) / (2 * h);
                    g2 += g * g;
                    for (int c = 0; c < 10; c++) {
                        double d = (zp[c] - zm[c]) / (2 * h);
                        j2 += d * d;
                    }
                }
            }
            assertEquals(Math.sqrt(g2), s.meanInputGradientNorm(), 1e-2 * Math.sqrt(g2), "image " + i + ": ‖∂ℓ/∂x‖");
            assertEquals(Math.sqrt(j2), s.meanJacobianNorm(), 1e-2 * Math.sqrt(j2), "image " + i + ": ‖∂z/∂x‖_F");
        }
        Smoothness all = Smoothness.of(w, TEST);
        assertEquals(all, Smoothness.from(all.values()));
    }
}
