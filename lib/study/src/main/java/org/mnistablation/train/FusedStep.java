package org.mnistablation.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward pass of the study MLP for one minibatch, written out by hand: five OpenBLAS products (both
 * layers forward, both weight gradients, the gradient reaching the hidden units; none for the input pixels), and plain
 * loops for bias, activation, dropout and softmax, all in buffers allocated once per run. It reads the parameters from, and writes the gradient to, flat vectors laid
 * out as DL4J's (see {@link MlpLayout}), so it computes exactly the gradient DL4J's backprop would for the network
 * {@link KerasMlp} builds (tests compare the two), without DL4J's per-operation cost on every step.
 * <p>The gradient is that of Keras's minibatch loss: mean cross-entropy over the rows, plus λ·Σw² of the hidden kernel
 * (gradient 2λw); dropout (Keras {@code Dropout(rate)} after the hidden layer) zeroes each hidden unit with probability
 * {@code rate} and scales the survivors by 1/(1 − rate).
 */
final class FusedStep implements AutoCloseable {

    private final MlpLayout layout;
    private final Activation activation;
    private final double dropRate;
    private final float keptScale;
    private final double l2;
    private final int maxRows;

    private final NativeFloats w1;
    private final NativeFloats b1;
    private final NativeFloats w2;
    private final NativeFloats b2;
    private final NativeFloats gw1;
    private final NativeFloats gb1;
    private final NativeFloats gw2;
    private final NativeFloats gb2;

    private final NativeFloats x;
    private final NativeFloats z1;
    private final NativeFloats hd;
    private final NativeFloats z2;
    private final NativeFloats dh;
    private final float[] mask;
    private final int[] labels;
    // Java-side copies for the element-wise work
    private final float[] z1h;
    private final float[] hh;
    private final float[] hdh;
    private final float[] dhh;
    private final float[] p;
    private final float[] bias1;
    private final float[] bias2;
    private final List<INDArray> owned = new ArrayList<>();
    // the second halves of the hidden units, for splitting the two large products across cores
    private final PairWorker pair;
    private final int half;
    private final NativeFloats w1Upper;
    private final NativeFloats z1Upper;
    private final NativeFloats dhUpper;
    private final NativeFloats gw1Upper;

    /** Minibatches from this many rows split their two large products across two cores (when a pair is given). */
    static final int PAIR_MIN_ROWS = 64;

    /**
     * @param params   DL4J's flat parameter vector of the network (read, never written here)
     * @param gradient a flat vector of the same layout that receives the gradient
     * @param maxRows  the largest minibatch
     * @param pair     a helper thread for the two large products, or null to run them on this thread only
     */
    FusedStep(MlpLayout layout, INDArray params, INDArray gradient, Activation activation, double dropRate, double l2,
              int maxRows, PairWorker pair) {
        this.layout = layout;
        this.activation = activation;
        this.dropRate = dropRate;
        this.keptScale = (float) (1.0 / (1.0 - dropRate));
        this.l2 = l2;
        this.maxRows = maxRows;
        int in = layout.inputs();
        int hidden = layout.hidden();
        int classes = layout.classes();
        w1 = NativeFloats.view(params, layout.w1(), in * hidden);
        b1 = NativeFloats.view(params, layout.b1(), hidden);
        w2 = NativeFloats.view(params, layout.w2(), hidden * classes);
        b2 = NativeFloats.view(params, layout.b2(), classes);
        gw1 = NativeFloats.view(gradient, layout.w1(), in * hidden);
        gb1 = NativeFloats.view(gradient, layout.b1(), hidden);
        gw2 = NativeFloats.view(gradient, layout.w2(), hidden * classes);
        gb2 = NativeFloats.view(gradient, layout.b2(), classes);
        x = scratch(maxRows * in);
        z1 = scratch(maxRows * hidden);
        hd = scratch(maxRows * hidden);
        z2 = scratch(maxRows * classes);
        dh = scratch(maxRows * hidden);
        mask = dropRate > 0 ? new float[maxRows * hidden] : null;
        labels = new int[maxRows];
        z1h = new float[maxRows * hidden];
        hh = new float[maxRows * hidden];
        hdh = dropRate > 0 ? new float[maxRows * hidden] : null;
        dhh = new float[maxRows * hidden];
        p = new float[maxRows * classes];
        bias1 = new float[hidden];
        bias2 = new float[classes];
        this.pair = pair;
        half = hidden / 2;
        w1Upper = w1.slice(half * in, (hidden - half) * in);
        gw1Upper = gw1.slice(half * in, (hidden - half) * in);
        // row-major rows×H matrices: the upper half starts at column `half` of row 0 (leading dimension H)
        z1Upper = z1.slice(half, z1.length - half);
        dhUpper = dh.slice(half, dh.length - half);
    }

