package org.mnistablation.train;

/**
 * The fused step's first-layer products over the non-zero inputs only:
 * {@code out[at + j] = Σₑ value[e]·rows[index[e]·stride + j]} for e in {@code [from, to)} and j in [0, n), summed in
 * e's order from 0, each product rounded before it is added; {@code rows} holds one row of {@code stride} values after
 * another. The forward pass uses it with the kernel's input-major rows (one image row's non-zero pixels), the weight
 * gradient with the rows of the gradient at the layer's output (one pixel's non-zero rows). Skipping a zero input
 * skips only exact zeros, so the sum is the one a plain loop over every input would give.
 * <p>Two implementations give the same bits: plain loops the JIT vectorises over j (each term read from and added to
 * {@code out} in memory), and, when the JVM was started with {@code --add-modules jdk.incubator.vector} (the bundled
 * kernel and the benchmark are), the Vector API with 64 sums held in registers across the terms
 * ({@code VectorSparseProduct}).
 */
final class SparseProduct {

    /** One implementation of the product. */
    interface Kernel {
        void accumulate(float[] rows, int stride, int[] index, float[] value, int from, int to, float[] out, int at,
                        int n);
    }

    static final Kernel LOOPS = SparseProduct::loops;
    private static final Kernel CHOSEN = choose();

    private SparseProduct() {
    }

    /** {@code out[at..at+n) = Σ value[e]·rows[index[e]·stride..+n)} over e in [from, to). */
    static void accumulate(float[] rows, int stride, int[] index, float[] value, int from, int to, float[] out, int at,
                           int n) {
        CHOSEN.accumulate(rows, stride, index, value, from, to, out, at, n);
    }

    /** Whether the Vector API implementation is in use. */
    static boolean vectorised() {
        return CHOSEN != LOOPS;
    }

    /** The Vector API implementation, or null when the JVM does not have the incubating module. */
    static Kernel vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            return (Kernel) Class.forName("org.mnistablation.train.VectorSparseProduct").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static Kernel choose() {
        Kernel v = vector();
        return v != null ? v : LOOPS;
    }

    static void loops(float[] rows, int stride, int[] index, float[] value, int from, int to, float[] out, int at,
                      int n) {
        java.util.Arrays.fill(out, at, at + n, 0f);
        for (int e = from; e < to; e++) {
            axpy(value[e], rows, index[e] * stride, out, at, n);
        }
    }

    private static void axpy(float v, float[] x, int xAt, float[] y, int yAt, int n) {
        for (int j = 0; j < n; j++) {
            y[yAt + j] += v * x[xAt + j];
        }
    }
}
