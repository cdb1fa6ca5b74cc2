package org.mnistablation.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Measures this machine's single-precision matrix-product rate through the OpenBLAS the training step uses. */
public final class GemmRate {

    private GemmRate() {
    }

    /**
     * GFLOP/s of {@code reps} row-major (m×k)·(k×n) products into a preallocated result with {@code threads} OpenBLAS
     * threads, after a warm-up. Restores the training step's thread setting afterwards.
     */
    public static double gflops(int m, int k, int n, int reps, int threads) {
        NdRuntime.ensureReady();
        INDArray a = Nd4j.rand(DataType.FLOAT, (long) m * k);
        INDArray b = Nd4j.rand(DataType.FLOAT, (long) k * n);
        INDArray c = Nd4j.create(DataType.FLOAT, (long) m * n);
        NativeFloats na = NativeFloats.of(a);
        NativeFloats nb = NativeFloats.of(b);
        NativeFloats nc = NativeFloats.of(c);
        int previous = Blas.threads();
        try {
            Blas.threads(threads);
            for (int i = 0; i < Math.max(3, reps / 10); i++) {
                Blas.gemm(false, false, m, n, k, 1f, na, k, nb, n, 0f, nc, n);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Blas.gemm(false, false, m, n, k, 1f, na, k, nb, n, 0f, nc, n);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return 2.0 * m * k * n * reps / s / 1e9;
        } finally {
            Blas.threads(previous);
            a.close();
            b.close();
            c.close();
        }
    }
}