    private NativeFloats scratch(int length) {
        INDArray a = NativeFloats.allocate(length);
        owned.add(a);
        return NativeFloats.of(a);
    }

    /** Copies rows {@code order[from..to)} of the images (row-major, 784 floats each) and their labels in. */
    int load(float[] pixels, int[] allLabels, int[] order, int from, int to) {
        int rows = to - from;
        if (rows <= 0 || rows > maxRows) {
            throw new IllegalArgumentException("a minibatch of " + rows + " rows; this step holds 1.." + maxRows);
        }
        if (split(rows)) {
            // the two halves of the rows are gathered at once, one per core
            int mid = rows / 2;
            pair.run(() -> gather(pixels, allLabels, order, from, mid, rows), () -> gather(pixels, allLabels, order, from, 0, mid));
        } else {
            gather(pixels, allLabels, order, from, 0, rows);
        }
        return rows;
    }

    private void gather(float[] pixels, int[] allLabels, int[] order, int from, int firstRow, int endRow) {
        int in = layout.inputs();
        FloatBuffer xb = x.buffer;
        for (int r = firstRow; r < endRow; r++) {
            int row = order[from + r];
            xb.put(r * in, pixels, row * in, in);
            labels[r] = allLabels[row];
        }
    }

    /**
     * Forward and backward pass over the {@code rows} loaded rows at the current parameters: fills the gradient and
     * returns the minibatch's Keras loss (including the L2 term) and how many rows the training forward pass (dropout
     * active) classified correctly. {@code dropout} draws the masks; it is not used when the rate is 0, and null
     * keeps the mask last drawn or given ({@link #useMask}).
     * <p>Products run in OpenBLAS on native memory; the element-wise work runs on Java arrays (copied in and out in
     * bulk), where the JIT vectorises it.
     */
    StepEngine.StepOutcome forwardBackward(int rows, SplittableRandom dropout) {
        int in = layout.inputs();
        int hidden = layout.hidden();
        int classes = layout.classes();
        int units = rows * hidden;
        int outputs = rows * classes;

        // hidden layer: z1 = x·W1 + b1, h = f(z1), hd = h ∘ mask
        if (split(rows)) {
            // two halves of the hidden units, one per core
            pair.run(() -> Blas.gemm(false, true, rows, hidden - half, in, 1f, x, in, w1Upper, in, 0f, z1Upper, hidden),
                    () -> Blas.gemm(false, true, rows, half, in, 1f, x, in, w1, in, 0f, z1, hidden));
        } else {
            Blas.gemm(false, true, rows, hidden, in, 1f, x, in, w1, in, 0f, z1, hidden);
        }
        z1.buffer.get(0, z1h, 0, units);
        b1.buffer.get(0, bias1);
        addBias(z1h, bias1, rows, hidden);
        ActivationKernels.forward(activation, z1h, hh, units);
        float[] hdh = hh;
        if (mask != null) {
            if (dropout != null) {
                drawMask(dropout, units);
            }
            hdh = this.hdh;
            for (int i = 0; i < units; i++) {
                hdh[i] = hh[i] * mask[i];
            }
        }
        hd.buffer.put(0, hdh, 0, units);

        // output layer: z2 = hd·W2 + b2, softmax, loss, accuracy, dz2 = (p − y)/rows
        Blas.gemm(false, true, rows, classes, hidden, 1f, hd, hidden, w2, hidden, 0f, z2, classes);
        z2.buffer.get(0, p, 0, outputs);
        b2.buffer.get(0, bias2);
        addBias(p, bias2, rows, classes);
        double lossSum = 0;
        int correct = 0;
        float invRows = 1f / rows;
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int best = softmaxRow(p, base, classes);
            int label = labels[r];
            if (best == label) {
                correct++;
            }
            lossSum += KerasCrossEntropy.clippedLoss(p[base + label]);
            p[base + label] -= 1f;
            for (int c = 0; c < classes; c++) {
                p[base + c] *= invRows;
            }
        }
        z2.buffer.put(0, p, 0, outputs);
        NativeFloats dz2 = z2;

