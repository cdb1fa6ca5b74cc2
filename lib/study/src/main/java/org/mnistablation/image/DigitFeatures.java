package org.mnistablation.image;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an image looks like to the seed's naive pipeline, measured in the pixels of its 28×28 output (the whole
 * canvas squeezed to 28×28): the paper's brightness in OpenCV's grey image, whether the digit is visible there at
 * all, and the ink's centre-of-mass offset, extent and stroke width (measured on the contrast-stretched ink image).
 */
public record DigitFeatures(boolean lightPaper, boolean inkOnlyInAlpha, double offsetPx, double extentPx, double strokePx) {

    /** The naive input's border median above mid-grey: light paper. */
    public static final int LIGHT_PAPER_LEVEL = 128;
    /** OpenCV's grey image spans fewer levels than this: the digit is invisible to the naive pipeline. */
    public static final int MIN_VISIBLE_RANGE = 26;
    /** Centre of mass further than this from the centre of the 28×28 (MNIST's is within about a pixel). */
    public static final double OFF_CENTRE_PX = 3.0;
    /** Longer side of the ink below this in the 28×28 (70% of MNIST's 20-px box). */
    public static final double SMALL_PX = 14.0;
    /** Stroke narrower than one output pixel: the resize samples one source pixel per output pixel step. */
    public static final double THIN_PX = 1.0;

    /** The deviations from an MNIST digit that these measurements show. */
    public Set<Deviation> deviations() {
        Set<Deviation> d = EnumSet.noneOf(Deviation.class);
        if (inkOnlyInAlpha) {
            d.add(Deviation.TRANSPARENCY);
        } else if (lightPaper) {
            d.add(Deviation.POLARITY);
        }
        if (offsetPx > OFF_CENTRE_PX) {
            d.add(Deviation.POSITION);
        }
        if (extentPx < SMALL_PX) {
            d.add(Deviation.SIZE);
        }
        if (strokePx < THIN_PX) {
            d.add(Deviation.STROKE);
        }
        return d;
    }

    /** "dark paper; ink 8.9 px from the centre, 11.2 px long, stroke 0.4 px" (pixels of the naive 28×28). */
    public String summary() {
        return String.format(Locale.ROOT, "%s; ink %.1f px from the centre, %.1f px long, stroke %.1f px",
                inkOnlyInAlpha ? "ink only in alpha" : lightPaper ? "light paper" : "dark paper", offsetPx, extentPx, strokePx);
    }

    /**
     * Measures an image: {@code opencv} is what the naive pipeline reads, {@code ink} the contrast-stretched ink image
     * (ink = 1) of size {@code w × h} covering the same canvas, {@code strokeWidth} its stroke width in its pixels.
     */
    public static DigitFeatures measure(CvGrey opencv, boolean transparent, float[] ink, int w, int h, double strokeWidth) {
        int min = 255;
        int max = 0;
        for (byte b : opencv.pixels()) {
            min = Math.min(min, b & 0xff);
            max = Math.max(max, b & 0xff);
        }
        boolean invisible = transparent && max - min < MIN_VISIBLE_RANGE;
        boolean light = borderMedian(opencv) >= LIGHT_PAPER_LEVEL;
        double sum = 0;
        double sx = 0;
        double sy = 0;
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = ink[y * w + x];
                if (v > 0) {
                    sum += v;
                    sx += v * (x + 0.5);
                    sy += v * (y + 0.5);
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (sum == 0) {
            return new DigitFeatures(light, invisible, 0, 0, 0);
        }
        int side = Preprocessing.SIDE;
        double dx = (sx / sum / w - 0.5) * side;
        double dy = (sy / sum / h - 0.5) * side;
        double extent = Math.max((x1 - x0 + 1) * (double) side / w, (y1 - y0 + 1) * (double) side / h);
        double stroke = strokeWidth * side / Math.max(w, h);
        return new DigitFeatures(light, invisible, Math.hypot(dx, dy), extent, stroke);
    }

    static int borderMedian(CvGrey g) {
        int w = g.width();
        int h = g.height();
        int[] hist = new int[256];
        int n = 0;
        for (int x = 0; x < w; x++) {
            hist[g.at(x, 0)]++;
            hist[g.at(x, h - 1)]++;
            n += 2;
        }
        for (int y = 1; y < h - 1; y++) {
            hist[g.at(0, y)]++;
            hist[g.at(w - 1, y)]++;
            n += 2;
        }
        int k = 0;
        for (int v = 0; v < 256; v++) {
            k += hist[v];
            if (k > n / 2) {
                return v;
            }
        }
        return 255;
    }
}
