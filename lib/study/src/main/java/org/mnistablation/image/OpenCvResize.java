package org.mnistablation.image;

/**
 * {@code cv2.resize(img, (w, h))} on an 8-bit single-channel image with its default {@code INTER_LINEAR}: every
 * output pixel is a bilinear sample of the source at {@code src = (dst + 0.5) · scale − 0.5} (scale = source size /
 * output size), the position clamped to the image at the borders, with no anti-aliasing — shrinking a large image
 * keeps only the samples that land near the output pixel centres. Arithmetic as OpenCV 4.6 does it on x86-64:
 * weights in 11-bit fixed point ({@code round(w · 2048)}), the horizontal pass in integers, the vertical pass in
 * OpenCV's SIMD form {@code (((h0 >> 4) · b0 >> 16) + ((h1 >> 4) · b1 >> 16) + 2) >> 2}, which is what Debian's
 * cv2 4.6 computes for every column of a 28-wide output (checked against it: bit-exact when shrinking; when
 * enlarging, border rows whose source row is clamped can come out one level off, as cv2 rounds those differently).
 * {@code OpenCvEquivalenceTest} measures the difference against the real cv2.
 */
public final class OpenCvResize {

    static final int COEF_BITS = 11;
    static final int COEF_SCALE = 1 << COEF_BITS;

    private OpenCvResize() {
    }

    /** Resizes {@code src} to {@code dw × dh} like {@code cv2.resize(src, (dw, dh))}. */
    public static CvGrey linear(CvGrey src, int dw, int dh) {
        int sw = src.width();
        int sh = src.height();
        int[] xofs = new int[dw];
        short[] xa = new short[2 * dw];
        taps(sw, dw, xofs, xa);
        int[] yofs = new int[dh];
        short[] ya = new short[2 * dh];
        taps(sh, dh, yofs, ya);
        byte[] out = new byte[dw * dh];
        int[] row0 = new int[dw];
        int[] row1 = new int[dw];
        for (int dy = 0; dy < dh; dy++) {
            int sy0 = yofs[dy];
            int sy1 = Math.min(sh - 1, sy0 + 1);
            horizontal(src, sy0, xofs, xa, row0);
            horizontal(src, sy1, xofs, xa, row1);
            int b0 = ya[2 * dy];
            int b1 = ya[2 * dy + 1];
            for (int dx = 0; dx < dw; dx++) {
                int t0 = (sat16(row0[dx] >> 4) * b0) >> 16;
                int t1 = (sat16(row1[dx] >> 4) * b1) >> 16;
                int v = (sat16(t0 + t1) + 2) >> 2;
                out[dy * dw + dx] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return new CvGrey(dw, dh, out);
    }

    private static int sat16(int v) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /** Source index and the two fixed-point weights of every output position along one axis. */
    static void taps(int ssize, int dsize, int[] ofs, short[] alpha) {
        double scale = 1.0 / ((double) dsize / ssize);
        for (int d = 0; d < dsize; d++) {
            float f = (float) ((d + 0.5) * scale - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            if (s < 0) {
                f = 0;
                s = 0;
            }
            if (s >= ssize - 1) {
                f = 0;
                s = ssize - 1;
            }
            ofs[d] = s;
            alpha[2 * d] = (short) Math.rint((1.f - f) * COEF_SCALE);
            alpha[2 * d + 1] = (short) Math.rint(f * COEF_SCALE);
        }
    }

    private static void horizontal(CvGrey src, int y, int[] xofs, short[] xa, int[] row) {
        int sw = src.width();
        for (int dx = 0; dx < row.length; dx++) {
            int sx = xofs[dx];
            int s1 = Math.min(sw - 1, sx + 1);
            row[dx] = src.at(sx, y) * xa[2 * dx] + src.at(s1, y) * xa[2 * dx + 1];
        }
    }
}
