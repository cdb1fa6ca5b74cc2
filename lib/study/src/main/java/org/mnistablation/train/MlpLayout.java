package org.mnistablation.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the study MLP's four parameters sit in DL4J's flat parameter vector (and, identically, in its flat gradient):
 * hidden kernel W1 (784×H, column-major), hidden bias b1 (H), output kernel W2 (H×10, column-major), output bias b2
 * (10). Read as row-major, a column-major kernel is its transpose: W1 is H rows of 784 weights, one row per hidden
 * unit, and W2 is 10 rows of H.
 */
record MlpLayout(int inputs, int hidden, int classes) {

    long w1() {
        return 0;
    }

    long b1() {
        return (long) inputs * hidden;
    }

    long w2() {
        return b1() + hidden;
    }

    long b2() {
        return w2() + (long) hidden * classes;
    }

    long size() {
        return b2() + classes;
    }

    /**
     * The layout of {@code net}, after checking that DL4J's parameter views really sit there: a DL4J version with a
     * different layout must fail here, not train a scrambled network.
     */
    static MlpLayout of(MultiLayerNetwork net) {
        INDArray w1 = net.getParam("0_W");
        INDArray w2 = net.getParam("1_W");
        MlpLayout layout = new MlpLayout((int) w1.size(0), (int) w1.size(1), (int) w2.size(1));
        INDArray flat = net.params();
        if (flat.length() != layout.size()) {
            throw new IllegalStateException("DL4J holds " + flat.length() + " parameters, the MLP layout " + layout.size());
        }
        check(flat, w1, layout.w1(), "0_W");
        check(flat, net.getParam("0_b"), layout.b1(), "0_b");
        check(flat, w2, layout.w2(), "1_W");
        check(flat, net.getParam("1_b"), layout.b2(), "1_b");
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
}
