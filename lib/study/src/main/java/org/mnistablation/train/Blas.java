package org.mnistablation.train;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The few OpenBLAS calls the fused training step makes, on the same OpenBLAS build ND4J itself loads
 * ({@code openblas_nolapack} from org.bytedeco), so there is one BLAS and one thread pool in the process.
 * Matrices are row-major; {@code transA}/{@code transB} say whether an operand is used transposed.
 */
final class Blas {

    private Blas() {
    }

    /** Null when OpenBLAS's native library loads here, else why not (checked once; the documented static state). */
    private static volatile String unavailable;
    private static volatile boolean checked;

    /** Why the fused engine cannot call OpenBLAS on this machine, or null when it can. */
    static String unavailableReason() {
        if (!checked) {
            synchronized (Blas.class) {
                if (!checked) {
                    try {
                        org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
                        unavailable = null;
                    } catch (Throwable e) {
                        unavailable = "OpenBLAS's native library did not load here (" + e + ")";
                    }
                    checked = true;
                }
            }
        }
        return unavailable;
    }

    /** C(m×n) = alpha·op(A)·op(B) + beta·C, with op(A) m×k and op(B) k×n. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, NativeFloats a, int lda,
                     NativeFloats b, int ldb, float beta, NativeFloats c, int ldc) {
        openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, m, n, k, alpha, a.pointer, lda, b.pointer, ldb, beta,
                c.pointer, ldc);
    }

    /** y += alpha·x over the first {@code n} elements. */
    static void axpy(int n, float alpha, NativeFloats x, NativeFloats y) {
        openblas_nolapack.cblas_saxpy(n, alpha, x.pointer, 1, y.pointer, 1);
    }

    /** Σ x², accumulated in double. */
    static double sumOfSquares(NativeFloats x) {
        return openblas_nolapack.cblas_dsdot(x.length, x.pointer, 1, x.pointer, 1);
    }

    /** Threads OpenBLAS may use for one call (it runs small products on one thread by itself). */
    static void threads(int n) {
        openblas_nolapack.blas_set_num_threads(n);
    }

    static int threads() {
        return openblas_nolapack.blas_get_num_threads();
    }
}
