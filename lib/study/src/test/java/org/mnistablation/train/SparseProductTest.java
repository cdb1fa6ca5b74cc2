package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The first layer's sparse products: the Vector API and the plain loops give the same bits (so a run's result does not
 * depend on whether its JVM has {@code jdk.incubator.vector}), and skipping the zero inputs gives the bits of a plain
 * loop over every input.
 */
class SparseProductTest {

    /** {@code rows}: one row of {@code stride} values after another. */
    private record Case(float[] rows, int stride, int[] index, float[] value) {
    }

    /** {@code terms} terms over {@code rows} rows of {@code n} values, with every kind of value a sum meets. */
    private static Case random(int rowCount, int n, int terms, long seed) {
        Random rng = new Random(seed);
        float[] rows = new float[rowCount * n];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(7) - 3));
        }
        int[] index = new int[terms];
        float[] value = new float[terms];
        for (int e = 0; e < terms; e++) {
            index[e] = rng.nextInt(rowCount);
            value[e] = rng.nextFloat() * (rng.nextBoolean() ? 1 : -1000);
        }
        return new Case(rows, n, index, value);
    }

    private static float[] product(SparseProduct.Kernel kernel, Case c, int from, int to, int n) {
        float[] out = new float[n + 5];
        java.util.Arrays.fill(out, 7f); // overwritten from 2 to n + 2, left alone before and after
        kernel.accumulate(c.rows(), c.stride(), c.index(), c.value(), from, to, out, 2, n);
        return out;
    }

    @Test
    void theVectorApiGivesTheBitsOfThePlainLoops() {
        SparseProduct.Kernel vector = SparseProduct.vector();
        assertNotNull(vector, "the tests' JVM has jdk.incubator.vector (lib/study/pom.xml's argLine)");
        for (int n : new int[]{128, 64, 133, 8, 5, 256}) {
            Case c = random(300, n, 400, n);
            for (int[] range : new int[][]{{0, 400}, {17, 18}, {5, 5}, {100, 371}}) {
                float[] loops = product(SparseProduct.LOOPS, c, range[0], range[1], n);
                float[] vec = product(vector, c, range[0], range[1], n);
                assertArrayEquals(loops, vec, "n " + n + ", terms " + range[0] + ".." + range[1]); // bits: exact
                assertTrue(vec[0] == 7f && vec[1] == 7f && vec[n + 2] == 7f, "nothing written outside [2, n + 2)");
            }
        }
    }

    @Test
    void skippingZeroInputsGivesThePlainSumOverEveryInput() {
        int inputs = 784;
        int units = 40;
        Random rng = new Random(3);
        float[] kernel = random(inputs, units, 1, 9).rows();
        float[] pixels = new float[inputs];
        for (int k = 0; k < inputs; k++) {
            pixels[k] = rng.nextInt(5) == 0 ? rng.nextFloat() : 0f;
        }
        float[] dense = new float[units];
        for (int k = 0; k < inputs; k++) { // input order, zeros included
            for (int j = 0; j < units; j++) {
                dense[j] += pixels[k] * kernel[k * units + j];
            }
        }
        SparseImages sparse = SparseImages.of(pixels, 1, inputs);
        assertTrue(sparse.index().length < inputs / 3, "the zeros are left out");
        float[] out = new float[units];
        SparseProduct.accumulate(kernel, units, sparse.index(), sparse.value(), 0, sparse.index().length, out, 0, units);
        assertArrayEquals(dense, out);
    }
}
