package org.mnistablation.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where a stack of dense layers keeps its parameters in DL4J's flat parameter vector (and, identically, in its flat
 * gradient): layer after layer, its kernel W ({@code in×out}, column-major) and then its bias b ({@code out}). Read as
 * row-major, a column-major kernel is its transpose: {@code out} rows of {@code in} weights, one row per unit.
 */
final class ParamLayout {

    private final int[] sizes;
    private final long[] kernels;
    private final long[] biases;
    private final long size;

    /** {@code sizes[0]} inputs, then the units of each layer. */
    ParamLayout(int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a layout needs inputs and at least one layer");
        }
        this.sizes = sizes.clone();
        kernels = new long[sizes.length - 1];
        biases = new long[sizes.length - 1];
        long at = 0;
        for (int l = 0; l < kernels.length; l++) {
            kernels[l] = at;
            at += (long) sizes[l] * sizes[l + 1];
            biases[l] = at;
            at += sizes[l + 1];
        }
        size = at;
    }

    int layers() {
        return kernels.length;
    }

    /** Inputs of layer {@code l} (from 0). */
    int in(int l) {
        return sizes[l];
    }

    /** Units of layer {@code l}. */
    int out(int l) {
        return sizes[l + 1];
    }

    long kernel(int l) {
        return kernels[l];
    }

    long bias(int l) {
        return biases[l];
    }

    long size() {
        return size;
    }

    /**
     * The layout of {@code net}, after checking that DL4J's parameter views really sit there: a DL4J version with a
     * different layout must fail here, not train a scrambled network.
     */
    static ParamLayout of(MultiLayerNetwork net) {
        int n = net.getnLayers();
        int[] sizes = new int[n + 1];
        for (int l = 0; l < n; l++) {
            INDArray w = net.getParam(l + "_W");
            if (w == null || w.rank() != 2) {
                throw new IllegalStateException("layer " + l + " has no dense kernel: not a stack of dense layers");
            }
            if (l == 0) {
                sizes[0] = (int) w.size(0);
            } else if (w.size(0) != sizes[l]) {
                throw new IllegalStateException("layer " + l + " takes " + w.size(0) + " inputs, the layer before has "
                        + sizes[l] + " units");
            }
            sizes[l + 1] = (int) w.size(1);
        }
        ParamLayout layout = new ParamLayout(sizes);
        INDArray flat = net.params();
        if (flat.length() != layout.size()) {
            throw new IllegalStateException("DL4J holds " + flat.length() + " parameters, the dense layout " + layout.size());
        }
        for (int l = 0; l < n; l++) {
            check(flat, net.getParam(l + "_W"), layout.kernel(l), l + "_W");
            check(flat, net.getParam(l + "_b"), layout.bias(l), l + "_b");
        }
        return layout;
    }

    /** Writes a distinct marker through the view and finds it at the expected column-major place in the flat vector. */
    private static void check(INDArray flat, INDArray view, long offset, String name) {
        long rows = view.rank() == 2 ? view.size(0) : 1;
        long cols = view.rank() == 2 ? view.size(1) : view.length();
        long[][] probes = {{0, 0}, {rows - 1, 0}, {0, cols - 1}, {rows - 1, cols - 1}, {rows / 2, cols / 3}};
        for (long[] p : probes) {
            long r = p[0];
            long c = p[1];
            long[] at = view.rank() == 2 ? new long[]{r, c} : new long[]{c};
            float saved = view.getFloat(at);
            float marker = 12345.678f + r + 7 * c;
            view.putScalar(at, marker);
            float seen = flat.getFloat(offset + c * rows + r);
            view.putScalar(at, saved);
            if (seen != marker) {
                throw new IllegalStateException("DL4J's parameter " + name + "[" + r + "," + c + "] is not at flat index "
                        + (offset + c * rows + r) + ": the fused training step cannot use this DL4J version's layout");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamLayout p && java.util.Arrays.equals(p.sizes, sizes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return "ParamLayout" + java.util.Arrays.toString(sizes);
    }
}
