package org.mnistablation.measure;

import java.util.HashMap;
import java.util.Map;
import org.mnistablation.train.ActivationKernels;
import org.mnistablation.train.KerasCrossEntropy;
import org.mnistablation.train.NdRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference passes (dropout off) of {@link DenseWeights} over a block of rows: per layer one OpenBLAS product (ND4J's
 * gemm on the kernel as DL4J stores it), then bias and activation in Java with the training step's kernels
 * ({@link ActivationKernels}), and the output's softmax as the training step computes it (largest logit subtracted,
 * sum in double). The last pass's pre-activations and activations of every layer stay readable, so a measure can
 * remove hidden units, read them, or propagate gradients back through them ({@link #backToFirstLayer}).
 * <p>Not thread-safe: one instance per thread. Callers go through data in blocks of {@link #BLOCK} rows, so a given
 * computation always makes the same products and gives bit-identical results.
 */
final class Forward implements AutoCloseable {

    /** Rows per pass the measures use. */
    static final int BLOCK = 1000;

    private final DenseWeights weights;
    private final int layers;
    private final INDArray[] kernels;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private Buffers current;
    private int rows;

    /** Native matrices for passes of one row count. */
    private static final class Buffers {
        /** in[l]: layer l's input, rows × in(l); out[l]: its product, rows × out(l). */
        final INDArray[] in;
        final INDArray[] out;
        final float[][] pre;
        final float[][] act;

        Buffers(DenseWeights w, int rows) {
            int n = w.layers().size();
            in = new INDArray[n];
            out = new INDArray[n];
            pre = new float[n][];
            act = new float[n][];
            for (int l = 0; l < n; l++) {
                DenseWeights.Layer layer = w.layer(l);
                in[l] = Nd4j.create(DataType.FLOAT, rows, layer.in());
                out[l] = Nd4j.create(DataType.FLOAT, rows, layer.out());
                pre[l] = new float[rows * layer.out()];
                act[l] = new float[rows * layer.out()];
            }
        }

        void close() {
            for (INDArray a : in) {
                a.close();
            }
            for (INDArray a : out) {
                a.close();
            }
        }
    }

    Forward(DenseWeights weights) {
        NdRuntime.ensureReady();
        this.weights = weights;
        this.layers = weights.layers().size();
        this.kernels = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            DenseWeights.Layer layer = weights.layer(l);
            // DL4J's column-major in×out block is an 'f'-ordered in×out matrix
            kernels[l] = Nd4j.create(layer.kernel(), new long[]{layer.in(), layer.out()}, 'f');
        }
    }

    DenseWeights weights() {
        return weights;
    }

    /**
     * A pass over rows {@code [first, first + rows)} of {@code inputs} (row-major, {@link DenseWeights#inputs()}
     * values each). {@code keep}, when not null, holds per hidden layer a factor per unit (0 removes the unit, 1 keeps
     * it; null keeps the whole layer) that multiplies the unit's activation before the layer above reads it.
     */
    Forward run(float[] inputs, int first, int rows, float[][] keep) {
        select(rows);
        int size = weights.inputs();
        int n = rows * size;
        if (first < 0 || inputs.length < (first + rows) * size) {
            throw new IllegalArgumentException("rows " + first + ".." + (first + rows) + " are not all in the "
                    + inputs.length / size + " inputs given");
        }
        current.in[0].data().asNioFloat().put(0, inputs, first * size, n);
        propagate(0, keep);
        return this;
    }

    /**
     * Recomputes the layers above hidden layer {@code l} after its activations ({@link #activations}) were changed in
     * place; the earlier pass's values of layers up to l stay.
     */
    Forward rerunAbove(int l, float[][] keep) {
        if (l < 0 || l >= layers - 1) {
            throw new IllegalArgumentException("hidden layer " + l + " does not exist: the model has " + (layers - 1));
        }
        current.in[l + 1].data().asNioFloat().put(0, current.act[l], 0, rows * weights.layer(l).out());
        propagate(l + 1, keep);
        return this;
    }

    private void propagate(int first, float[][] keep) {
        for (int l = first; l < layers; l++) {
            DenseWeights.Layer layer = weights.layer(l);
            int units = rows * layer.out();
            Nd4j.gemm(current.in[l], kernels[l], current.out[l], false, false, 1.0, 0.0);
            float[] z = current.pre[l];
            current.out[l].data().asNioFloat().get(0, z, 0, units);
            addBias(z, layer.bias(), rows, layer.out());
            float[] h = current.act[l];
            if (l == layers - 1) {
                System.arraycopy(z, 0, h, 0, units);
                for (int r = 0; r < rows; r++) {
                    softmaxRow(h, r * layer.out(), layer.out());
                }
            } else {
                ActivationKernels.forward(layer.activation(), z, h, units);
                if (keep != null && keep[l] != null) {
                    scaleUnits(h, keep[l], rows, layer.out());
                }
                current.in[l + 1].data().asNioFloat().put(0, h, 0, units);
            }
        }
    }

    private void select(int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("a pass needs at least one row, got " + rows);
        }
        this.rows = rows;
        current = buffers.get(rows);
        if (current == null) {
            if (buffers.size() >= 4) {
                close();
            }
            current = new Buffers(weights, rows);
            buffers.put(rows, current);
        }
    }

    int rows() {
        return rows;
    }

    /** Layer l's pre-activations of the last pass, rows × out(l), row-major (a live buffer: do not keep). */
    float[] preActivations(int l) {
        return current.pre[l];
    }

    /** Layer l's activations of the last pass (after any removal); the output layer's are the probabilities. */
    float[] activations(int l) {
        return current.act[l];
    }

    float[] probabilities() {
        return current.act[layers - 1];
    }

    /** Row r's predicted class: the first largest probability. */
    int predicted(int r) {
        int k = weights.classes();
        return KerasCrossEntropy.argMax(probabilities(), r * k, k);
    }

    /** Rows whose prediction equals their label ({@code labels[offset + r]}). */
    int correct(int[] labels, int offset) {
        int c = 0;
        for (int r = 0; r < rows; r++) {
            if (predicted(r) == labels[offset + r]) {
                c++;
            }
        }
        return c;
    }

    /** Σ over the rows of Keras's clipped cross-entropy (no L2 term). */
    double crossEntropySum(int[] labels, int offset) {
        int k = weights.classes();
        float[] p = probabilities();
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            sum += KerasCrossEntropy.clippedLoss(p[r * k + labels[offset + r]]);
        }
        return sum;
    }

    /** f'(z) of hidden layer l at the last pass's pre-activations, rows × out(l). */
    float[] derivatives(int l) {
        int n = rows * weights.layer(l).out();
        float[] d = new float[n];
        java.util.Arrays.fill(d, 1f);
        ActivationKernels.multiplyByDerivative(weights.layer(l).activation(), current.pre[l], current.act[l], d, n);
        return d;
    }

    /**
     * Propagates {@code m} vectors per row, given at the output layer's pre-activation (the logits; row r's vectors
     * at {@code r·m .. r·m + m − 1} of {@code atLogits}, {@code rows·m × classes}), back to the pre-activation of the
     * first layer through the last pass's activations: the result is {@code rows·m × out(0)}. The gradient at the
     * pixels is that times W₀ᵀ.
     */
    float[] backToFirstLayer(float[] atLogits, int m) {
        float[] dz = atLogits;
        int n = rows * m;
        for (int l = layers - 1; l > 0; l--) {
            int units = weights.layer(l - 1).out();
            INDArray g = Nd4j.create(dz, new long[]{n, weights.layer(l).out()}, 'c');
            INDArray dh = Nd4j.gemm(g, kernels[l], false, true);
            float[] d = dh.dup('c').data().asFloat();
            g.close();
            dh.close();
            float[] f = derivatives(l - 1);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < m; j++) {
                    int base = (r * m + j) * units;
                    for (int u = 0; u < units; u++) {
                        d[base + u] *= f[r * units + u];
                    }
                }
            }
            dz = d;
        }
        return dz;
    }

    /** W₀ᵀW₀ (out(0) × out(0)), so that ‖δ·W₀ᵀ‖² = δ·(W₀ᵀW₀)·δᵀ for a gradient δ at layer 0's pre-activation. */
    INDArray firstKernelGram() {
        return Nd4j.gemm(kernels[0], kernels[0], true, false);
    }

    /** W_l·W_lᵀ (in(l) × in(l)): Σ over layer l's units of the products of their incoming weights. */
    INDArray kernelOuterGram(int l) {
        return Nd4j.gemm(kernels[l], kernels[l], false, true);
    }

    private static void addBias(float[] m, float[] bias, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                m[base + c] += bias[c];
            }
        }
    }

    private static void scaleUnits(float[] h, float[] factor, int rows, int cols) {
        if (factor.length != cols) {
            throw new IllegalArgumentException("a layer of " + cols + " units needs " + cols + " factors, got " + factor.length);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                h[base + c] *= factor[c];
            }
        }
    }

    /** Softmax of one row in place, as the training step's: the largest logit subtracted, the sum in double. */
    static void softmaxRow(float[] p, int base, int k) {
        float max = p[base + KerasCrossEntropy.argMax(p, base, k)];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(p[base + c] - max);
            p[base + c] = (float) e;
            sum += e;
        }
        for (int c = 0; c < k; c++) {
            p[base + c] = (float) (p[base + c] / sum);
        }
    }

    @Override
    public void close() {
        for (Buffers b : buffers.values()) {
            b.close();
        }
        buffers.clear();
        current = null;
    }
}