        // output layer gradient: W2 (as 10×H) = dz2ᵀ·hd, b2 = Σ rows of dz2; back to the hidden units: dh = dz2·W2ᵀ
        Blas.gemm(true, false, classes, hidden, rows, 1f, dz2, classes, hd, hidden, 0f, gw2, hidden);
        gb2.buffer.put(0, columnSums(p, bias2, rows, classes));
        Blas.gemm(false, false, rows, hidden, classes, 1f, dz2, classes, w2, hidden, 0f, dh, hidden);
        dh.buffer.get(0, dhh, 0, units);
        if (mask != null) {
            for (int i = 0; i < units; i++) {
                dhh[i] *= mask[i];
            }
        }
        ActivationKernels.multiplyByDerivative(activation, z1h, hh, dhh, units);
        dh.buffer.put(0, dhh, 0, units);
        NativeFloats dz1 = dh;

        // hidden layer gradient: W1 (as H×784) = dz1ᵀ·x, b1 = Σ rows of dz1, plus 2λ·W1
        if (split(rows)) {
            pair.run(() -> Blas.gemm(true, false, hidden - half, in, rows, 1f, dhUpper, hidden, x, in, 0f, gw1Upper, in),
                    () -> Blas.gemm(true, false, half, in, rows, 1f, dz1, hidden, x, in, 0f, gw1, in));
        } else {
            Blas.gemm(true, false, hidden, in, rows, 1f, dz1, hidden, x, in, 0f, gw1, in);
        }
        gb1.buffer.put(0, columnSums(dhh, bias1, rows, hidden));
        double penalty = 0;
        if (l2 > 0) {
            penalty = l2 * Blas.sumOfSquares(w1);
            Blas.axpy(w1.length, (float) (2 * l2), w1, gw1);
        }
        return new StepEngine.StepOutcome(lossSum / rows + penalty, correct);
    }

    /** Whether this minibatch's large products and row gathering are split across the two cores. */
    private boolean split(int rows) {
        return pair != null && rows >= PAIR_MIN_ROWS;
    }

    /** The dropout mask for the next {@code units} hidden activations: 0 with probability rate, else 1/(1 − rate). */
    private void drawMask(SplittableRandom rng, int units) {
        for (int i = 0; i < units; i++) {
            mask[i] = rng.nextDouble() < dropRate ? 0f : keptScale;
        }
    }

    /** Uses a given mask instead of drawing one (tests). */
    void useMask(float[] values) {
        System.arraycopy(values, 0, mask, 0, values.length);
    }

    float[] mask() {
        return mask;
    }

    private static void addBias(float[] m, float[] bias, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                m[base + c] += bias[c];
            }
        }
    }

    /** Column sums of the first {@code rows} rows of {@code m}, into {@code out} (returned). */
    private static float[] columnSums(float[] m, float[] out, int rows, int cols) {
        java.util.Arrays.fill(out, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += m[base + c];
            }
        }
        return out;
    }

    /** Softmax of one row in place (max subtracted first); returns the first index of the row's largest logit. */
    private static int softmaxRow(float[] p, int base, int k) {
        int best = KerasCrossEntropy.argMax(p, base, k);
        float max = p[base + best];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(p[base + c] - max);
            p[base + c] = (float) e;
            sum += e;
        }
        for (int c = 0; c < k; c++) {
            p[base + c] = (float) (p[base + c] / sum);
        }
        return best;
    }

    @Override
    public void close() {
        for (INDArray a : owned) {
            a.close();
        }
        owned.clear();
    }
}
