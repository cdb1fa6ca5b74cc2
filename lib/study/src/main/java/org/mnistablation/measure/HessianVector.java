package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.train.NdRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact products of the training loss's Hessian (dropout off: mean clipped cross-entropy over fixed rows plus the L2
 * terms) with vectors in DL4J's flat parameter layout, by Pearlmutter's R-operator: the directional derivative of the
 * forward pass and of backpropagation along v, one extra product per layer each way. The forward pass at the weights
 * is done once; every product then costs about one gradient. Where an activation has a kink (ReLU at 0) this is the
 * Hessian almost everywhere, as automatic differentiation gives it: finite differences of gradients would add a term
 * from the units that change sides within the step, which makes them a nonlinear function of v.
 */
final class HessianVector implements PowerIteration.Operator, AutoCloseable {

    /** Rows per block of the fixed forward pass. */
    static final int BLOCK = 1024;

    private final DenseWeights weights;
    private final int layers;
    private final INDArray[] kernels;
    private final List<Block> blocks = new ArrayList<>();
    private final int total;
    /** v's kernels and the product's kernels ('f' in×out, DL4J's layout), and a host copy of one kernel's size */
    private final INDArray[] vk;
    private final INDArray[] hk;
    private final float[][] vHost;

    /**
     * One block of rows with the forward and backward values at the weights, which do not depend on v, and the
     * scratch matrices of a product (allocated once: a product only fills them).
     */
    private static final class Block {
        int rows;
        INDArray x;
        /** per hidden layer: activation (as a matrix, for products), f′ and f″ at the pre-activation */
        INDArray[] act;
        float[][] d1;
        float[][] d2;
        float[] p;
        /** per layer: the gradient δ at its pre-activation; e: at its output, before f′ (hidden layers) */
        INDArray[] delta;
        float[][] e;
        /** per layer: Rz, R(a) (hidden layers), Rδ and R(e) (below the top), as matrices and as host copies */
        INDArray[] rz;
        INDArray[] ra;
        INDArray[] rDelta;
        INDArray[] re;
        float[][] rzHost;
        float[][] rHost;
    }

    HessianVector(DenseWeights weights, LabeledImages data, int[] rows) {
        NdRuntime.ensureReady();
        this.weights = weights;
        this.layers = weights.layers().size();
        this.total = rows.length;
        this.kernels = new INDArray[layers];
        this.vk = new INDArray[layers];
        this.hk = new INDArray[layers];
        this.vHost = new float[layers][];
        for (int l = 0; l < layers; l++) {
            DenseWeights.Layer layer = weights.layer(l);
            kernels[l] = Nd4j.create(layer.kernel(), new long[]{layer.in(), layer.out()}, 'f');
            vk[l] = Nd4j.create(DataType.FLOAT, new long[]{layer.in(), layer.out()}, 'f');
            hk[l] = Nd4j.create(DataType.FLOAT, new long[]{layer.in(), layer.out()}, 'f');
            vHost[l] = new float[layer.in() * layer.out()];
        }
        LabeledImages sample = Sharpness.gather(data, rows);
        try (Forward f = new Forward(weights)) {
            for (int from = 0; from < total; from += BLOCK) {
                blocks.add(block(f, sample, from, Math.min(BLOCK, total - from)));
            }
        }
    }

