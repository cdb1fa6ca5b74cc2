package org.mnistablation.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudyData;
import org.mnistablation.settings.StudySettings;
import org.mnistablation.train.NdRuntime;

/**
 * A prototype measurement, not used by training: the first layer's two products of a training step (forward
 * {@code Z = X·Wᵀ} and weight gradient {@code G = dZᵀ·X}, 784 → {@code units}) on one thread, as the fused step does
 * them (rows gathered into native memory, OpenBLAS SGEMM) against a sparse form that skips MNIST's zero pixels (Java
 * loops over a pixel-major copy of the kernel, the images' non-zero pixels listed once). The sparse form sums in
 * another order, so it would change every trained run's bits; this only says what it would save.
 *
 * <pre>java -cp mnist-study-bench.jar:mnist-study.jar org.mnistablation.bench.SparseInputBenchmark [units] [batch sizes...]</pre>
 */
public final class SparseInputBenchmark {

    private static final int PIXELS = 784;

    private SparseInputBenchmark() {
    }

    /** Microseconds per step of the first layer's two products, dense and sparse, and the non-zero share. */
    public record Result(int batch, double denseMicros, double sparseMicros, double nonZeroShare) {
    }

    /** The images' non-zero pixels: for image i, {@code index/value[start[i] .. start[i + 1])}. */
    record SparseImages(int[] start, int[] index, float[] value) {

        static SparseImages of(float[] pixels, int count) {
            int[] start = new int[count + 1];
            int nz = 0;
            for (float p : pixels) {
                nz += p != 0f ? 1 : 0;
            }
            int[] index = new int[nz];
            float[] value = new float[nz];
            int at = 0;
            for (int i = 0; i < count; i++) {
                start[i] = at;
                for (int k = 0; k < PIXELS; k++) {
                    float p = pixels[i * PIXELS + k];
                    if (p != 0f) {
                        index[at] = k;
                        value[at++] = p;
                    }
                }
            }
            start[count] = at;
            return new SparseImages(start, index, value);
        }
    }

    public static void main(String[] args) {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int[] batches = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[]{8, 32, 128};
        NdRuntime.ensureReady();
        openblas_nolapack.blas_set_num_threads(1);
        LabeledImages train = StudyData.load("mnist", StudySettings.fromEnvironment()).train();
        SparseImages sparse = SparseImages.of(train.pixels(), train.count());
        System.out.println("batch | dense us/step | sparse us/step | sparse/dense | non-zero pixels");
        for (int b : batches) {
            Result r = measure(train, sparse, units, b, Math.max(200, 40_000 / b));
            System.out.printf(Locale.ROOT, "%5d | %13.1f | %14.1f | %12.2f | %15.3f%n", b, r.denseMicros(),
                    r.sparseMicros(), r.sparseMicros() / r.denseMicros(), r.nonZeroShare());
        }
    }

    /**
     * One step's sparse forward (zs = X·W over the rows' non-zero pixels) and weight gradient (gs, pixel-major, only
     * the rows of pixels some image of the step lights cleared and filled); returns the step's non-zero pixels.
     */
    static long sparseStep(SparseImages sparse, int[] order, int first, int batch, int units, float[] wt,
                                   float[] dz, float[] zs, float[] gs) {
        Arrays.fill(zs, 0, batch * units, 0f);
        long nonZero = 0;
        for (int r = 0; r < batch; r++) {
            int img = order[first + r];
            for (int e = sparse.start()[img]; e < sparse.start()[img + 1]; e++) {
                Arrays.fill(gs, sparse.index()[e] * units, (sparse.index()[e] + 1) * units, 0f);
            }
        }
        for (int r = 0; r < batch; r++) {
            int img = order[first + r];
            int zr = r * units;
            for (int e = sparse.start()[img]; e < sparse.start()[img + 1]; e++) {
                int wk = sparse.index()[e] * units;
                float v = sparse.value()[e];
                axpy(v, wt, wk, zs, zr, units);
                axpy(v, dz, zr, gs, wk, units);
            }
            nonZero += sparse.start()[img + 1] - sparse.start()[img];
        }
        return nonZero;
    }

    /** dst[d..d+n) += v·src[s..s+n). */
    private static void axpy(float v, float[] src, int s, float[] dst, int d, int n) {
        for (int j = 0; j < n; j++) {
            dst[d + j] += v * src[s + j];
        }
    }

    static Result measure(LabeledImages train, SparseImages sparse, int units, int batch, int steps) {
        Random rng = new Random(1);
        float[] w = new float[units * PIXELS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian() * 0.05f;
        }
        float[] wt = new float[PIXELS * units]; // pixel-major copy
        for (int j = 0; j < units; j++) {
            for (int k = 0; k < PIXELS; k++) {
                wt[k * units + j] = w[j * PIXELS + k];
            }
        }
        float[] dz = new float[batch * units];
        for (int i = 0; i < dz.length; i++) {
            dz[i] = (float) rng.nextGaussian() * 1e-3f;
        }
        int[] order = new int[steps * batch];
        for (int i = 0; i < order.length; i++) {
            order[i] = rng.nextInt(train.count());
        }
        try (FloatPointer x = new FloatPointer((long) batch * PIXELS); FloatPointer wn = new FloatPointer(w);
             FloatPointer z = new FloatPointer((long) batch * units); FloatPointer dzn = new FloatPointer(dz);
             FloatPointer g = new FloatPointer((long) units * PIXELS)) {
            float[] row = new float[PIXELS];
            for (int round = 0; round < 2; round++) { // the first round warms up
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    for (int r = 0; r < batch; r++) {
                        int img = order[s * batch + r];
                        System.arraycopy(train.pixels(), img * PIXELS, row, 0, PIXELS);
                        x.position((long) r * PIXELS).put(row).position(0);
                    }
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                            openblas_nolapack.CblasTrans, batch, units, PIXELS, 1f, x, PIXELS, wn, PIXELS, 0f, z, units);
                    openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasTrans,
                            openblas_nolapack.CblasNoTrans, units, PIXELS, batch, 1f, dzn, units, x, PIXELS, 0f, g, PIXELS);
                }
                long t1 = System.nanoTime();
                float[] zs = new float[batch * units];
                float[] gs = new float[PIXELS * units];
                long nonZero = 0;
                for (int s = 0; s < steps; s++) {
                    nonZero += sparseStep(sparse, order, s * batch, batch, units, wt, dz, zs, gs);
                }
                long t2 = System.nanoTime();
                if (round == 1) {
                    return new Result(batch, (t1 - t0) / 1e3 / steps, (t2 - t1) / 1e3 / steps,
                            (double) nonZero / ((long) steps * batch * PIXELS));
                }
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
