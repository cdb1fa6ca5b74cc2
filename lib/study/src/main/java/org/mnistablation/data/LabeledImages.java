package org.mnistablation.data;

import java.util.Arrays;

/**
 * A set of greyscale images with their labels, pixels scaled to [0,1] and stored row-major,
 * one image after the other ({@code count * rows * cols} floats).
 */
public record LabeledImages(float[] pixels, int[] labels, int rows, int cols) {

    public LabeledImages {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + rows + "x" + cols);
        }
        if (pixels.length != labels.length * rows * cols) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " values but " + labels.length
                    + " images of " + rows + "x" + cols + " need " + (labels.length * rows * cols));
        }
    }

    public int count() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    /** A copy of image {@code i}'s pixels. */
    public float[] image(int i) {
        int n = pixelsPerImage();
        return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /** The first {@code n} images (all of them when there are fewer) as a new set, like Python's {@code x[:n]}. */
    public LabeledImages take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("take needs a count >= 0, got " + n);
        }
        return slice(0, Math.min(n, count()));
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as a new set. */
    public LabeledImages slice(int from, int to) {
        if (from < 0 || to > count() || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside 0.." + count());
        }
        int n = pixelsPerImage();
        return new LabeledImages(Arrays.copyOfRange(pixels, from * n, to * n),
                Arrays.copyOfRange(labels, from, to), rows, cols);
    }
}