    private Block block(Forward f, LabeledImages sample, int from, int n) {
        f.run(sample.pixels(), from, n, null);
        Block b = new Block();
        b.rows = n;
        int in = weights.inputs();
        b.x = Nd4j.create(Arrays.copyOfRange(sample.pixels(), from * in, (from + n) * in), new long[]{n, in}, 'c');
        b.act = new INDArray[layers - 1];
        b.d1 = new float[layers - 1][];
        b.d2 = new float[layers - 1][];
        for (int l = 0; l < layers - 1; l++) {
            DenseWeights.Layer layer = weights.layer(l);
            b.act[l] = Nd4j.create(f.activations(l).clone(), new long[]{n, layer.out()}, 'c');
            b.d1[l] = f.derivatives(l);
            b.d2[l] = secondDerivatives(layer.activation(), f.preActivations(l), f.activations(l), n * layer.out());
        }
        int k = weights.classes();
        b.p = Arrays.copyOf(f.probabilities(), n * k);
        float[] dz = b.p.clone();
        for (int r = 0; r < n; r++) {
            dz[r * k + sample.labels()[from + r]] -= 1f;
        }
        scale(dz, 1f / total);
        b.delta = new INDArray[layers];
        b.e = new float[layers - 1][];
        b.delta[layers - 1] = Nd4j.create(dz, new long[]{n, k}, 'c');
        for (int l = layers - 1; l > 0; l--) {
            float[] e = toArray(Nd4j.gemm(b.delta[l], kernels[l], false, true));
            b.e[l - 1] = e;
            b.delta[l - 1] = Nd4j.create(times(e, b.d1[l - 1]), new long[]{n, weights.layer(l - 1).out()}, 'c');
        }
        b.rz = new INDArray[layers];
        b.rDelta = new INDArray[layers];
        b.ra = new INDArray[layers - 1];
        b.re = new INDArray[layers - 1];
        b.rzHost = new float[layers][];
        b.rHost = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int units = weights.layer(l).out();
            b.rz[l] = Nd4j.create(DataType.FLOAT, n, units);
            b.rDelta[l] = Nd4j.create(DataType.FLOAT, n, units);
            b.rzHost[l] = new float[n * units];
            b.rHost[l] = new float[n * units];
            if (l < layers - 1) {
                b.ra[l] = Nd4j.create(DataType.FLOAT, n, units);
                b.re[l] = Nd4j.create(DataType.FLOAT, n, units);
            }
        }
        return b;
    }

    int size() {
        return weights.size();
    }

    /** {@code out = H·v}. */
    @Override
    public void apply(double[] v, double[] out) {
        float[][] vb = new float[layers][];
        double[][] hb = new double[layers][];
        int at = 0;
        for (int l = 0; l < layers; l++) {
            DenseWeights.Layer layer = weights.layer(l);
            float[] k = vHost[l];
            for (int i = 0; i < k.length; i++) {
                k[i] = (float) v[at + i];
            }
            vk[l].data().asNioFloat().put(0, k);
            hk[l].assign(0);
            vb[l] = new float[layer.out()];
            for (int i = 0; i < layer.out(); i++) {
                vb[l][i] = (float) v[at + k.length + i];
            }
            hb[l] = new double[layer.out()];
            at += k.length + layer.out();
        }
        for (Block b : blocks) {
            accumulate(b, vb, hb);
        }
        at = 0;
        for (int l = 0; l < layers; l++) {
            DenseWeights.Layer layer = weights.layer(l);
            float[] h = vHost[l];
            hk[l].data().asNioFloat().get(0, h); // column-major in×out: DL4J's layout
            double twoLambda = 2 * layer.l2();
            for (int i = 0; i < h.length; i++) {
                out[at + i] = h[i] + twoLambda * v[at + i];
            }
            at += h.length;
            for (int i = 0; i < layer.out(); i++) {
                out[at + i] = hb[l][i];
            }
            at += layer.out();
        }
    }

    private void accumulate(Block b, float[][] vb, double[][] hb) {
        int n = b.rows;
        int last = layers - 1;
        // R-forward: Rz_l = R(a_{l−1})·W_l + a_{l−1}·V_l + v_b, R(a_l) = f′(z_l) ⊙ Rz_l
        for (int l = 0; l < layers; l++) {
            INDArray input = l == 0 ? b.x : b.act[l - 1];
            Nd4j.gemm(input, vk[l], b.rz[l], false, false, 1.0, 0.0);
            if (l > 0) {
                Nd4j.gemm(b.ra[l - 1], kernels[l], b.rz[l], false, false, 1.0, 1.0);
            }
            float[] r = b.rzHost[l];
            b.rz[l].data().asNioFloat().get(0, r);
            addBias(r, vb[l], n);
            if (l < last) {
                float[] t = b.rHost[l];
                float[] d1 = b.d1[l];
                for (int i = 0; i < t.length; i++) {
                    t[i] = r[i] * d1[i];
                }
                b.ra[l].data().asNioFloat().put(0, t);
            }
        }
        // R of the softmax cross-entropy's gradient: (diag(p) − ppᵀ)·Rz / N per row
        int k = weights.classes();
        float[] rz = b.rzHost[last];
        float[] rd = b.rHost[last];
        for (int r = 0; r < n; r++) {
            double dot = 0;
            for (int c = 0; c < k; c++) {
                dot += b.p[r * k + c] * rz[r * k + c];
            }
            for (int c = 0; c < k; c++) {
                rd[r * k + c] = (float) (b.p[r * k + c] * (rz[r * k + c] - dot) / total);
            }
        }
        b.rDelta[last].data().asNioFloat().put(0, rd);
        // R-backward: H·v for W_l is inputᵀ·Rδ_l + R(input)ᵀ·δ_l, for b_l the column sums of Rδ_l
        for (int l = last; l >= 0; l--) {
            INDArray input = l == 0 ? b.x : b.act[l - 1];
            Nd4j.gemm(input, b.rDelta[l], hk[l], true, false, 1.0, 1.0);
            if (l > 0) {
                Nd4j.gemm(b.ra[l - 1], b.delta[l], hk[l], true, false, 1.0, 1.0);
            }
            float[] rdl = b.rHost[l];
            int units = weights.layer(l).out();
            for (int r = 0; r < n; r++) {
                for (int u = 0; u < units; u++) {
                    hb[l][u] += rdl[r * units + u];
                }
            }
            if (l > 0) {
                // R(e) = Rδ_l·W_lᵀ + δ_l·V_lᵀ; Rδ_{l−1} = R(e) ⊙ f′ + e ⊙ f″ ⊙ Rz_{l−1}
                INDArray re = b.re[l - 1];
                Nd4j.gemm(b.rDelta[l], kernels[l], re, false, true, 1.0, 0.0);
                Nd4j.gemm(b.delta[l], vk[l], re, false, true, 1.0, 1.0);
                float[] g = b.rHost[l - 1];
                re.data().asNioFloat().get(0, g);
                float[] e = b.e[l - 1];
                float[] d1 = b.d1[l - 1];
                float[] d2 = b.d2[l - 1];
                float[] below = b.rzHost[l - 1];
                for (int i = 0; i < g.length; i++) {
                    g[i] = g[i] * d1[i] + e[i] * d2[i] * below[i];
                }
                b.rDelta[l - 1].data().asNioFloat().put(0, g);
            }
        }
    }

    /** f″(z) given h = f(z). */
    static float[] secondDerivatives(Activation a, float[] z, float[] h, int n) {
        float[] d = new float[n];
        switch (a) {
            case RELU, LINEAR -> {
                // 0 (almost everywhere)
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    d[i] = -2 * h[i] * (1 - h[i] * h[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    d[i] = h[i] * (1 - h[i]) * (1 - 2 * h[i]);
                }
            }
            case SOFTSIGN -> {
                for (int i = 0; i < n; i++) {
                    double s = 1 + Math.abs(z[i]);
                    d[i] = (float) (-2 * Math.signum(z[i]) / (s * s * s));
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    double x = z[i];
                    d[i] = (float) (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) * (2 - x * x));
                }
            }
            default -> throw new IllegalArgumentException("no second derivative for " + a.kerasName());
        }
        return d;
    }

    private static float[] toArray(INDArray m) {
        float[] v = m.dup('c').data().asFloat();
        m.close();
        return v;
    }

    private static float[] times(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    private static void scale(float[] a, float f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    private static void addBias(float[] m, float[] bias, int rows) {
        int cols = bias.length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] += bias[c];
            }
        }
    }

    @Override
    public void close() {
        for (Block b : blocks) {
            b.x.close();
            for (INDArray a : b.act) {
                a.close();
            }
            for (INDArray[] group : List.of(b.delta, b.rz, b.ra, b.rDelta, b.re)) {
                for (INDArray m : group) {
                    m.close();
                }
            }
        }
        blocks.clear();
        for (INDArray[] group : List.of(kernels, vk, hk)) {
            for (INDArray m : group) {
                m.close();
            }
        }
    }
}
