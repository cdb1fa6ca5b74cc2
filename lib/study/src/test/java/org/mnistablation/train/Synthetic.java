package org.mnistablation.train;

import java.util.Random;
import org.mnistablation.data.LabeledImages;

/** Small learnable fake "digits" for training tests: class k lights up pixel block k, plus noise. */
final class Synthetic {

    private Synthetic() {
    }

    static LabeledImages images(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(10);
            labels[i] = label;
            for (int p = 0; p < 784; p++) {
                float v = r.nextFloat() * 0.3f;
                px[i * 784 + p] = v < 0.2f ? 0f : v; // two thirds of the background exactly zero, as in MNIST
            }
            for (int p = label * 70; p < label * 70 + 70; p++) {
                px[i * 784 + p] = 0.7f + r.nextFloat() * 0.3f;
            }
        }
        return new LabeledImages(px, labels, 28, 28);
    }
}
