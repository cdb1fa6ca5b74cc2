package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.ModelDefinition;

/**
 * Gradient noise on a problem whose per-example gradients are known exactly: softmax regression (no hidden layer) at
 * zero weights predicts 1/10 for every class, so example i's gradient is x_i·(1/10 − y_i) for the kernel and
 * (1/10 − y_i) for the bias. Minibatches drawn without replacement from N examples then have
 * E‖g_B − g‖² = tr(Σ)/B · (N − B)/(N − 1) exactly: the variance scales as 1/B up to that known factor.
 */
class GradientNoiseTest {

    static final int N = 128;

    @Test
    void varianceOfMinibatchGradientsIsTraceOverBWithTheFinitePopulationFactor() {
        LabeledImages data = Fixtures.images(N, 21);
        ModelDefinition softmaxRegression = Fixtures.model();
        DenseWeights zero = DenseWeights.of(softmaxRegression, new float[(int) softmaxRegression.parameterCount()]);

        double[][] perExample = new double[N][];
        double[] mean = new double[7850];
        for (int i = 0; i < N; i++) {
            double[] g = new double[7850];
            for (int k = 0; k < 10; k++) {
                double dz = 0.1 - (data.labels()[i] == k ? 1 : 0);
                for (int p = 0; p < 784; p++) {
                    g[k * 784 + p] = data.pixels()[i * 784 + p] * dz; // DL4J's column-major 784×10 kernel
                }
                g[7840 + k] = dz;
            }
            perExample[i] = g;
            for (int j = 0; j < g.length; j++) {
                mean[j] += g[j] / N;
            }
        }
        double trace = 0;
        for (double[] g : perExample) {
            for (int j = 0; j < g.length; j++) {
                trace += (g[j] - mean[j]) * (g[j] - mean[j]) / N;
            }
        }
        double meanNorm2 = 0;
        for (double v : mean) {
            meanNorm2 += v * v;
        }

        GradientNoise noise = GradientNoise.of(zero, data, new GradientNoise.Spec(List.of(8, 32), 3000, 5));
        assertEquals(meanNorm2, noise.gradientSquaredNorm(), 1e-5 * meanNorm2, "‖g‖² of the full gradient");
        assertEquals(Math.log(10), noise.loss(), 1e-6, "loss at zero weights");
        for (int b : List.of(8, 32)) {
            double expected = trace / b * (N - b) / (N - 1.0);
            GradientNoise.AtBatch at = noise.at(b);
            assertEquals(3000, at.minibatches());
            assertEquals(expected, at.meanSquaredDeviation(), 0.04 * expected, "E‖g_B − g‖² at B = " + b);
            assertEquals(trace, at.traceCovariance(), 0.04 * trace, "tr(Σ) from B = " + b);
        }
        double ratio = noise.at(8).meanSquaredDeviation() / noise.at(32).meanSquaredDeviation();
        double exactRatio = 4.0 * (N - 8) / (N - 32);
        assertEquals(exactRatio, ratio, 0.06 * exactRatio, "variance ratio of B = 8 to B = 32");
        assertEquals(trace / meanNorm2, noise.noiseScale(), 0.04 * trace / meanNorm2, "noise scale tr(Σ)/‖g‖²");
    }

    @Test
    void storedValuesReadBackAsTheSameRecord() {
        GradientNoise g = new GradientNoise(0.3, 0.02, List.of(new GradientNoise.AtBatch(8, 256, 0.5, 3.9),
                new GradientNoise.AtBatch(128, 256, 0.03, 3.8)));
        assertEquals(g, GradientNoise.from(g.values()));
    }
}
