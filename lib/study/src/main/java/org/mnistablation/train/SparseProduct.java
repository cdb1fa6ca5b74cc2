package org.mnistablation.train;

/**
 * The fused step's first-layer products over the non-zero inputs only: {@code out[j] = Σₑ value[e]·rows[index[e]][j]}
 * for e in {@code [from, to)}, summed in e's order from 0, each product rounded before it is added. The forward pass
 * uses it with the kernel's input-major rows (one image row's non-zero pixels), the weight gradient with the rows of
 * the gradient at the layer's output (one pixel's non-zero rows). Skipping a zero input skips only exact zeros, so
 * the sum is the one a plain loop over every input would give.
 * <p>Two implementations give the same bits: plain loops the JIT vectorises over j (each term read from and added to
 * {@code out} in memory), and, when the JVM was started with {@code --add-modules jdk.incubator.vector} (the bundled
 * kernel and the benchmark are), the Vector API with 64 sums held in registers across the terms
 * ({@code VectorSparseProduct}).
 */
final class SparseProduct {

    /** One implementation of the product. */
    interface Kernel {
        void accumulate(float[][] rows, int[] index, float[] value, int from, int to, float[] out, int n);
    }

    static final Kernel LOOPS = SparseProduct::loops;
    private static final Kernel CHOSEN = choose();

    private SparseProduct() {
    }

    /** {@code out[0..n) = Σ value[e]·rows[index[e]][0..n)} over e in [from, to). */
    static void accumulate(float[][] rows, int[] index, float[] value, int from, int to, float[] out, int n) {
        CHOSEN.accumulate(rows, index, value, from, to, out, n);
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

    static void loops(float[][] rows, int[] index, float[] value, int from, int to, float[] out, int n) {
        java.util.Arrays.fill(out, 0, n, 0f);
        for (int e = from; e < to; e++) {
            axpy(value[e], rows[index[e]], out, n);
        }
    }

    private static void axpy(float v, float[] x, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += v * x[j];
        }
    }
}
