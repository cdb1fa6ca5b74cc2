package org.mnistablation.train;

import java.util.ArrayList;
import java.util.List;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward pass of a stack of dense layers (softmax output, sparse cross-entropy) for one minibatch,
 * written out by hand: in minibatches below {@link #PAIR_MIN_ROWS} rows the first layer's two products over the
 * images' non-zero pixels only ({@link SparseProduct}, on Java arrays), in larger ones as OpenBLAS products; above it,
 * per layer one OpenBLAS product forward, one for its weight gradient and one for the gradient reaching the layer
 * below; plain loops for bias, activation, dropout and softmax, all in buffers allocated once per run. It reads the
 * parameters from, and writes the gradient to, {@link EngineParams} (what the OpenBLAS products use also to native
 * flat vectors laid out as DL4J's, {@link ParamLayout}), so it computes the
 * gradient DL4J's backprop computes for the network {@link Dl4jModel} builds (tests compare the two), without DL4J's
 * per-operation cost on every step.
 * <p>The gradient is that of Keras's minibatch loss: mean cross-entropy over the rows plus λ·Σw² of every kernel with
 * an L2 regulariser (gradient 2λw). A {@code Dropout(rate)} before a Dense layer zeroes each of that layer's inputs
 * with probability {@code rate} and scales the survivors by 1/(1 − rate).
 */
final class FusedStep implements AutoCloseable {

    /** Minibatches from this many rows split their large products across two cores (when a pair is given). */
    static final int PAIR_MIN_ROWS = 64;
    /** Only layers with at least this many weights are worth splitting. */
    static final int PAIR_MIN_WEIGHTS = 8192;
    /**
     * Steps of fewer rows than this compute the first layer over the non-zero pixels; larger ones as dense OpenBLAS
     * products, which reuse each weight across the rows (and split across the cores).
     */
    static final int SPARSE_MAX_ROWS = PAIR_MIN_ROWS - 1;

    private final boolean sparse;
    private final ParamLayout layout;
    private final int layers;
    private final Activation[] activation;
    private final double[] dropRate;
    private final float[] keptScale;
    private final double[] l2;
    private final int maxRows;

    /** The parameters and gradient the step uses; the later layers' also in w/b and gw/gb (native). */
    private final EngineParams params;
    private final EngineParams gradient;
    private final NativeFloats nativeParams;
    private final NativeFloats nativeGradient;
    private final SparseBatch batch;
    /** Whether a row of the first kernel's gradient is known to be all zero. */
    private final boolean[] zeroRow;
    private final NativeFloats[] w;
    private final NativeFloats[] b;
    private final NativeFloats[] gw;
    private final NativeFloats[] gb;
    /** in[l]: the input layer l multiplies (after its dropout), rows × in(l), from layer 1 on. */
    private final NativeFloats[] in;
    /** z[l]: layer l's product, rows × out(l); reused in the backward pass for the gradient at its pre-activation. */
    private final NativeFloats[] z;
    // Java-side copies for the element-wise work
    private final float[][] pre;
    private final float[][] act;
    /** slope[l]: f'(pre[l]) kept by the forward pass where recomputing it costs more (ActivationKernels.keepsSlope). */
    private final double[][] slope;
    private final float[][] grad;
    private final float[][] mask;
    private final float[][] masked;
    private final float[][] bias;
    private final float[] p;
    private final int[] labels;
    private final List<INDArray> owned = new ArrayList<>();
    // for splitting a layer's products across two cores: the upper half of its units
    private final PairWorker pair;
    private final int[] half;
    private final NativeFloats[] wUpper;
    private final NativeFloats[] gwUpper;
    private final NativeFloats[] zUpper;

    /**
     * @param params   DL4J's flat parameter vector of the network: taken now (and by {@link #readParameters()});
     *                 the step writes its later layers' part ({@link #writeLaterParameters()}, {@link #writeParameters()})
     * @param gradient a flat vector of the same layout, for the later layers' gradient ({@link #writeGradient()} fills
     *                 all of it)
     * @param maxRows  the largest minibatch
     * @param pair     a helper thread for the large products, or null to run them on this thread only
     */
    FusedStep(ParamLayout layout, INDArray params, INDArray gradient, ModelDefinition model, int maxRows,
              PairWorker pair) {
        List<Dense> dense = model.dense();
        if (dense.size() != layout.layers()) {
            throw new IllegalArgumentException("the model has " + dense.size() + " Dense layers, the network "
                    + layout.layers());
        }
        this.layout = layout;
        this.layers = layout.layers();
        this.maxRows = maxRows;
        this.pair = pair;
        this.dropRate = model.dropoutBeforeDense();
        this.sparse = maxRows <= SPARSE_MAX_ROWS;
        this.params = new EngineParams(layout, sparse);
        this.gradient = new EngineParams(layout, sparse);
        this.nativeParams = NativeFloats.of(params);
        this.nativeGradient = NativeFloats.of(gradient);
        this.batch = new SparseBatch(maxRows, layout.in(0));
        this.zeroRow = new boolean[layout.in(0)];
        java.util.Arrays.fill(zeroRow, true);
        activation = new Activation[layers];
        keptScale = new float[layers];
        l2 = new double[layers];
        w = new NativeFloats[layers];
        b = new NativeFloats[layers];
        gw = new NativeFloats[layers];
        gb = new NativeFloats[layers];
        in = new NativeFloats[layers];
        z = new NativeFloats[layers];
        pre = new float[layers][];
        act = new float[layers][];
        slope = new double[layers][];
        grad = new float[layers][];
        mask = new float[layers][];
        masked = new float[layers][];
        bias = new float[layers][];
        half = new int[layers];
        wUpper = new NativeFloats[layers];
        gwUpper = new NativeFloats[layers];
        zUpper = new NativeFloats[layers];
        for (int l = 0; l < layers; l++) {
            int ni = layout.in(l);
            int no = layout.out(l);
            activation[l] = dense.get(l).activation();
            l2[l] = dense.get(l).l2();
            keptScale[l] = (float) (1.0 / (1.0 - dropRate[l]));
            w[l] = NativeFloats.view(params, layout.kernel(l), ni * no);
            b[l] = NativeFloats.view(params, layout.bias(l), no);
            gw[l] = NativeFloats.view(gradient, layout.kernel(l), ni * no);
            gb[l] = NativeFloats.view(gradient, layout.bias(l), no);
            in[l] = l == 0 && sparse ? null : scratch(maxRows * ni);
            z[l] = scratch(maxRows * no);
            bias[l] = new float[no];
            if (l < layers - 1) {
                pre[l] = new float[maxRows * no];
                act[l] = new float[maxRows * no];
                slope[l] = ActivationKernels.keepsSlope(activation[l]) ? new double[maxRows * no] : null;
                grad[l] = new float[maxRows * no];
            }
            if (dropRate[l] > 0) {
                mask[l] = new float[maxRows * ni];
                masked[l] = l == 0 && sparse ? null : new float[maxRows * ni];
            }
            half[l] = no / 2;
            wUpper[l] = w[l].slice(half[l] * ni, (no - half[l]) * ni);
            gwUpper[l] = gw[l].slice(half[l] * ni, (no - half[l]) * ni);
            // row-major rows×out matrices: the upper half starts at column `half` of row 0 (leading dimension out)
            zUpper[l] = z[l].slice(half[l], z[l].length - half[l]);
        }
        p = new float[maxRows * layout.out(layers - 1)];
        labels = new int[maxRows];
        readParameters();
    }

    /** The parameters the step uses (the update rules change them in place). */
    EngineParams parameters() {
        return params;
    }

    /** The gradient the last {@link #forwardBackward} computed. */
    EngineParams gradient() {
        return gradient;
    }

    /** Takes the parameters from the native flat vector (after they were set there). */
    void readParameters() {
        params.read(nativeParams.buffer);
    }

    /** Writes every parameter into the native flat vector (the network sees them). */
    void writeParameters() {
        params.write(nativeParams.buffer);
    }

    /**
     * Writes the parameters OpenBLAS reads (all but a sparse first kernel) into the native flat vector, split across
     * the cores where the products are.
     */
    void writeLaterParameters() {
        copy(nativeParams, params, true);
    }

    /** Copies {@code values.rest} to ({@code out}) or from the native vector, in two halves when a pair is given. */
    private void copy(NativeFloats flat, EngineParams values, boolean out) {
        int start = values.restStart();
        float[] rest = values.rest;
        if (pair == null) {
            copy(flat, start, rest, 0, rest.length, out);
        } else {
            int mid = rest.length / 2;
            pair.run(() -> copy(flat, start, rest, mid, rest.length, out), () -> copy(flat, start, rest, 0, mid, out));
        }
    }

    private static void copy(NativeFloats flat, int start, float[] rest, int from, int to, boolean out) {
        if (out) {
            flat.buffer.put(start + from, rest, from, to - from);
        } else {
            flat.buffer.get(start + from, rest, from, to - from);
        }
    }

    /** Writes the whole gradient into the native flat vector. */
    void writeGradient() {
        gradient.write(nativeGradient.buffer);
    }

    private NativeFloats scratch(int length) {
        INDArray a = NativeFloats.allocate(length);
        owned.add(a);
        return NativeFloats.of(a);
    }

    /** Whether the first layer's products skip the zero pixels (minibatches below {@link #PAIR_MIN_ROWS} rows). */
    boolean sparse() {
        return sparse;
    }

    /** Takes rows {@code order[from..to)} of the images (row-major, in(0) floats each) and their labels. */
    int load(float[] pixels, int[] allLabels, int[] order, int from, int to) {
        int rows = rows(from, to);
        if (sparse) {
            batch.load(pixels, order, from, rows);
        } else if (pair != null && rows >= PAIR_MIN_ROWS) {
            // the two halves of the rows are gathered at once, one per core
            int mid = rows / 2;
            pair.run(() -> gather(pixels, order, from, mid, rows), () -> gather(pixels, order, from, 0, mid));
        } else {
            gather(pixels, order, from, 0, rows);
        }
        return labels(allLabels, order, from, rows);
    }

    /** Takes rows {@code order[from..to)} of images given by their non-zero pixels (a {@link #sparse()} step). */
    int load(SparseImages images, int[] allLabels, int[] order, int from, int to) {
        if (!sparse) {
            throw new IllegalStateException("a step of " + maxRows + " rows takes dense images");
        }
        int rows = rows(from, to);
        batch.load(images, order, from, rows);
        return labels(allLabels, order, from, rows);
    }

    private void gather(float[] pixels, int[] order, int from, int firstRow, int endRow) {
        int n = layout.in(0);
        for (int r = firstRow; r < endRow; r++) {
            in[0].buffer.put(r * n, pixels, order[from + r] * n, n);
        }
    }

    private int rows(int from, int to) {
        int rows = to - from;
        if (rows <= 0 || rows > maxRows) {
            throw new IllegalArgumentException("a minibatch of " + rows + " rows; this step holds 1.." + maxRows);
        }
        return rows;
    }

    private int labels(int[] allLabels, int[] order, int from, int rows) {
        for (int r = 0; r < rows; r++) {
            labels[r] = allLabels[order[from + r]];
        }
        return rows;
    }

    /**
     * Forward and backward pass over the {@code rows} loaded rows at the current parameters: fills the gradient and
     * returns the minibatch's Keras loss (including the L2 terms) and how many rows the training forward pass (dropout
     * active) classified correctly. {@code dropout} draws the masks; it is not used without dropout, and null keeps
     * the masks last drawn or given ({@link #useMask}).
     * <p>Products run in OpenBLAS on native memory; the element-wise work runs on Java arrays (copied in and out in
     * bulk), where the JIT vectorises it.
     */
    StepEngine.StepOutcome forwardBackward(int rows, SplitMix64 dropout) {
        int last = layers - 1;
        if (sparse) {
            if (mask[0] != null && dropout != null) {
                drawMask(0, rows, dropout);
            }
            batch.index(mask[0]);
        } else if (mask[0] != null) {
            applyDropout(0, rows, dropout, null);
        }
        for (int l = 0; l < last; l++) {
            int units = rows * layout.out(l);
            if (l == 0 && sparse) {
                firstForward(rows, pre[0]);
            } else {
                multiply(l, rows);
                z[l].buffer.get(0, pre[l], 0, units);
            }
            b[l].buffer.get(0, bias[l]);
            addBias(pre[l], bias[l], rows, layout.out(l));
            if (slope[l] != null) {
                ActivationKernels.forwardKeepingSlope(activation[l], pre[l], act[l], slope[l], units);
            } else {
                ActivationKernels.forward(activation[l], pre[l], act[l], units);
            }
            if (mask[l + 1] != null) {
                applyDropout(l + 1, rows, dropout, act[l]);
            } else {
                in[l + 1].buffer.put(0, act[l], 0, units);
            }
        }

        // output layer: softmax, loss, accuracy, and the gradient at its pre-activation (p − y)/rows
        int classes = layout.out(last);
        int outputs = rows * classes;
        if (last == 0 && sparse) {
            firstForward(rows, p);
        } else {
            multiply(last, rows);
            z[last].buffer.get(0, p, 0, outputs);
        }
        b[last].buffer.get(0, bias[last]);
        addBias(p, bias[last], rows, classes);
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
        if (last > 0 || !sparse) {
            z[last].buffer.put(0, p, 0, outputs);
        }

        double penalty = 0;
        for (int l = last; l >= 0; l--) {
            float[] dz = l == last ? p : grad[l];
            if (l == 0 && sparse) {
                firstWeightGradient(dz);
            } else {
                weightGradient(l, rows);
            }
            gb[l].buffer.put(0, columnSums(dz, bias[l], rows, layout.out(l)));
            if (l > 0) {
                // the gradient reaching layer l's input, then through the dropout mask and the activation below
                int below = l - 1;
                int units = rows * layout.out(below);
                inputGradient(l, rows);
                z[below].buffer.get(0, grad[below], 0, units);
                if (mask[l] != null) {
                    float[] m = mask[l];
                    float[] g = grad[below];
                    for (int i = 0; i < units; i++) {
                        g[i] *= m[i];
                    }
                }
                if (slope[below] != null) {
                    ActivationKernels.multiplyBySlope(slope[below], grad[below], units);
                } else {
                    ActivationKernels.multiplyByDerivative(activation[below], pre[below], act[below], grad[below],
                            units);
                }
                if (below > 0 || !sparse) { // a sparse first layer's weight gradient reads it from grad[0]
                    z[below].buffer.put(0, grad[below], 0, units);
                }
            }
            if (l2[l] > 0 && l == 0 && sparse) {
                penalty += l2[0] * firstKernelL2((float) (2 * l2[0]));
            } else if (l2[l] > 0) {
                penalty += l2[l] * Blas.sumOfSquares(w[l]);
                Blas.axpy(w[l].length, (float) (2 * l2[l]), w[l], gw[l]);
            }
        }
        // what OpenBLAS and the bias sums wrote (all but a sparse first kernel), from the native vector
        copy(nativeGradient, gradient, false);
        return new StepEngine.StepOutcome(lossSum / rows + penalty, correct);
    }

    /** The first layer's product over the non-zero inputs: {@code target} (rows × out(0)) without the bias. */
    private void firstForward(int rows, float[] target) {
        int units = layout.out(0);
        for (int r = 0; r < rows; r++) {
            SparseProduct.accumulate(params.first, units, batch.rowIndex, batch.rowValue, batch.rowStart[r],
                    batch.rowStart[r + 1], target, r * units, units);
        }
    }

    /** The first kernel's gradient (input-major) from the gradient at its output, {@code dz} (rows × out(0)). */
    private void firstWeightGradient(float[] dz) {
        int units = layout.out(0);
        float[] g = gradient.first;
        for (int k = 0; k < layout.in(0); k++) {
            int s = batch.inputStart[k];
            int e = batch.inputStart[k + 1];
            if (s == e) {
                if (!zeroRow[k]) {
                    java.util.Arrays.fill(g, k * units, (k + 1) * units, 0f);
                    zeroRow[k] = true;
                }
            } else {
                SparseProduct.accumulate(dz, units, batch.inputRow, batch.inputValue, s, e, g, k * units, units);
                zeroRow[k] = false;
            }
        }
    }

    /** Adds {@code 2λ·W} to the first kernel's gradient; returns {@code Σ W²} (in double, four partial sums). */
    private double firstKernelL2(float twoLambda) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        float[] w = params.first;
        float[] g = gradient.first;
        int units = layout.out(0);
        for (int k = 0; k < layout.in(0); k++) {
            int start = k * units;
            int end = start + units;
            for (int i = start; i < end; i++) {
                g[i] += twoLambda * w[i];
            }
            int i = start;
            for (; i + 4 <= end; i += 4) {
                s0 += (double) w[i] * w[i];
                s1 += (double) w[i + 1] * w[i + 1];
                s2 += (double) w[i + 2] * w[i + 2];
                s3 += (double) w[i + 3] * w[i + 3];
            }
            for (; i < end; i++) {
                s0 += (double) w[i] * w[i];
            }
            zeroRow[k] = false;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Draws a fresh mask for layer l's input. */
    private void drawMask(int l, int rows, SplitMix64 rng) {
        rng.fillMask(mask[l], rows * layout.in(l), dropRate[l], keptScale[l]);
    }

    /**
     * Layer l's input with dropout: {@code values} (or, when null, the gathered images of a dense step) times a fresh
     * or kept mask.
     */
    private void applyDropout(int l, int rows, SplitMix64 rng, float[] values) {
        int n = rows * layout.in(l);
        float[] m = mask[l];
        float[] out = masked[l];
        if (rng != null) {
            drawMask(l, rows, rng);
        }
        if (values == null) {
            in[0].buffer.get(0, out, 0, n);
            values = out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = values[i] * m[i];
        }
        in[l].buffer.put(0, out, 0, n);
    }

    /** z[l] = in[l]·W[l]ᵀ (rows × out), split by units across the cores for large layers. */
    private void multiply(int l, int rows) {
        int ni = layout.in(l);
        int no = layout.out(l);
        if (split(l, rows)) {
            int h = half[l];
            pair.run(() -> Blas.gemm(false, true, rows, no - h, ni, 1f, in[l], ni, wUpper[l], ni, 0f, zUpper[l], no),
                    () -> Blas.gemm(false, true, rows, h, ni, 1f, in[l], ni, w[l], ni, 0f, z[l], no));
        } else {
            Blas.gemm(false, true, rows, no, ni, 1f, in[l], ni, w[l], ni, 0f, z[l], no);
        }
    }

    /** gW[l] (as out × in) = dz[l]ᵀ·in[l], with dz[l] in z[l]; split by units for large layers. */
    private void weightGradient(int l, int rows) {
        int ni = layout.in(l);
        int no = layout.out(l);
        if (split(l, rows)) {
            int h = half[l];
            pair.run(() -> Blas.gemm(true, false, no - h, ni, rows, 1f, zUpper[l], no, in[l], ni, 0f, gwUpper[l], ni),
                    () -> Blas.gemm(true, false, h, ni, rows, 1f, z[l], no, in[l], ni, 0f, gw[l], ni));
        } else {
            Blas.gemm(true, false, no, ni, rows, 1f, z[l], no, in[l], ni, 0f, gw[l], ni);
        }
    }

    /** z[l − 1] = dz[l]·W[l] (rows × in(l)): the gradient at layer l's input; split by rows for large layers. */
    private void inputGradient(int l, int rows) {
        int ni = layout.in(l);
        int no = layout.out(l);
        NativeFloats target = z[l - 1];
        if (split(l, rows)) {
            int mid = rows / 2;
            NativeFloats dzLower = z[l].slice(mid * no, (rows - mid) * no);
            NativeFloats targetLower = target.slice(mid * ni, (rows - mid) * ni);
            pair.run(() -> Blas.gemm(false, false, rows - mid, ni, no, 1f, dzLower, no, w[l], ni, 0f, targetLower, ni),
                    () -> Blas.gemm(false, false, mid, ni, no, 1f, z[l], no, w[l], ni, 0f, target, ni));
        } else {
            Blas.gemm(false, false, rows, ni, no, 1f, z[l], no, w[l], ni, 0f, target, ni);
        }
    }

    /** Whether layer l's products for this minibatch are split across the two cores. */
    private boolean split(int l, int rows) {
        return pair != null && rows >= PAIR_MIN_ROWS && layout.out(l) >= 2
                && (long) layout.in(l) * layout.out(l) >= PAIR_MIN_WEIGHTS;
    }

    /** Uses a given mask for layer l's input instead of drawing one (tests); rows × in(l) values. */
    void useMask(int l, float[] values) {
        System.arraycopy(values, 0, mask[l], 0, values.length);
    }

    /** The mask last used on layer l's input, or null when no Dropout precedes it. */
    float[] mask(int l) {
        return mask[l];
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
