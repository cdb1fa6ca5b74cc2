package org.mnistablation.train;

import org.mnistablation.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions from the data package's arrays to ND4J matrices. */
public final class Matrices {

    private Matrices() {
    }

    /** n×(rows·cols) float matrix of the images, row-major. */
    public static INDArray features(LabeledImages data) {
        return Nd4j.create(data.pixels(), new long[]{data.count(), data.pixelsPerImage()}, 'c');
    }

    /** n×classes one-hot float matrix of the labels. */
    public static INDArray oneHot(int[] labels, int classes) {
        float[] v = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            v[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(v, new long[]{labels.length, classes}, 'c');
    }
}
