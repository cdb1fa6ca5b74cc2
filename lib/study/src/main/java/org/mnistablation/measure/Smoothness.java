package org.mnistablation.measure;

import org.mnistablation.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How steeply a network's outputs change with its input, over a test set (dropout off): the mean norm of the gradient
 * of each image's loss with respect to its pixels, ‖∂ℓ/∂x‖, and the mean Frobenius norm of the Jacobian of the logits
 * with respect to the pixels, ‖∂z/∂x‖_F. Smoother decision boundaries mean smaller values. The loss gradient at the
 * logits is p − y, as the training step's (Keras's clipping only matters below 1e-7).
 */
public record Smoothness(double meanInputGradientNorm, double meanJacobianNorm, int images) {

    /** The cache id of this measure on a test set. */
    static final String ID = "smoothness-v1";

    /** Measures {@code weights} on every image of {@code test}. */
    public static Smoothness of(DenseWeights weights, LabeledImages test) {
        weights.requireInputs(test);
        int n = test.count();
        int k = weights.classes();
        int h0 = weights.layer(0).out();
        double gradientSum = 0;
        double jacobianSum = 0;
        try (Forward f = new Forward(weights)) {
            INDArray gram = f.firstKernelGram();
            // one hidden layer: row r's Jacobian is W₁ᵀ·diag(f′(z_r))·W₀ᵀ, so ‖J_r‖²_F = f′ᵀ·(W₀ᵀW₀ ⊙ W₁W₁ᵀ)·f′
            INDArray oneHidden = weights.hiddenLayers() == 1 ? gram.mul(f.kernelOuterGram(1)) : null;
            for (int from = 0; from < n; from += Forward.BLOCK) {
                int rows = Math.min(Forward.BLOCK, n - from);
                f.run(test.pixels(), from, rows, null);
                float[] dz = f.probabilities().clone();
                for (int r = 0; r < rows; r++) {
                    dz[r * k + test.labels()[from + r]] -= 1f;
                }
                double[] g2 = quadraticForms(f.backToFirstLayer(dz, 1), rows, h0, gram);
                double[] j2 = oneHidden != null ? quadraticForms(f.derivatives(0), rows, h0, oneHidden)
                        : jacobianSquaredNorms(f, rows, k, h0, gram);
                for (int r = 0; r < rows; r++) {
                    gradientSum += Math.sqrt(g2[r]);
                    jacobianSum += Math.sqrt(j2[r]);
                }
            }
            gram.close();
            if (oneHidden != null) {
                oneHidden.close();
            }
        }
        return new Smoothness(gradientSum / n, jacobianSum / n, n);
    }

    /** ‖J_r‖²_F of each row, the k logits' gradients propagated back one by one (any number of hidden layers). */
    private static double[] jacobianSquaredNorms(Forward f, int rows, int k, int h0, INDArray gram) {
        float[] identity = new float[rows * k * k];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                identity[(r * k + c) * k + c] = 1f;
            }
        }
        double[] perLogit = quadraticForms(f.backToFirstLayer(identity, k), rows * k, h0, gram);
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                out[r] += perLogit[r * k + c];
            }
        }
        return out;
    }

    /** δ_i·G·δ_iᵀ of each of the {@code count} rows δ_i of {@code d} ({@code width} wide). */
    private static double[] quadraticForms(float[] d, int count, int width, INDArray gram) {
        INDArray m = Nd4j.create(d, new long[]{count, width}, 'c');
        INDArray mg = Nd4j.gemm(m, gram, false, false);
        float[] p = mg.dup('c').data().asFloat();
        m.close();
        mg.close();
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int u = 0; u < width; u++) {
                s += (double) p[i * width + u] * d[i * width + u];
            }
            out[i] = Math.max(0, s);
        }
        return out;
    }

    double[] values() {
        return new double[]{meanInputGradientNorm, meanJacobianNorm, images};
    }

    static Smoothness from(double[] v) {
        return new Smoothness(v[0], v[1], (int) v[2]);
    }
}
