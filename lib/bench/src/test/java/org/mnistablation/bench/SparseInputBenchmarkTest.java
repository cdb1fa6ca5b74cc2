package org.mnistablation.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparseInputBenchmarkTest {

    @Test
    void theSparseStepComputesTheDenseProductsOfTheFirstLayer() {
        int units = 2;
        float[] pixels = new float[2 * 784];
        pixels[3] = 0.5f;          // image 0: pixels 3 and 700
        pixels[700] = 1f;
        pixels[784 + 3] = 0.25f;   // image 1: pixel 3
        SparseInputBenchmark.SparseImages sparse = SparseInputBenchmark.SparseImages.of(pixels, 2);
        assertArrayEquals(new int[]{0, 2, 3}, sparse.start());
        assertArrayEquals(new int[]{3, 700, 3}, sparse.index());

        float[] wt = new float[784 * units]; // pixel-major: wt[k * units + j]
        wt[3 * units] = 2f;
        wt[3 * units + 1] = -1f;
        wt[700 * units + 1] = 4f;
        float[] dz = {1f, 2f, 3f, 4f};       // rows × units
        float[] zs = new float[2 * units];
        float[] gs = new float[784 * units];
        gs[5 * units] = 9f;                  // a pixel no image lights keeps its old value (only lit ones are cleared)

        long nonZero = SparseInputBenchmark.sparseStep(sparse, new int[]{1, 0}, 0, 2, units, wt, dz, zs, gs);

        assertEquals(3, nonZero);
        // row 0 is image 1 (0.25 at pixel 3), row 1 is image 0 (0.5 at pixel 3, 1 at pixel 700)
        assertArrayEquals(new float[]{0.5f, -0.25f, 1f, -0.5f + 4f}, zs);
        // gradient at pixel 3: 0.25·dz[row 0] + 0.5·dz[row 1]; at pixel 700: 1·dz[row 1]
        assertArrayEquals(new float[]{0.25f + 1.5f, 0.5f + 2f}, new float[]{gs[3 * units], gs[3 * units + 1]});
        assertArrayEquals(new float[]{3f, 4f}, new float[]{gs[700 * units], gs[700 * units + 1]});
        assertEquals(9f, gs[5 * units]);
    }
}
