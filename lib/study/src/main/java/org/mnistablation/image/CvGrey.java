package org.mnistablation.image;

/**
 * An 8-bit greyscale image as {@code cv2.imread(path, cv2.IMREAD_GRAYSCALE)} returns it: {@code pixels[y*width + x]}
 * holds 0..255 (read with {@code & 0xff}).
 */
public record CvGrey(int width, int height, byte[] pixels) {

    public CvGrey {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + width * height
                    + " pixels, got " + pixels.length);
        }
    }

    public int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /** The pixels divided by 255, as the seed's {@code / 255}. */
    public float[] unit() {
        float[] v = new float[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (pixels[i] & 0xff) / 255f;
        }
        return v;
    }
}
