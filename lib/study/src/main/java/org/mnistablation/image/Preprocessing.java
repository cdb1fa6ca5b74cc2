package org.mnistablation.image;

/**
 * The two ways of turning a photo or drawing into the model's 28×28 input (white ink on black, values in [0,1]).
 * <ul>
 *   <li>{@link #naive}: the seed's pipeline, bit for bit as OpenCV computes it — {@code cv2.imread(path,
 *       cv2.IMREAD_GRAYSCALE)}, {@code cv2.resize(img, (28, 28))} (bilinear, no anti-aliasing), {@code / 255}.</li>
 *   <li>{@link #mnistStyle}: what MNIST itself did — greyscale, invert when the background is light, stretch the
 *       contrast, crop to the ink, scale the longer side to 20 px, paste into 28×28 and shift the centre of mass to
 *       the centre. One step goes beyond MNIST: a stroke much thinner than MNIST's pen relative to the digit's
 *       size (a fine pen on a large photo, which would shrink to a faint hairline) is first thickened to about
 *       {@link #TARGET_STROKE} px of the 20-px box.</li>
 * </ul>
 */
public final class Preprocessing {

    public static final int SIDE = 28;
    public static final int INK_BOX = 20;
    /** After contrast stretching, pixels above this are ink. */
    static final float INK_THRESHOLD = 0.2f;
    /** Stroke width, in pixels of the 20-px box, that thin strokes are thickened to (MNIST's pen is about 2–3 px). */
    public static final double TARGET_STROKE = 2.0;

    private Preprocessing() {
    }

    /**
     * The seed's pipeline exactly: OpenCV's grey image ({@code cv2.imread(path, cv2.IMREAD_GRAYSCALE)}, see
     * {@link ImageLoader}) resized with {@code cv2.resize(img, (28, 28))} ({@link OpenCvResize}), then {@code / 255}.
     */
    public static float[] naive(CvGrey opencv) {
        return OpenCvResize.linear(opencv, SIDE, SIDE).unit();
    }

    /** MNIST-style preprocessing; throws {@link DigitImageException} for an image without ink. */
    public static float[] mnistStyle(ImageLoader.Grey g, String source) {
        return mnistSteps(g, source).result();
    }

    /**
     * Every intermediate image of MNIST-style preprocessing, in order, for display: the grey input; the paper
     * subtracted (inverted when the paper is light, so ink is bright); contrast-stretched (clipped, specks removed);
     * cropped to the ink; thickened (null when the pen is not thin); the longer side scaled to 20 px; the final
     * 28×28 centred by mass. Ink is 1 in every step but the first.
     */
    public record MnistSteps(ImageLoader.Grey grey, boolean lightPaper, ImageLoader.Grey inverted, ImageLoader.Grey stretched,
                             ImageLoader.Grey cropped, ImageLoader.Grey thickened, int thickenRadius, double strokeWidth,
                             ImageLoader.Grey scaled, float[] result) {
    }

    /** MNIST-style preprocessing with its steps; throws {@link DigitImageException} for an image without ink. */
    public static MnistSteps mnistSteps(ImageLoader.Grey g, String source) {
        int w = g.width();
        int h = g.height();
        boolean lightPaper = borderMedian(g) > 0.5f;
        float[] inverted = paperSubtracted(g, lightPaper);
        float[] ink = stretched(inverted, w, h);
        int[] box = inkBox(ink, w, h);
        if (box == null) {
            throw new DigitImageException("no ink found in " + source + ": the image is blank (one uniform colour); "
                    + "draw a digit with a clear contrast to the background");
        }
        ImageLoader.Grey cropped = crop(ink, w, box);
        double width = strokeWidth(ink, w, h);
        double target = TARGET_STROKE * Math.max(box[2] - box[0], box[3] - box[1]) / INK_BOX;
        int radius = (int) Math.round((target - width) / 2);
        float[] used = ink;
        ImageLoader.Grey thickened = null;
        if (radius >= 1) {
            used = dilate(ink, w, h, radius);
            box = inkBox(used, w, h);
            thickened = crop(used, w, box);
        } else {
            radius = 0;
        }
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        double scale = (double) INK_BOX / Math.max(bw, bh);
        int tw = Math.max(1, (int) Math.round(bw * scale));
        int th = Math.max(1, (int) Math.round(bh * scale));
        float[] small = resize(used, w, h, box[0], box[1], box[2], box[3], tw, th);
        float[] out = new float[SIDE * SIDE];
        int ox = (SIDE - tw) / 2;
        int oy = (SIDE - th) / 2;
        for (int y = 0; y < th; y++) {
            System.arraycopy(small, y * tw, out, (oy + y) * SIDE + ox, tw);
        }
        return new MnistSteps(g, lightPaper, new ImageLoader.Grey(w, h, inverted), new ImageLoader.Grey(w, h, ink), cropped,
                thickened, radius, width, new ImageLoader.Grey(tw, th, small), centreOfMassShift(out));
    }

    static ImageLoader.Grey crop(float[] img, int w, int[] box) {
        int cw = box[2] - box[0];
        int ch = box[3] - box[1];
        float[] c = new float[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(img, (box[1] + y) * w + box[0], c, y * cw, cw);
        }
        return new ImageLoader.Grey(cw, ch, c);
    }

    /** Ink brightness above the local paper level: {@code paper − grey} on light paper (inverted), else {@code grey − paper}. */
    static float[] paperSubtracted(ImageLoader.Grey g, boolean lightPaper) {
        float[] paper = paperLevel(g, lightPaper ? 0.8f : 0.2f);
        float[] v = new float[g.values().length];
        for (int i = 0; i < v.length; i++) {
            float x = lightPaper ? paper[i] - g.values()[i] : g.values()[i] - paper[i];
            v[i] = Math.max(0, x);
        }
        return v;
    }

    /** Divided by its maximum, values below {@link #INK_THRESHOLD} cleared, the rest stretched to [0,1]; specks removed. */
    static float[] stretched(float[] inverted, int w, int h) {
        float max = 0;
        for (float x : inverted) {
            max = Math.max(max, x);
        }
        float[] v = new float[inverted.length];
        if (max < 0.1f) {
            return v; // no contrast: treated as blank
        }
        for (int i = 0; i < v.length; i++) {
            float s = inverted[i] / max;
            v[i] = s < INK_THRESHOLD ? 0 : Math.min(1, (s - INK_THRESHOLD) / (0.6f - INK_THRESHOLD));
        }
        return removeSpecks(v, w, h);
    }

    /** Clears ink pixels with fewer than two inked 4-neighbours (sensor noise, dust), which would widen the crop. */
    static float[] removeSpecks(float[] ink, int w, int h) {
        float[] out = ink.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] <= 0) {
                    continue;
                }
                int n = (x > 0 && ink[y * w + x - 1] > 0 ? 1 : 0) + (x < w - 1 && ink[y * w + x + 1] > 0 ? 1 : 0)
                        + (y > 0 && ink[(y - 1) * w + x] > 0 ? 1 : 0) + (y < h - 1 && ink[(y + 1) * w + x] > 0 ? 1 : 0);
                if (n < 2) {
                    out[y * w + x] = 0;
                }
            }
        }
        return out;
    }

    /** Blocks per side used to estimate the paper's brightness. */
    static final int PAPER_BLOCKS = 8;

    /**
     * The paper's brightness at every pixel: a quantile of each of 8×8 blocks (the 80th percentile for light paper,
     * the 20th for dark, so a block stays paper even when a thick stroke covers most of it), interpolated bilinearly
     * between block centres.
     */
    static float[] paperLevel(ImageLoader.Grey g, float quantile) {
        int w = g.width();
        int h = g.height();
        int nb = Math.min(PAPER_BLOCKS, Math.min(w, h));
        float[][] med = new float[nb][nb];
        for (int by = 0; by < nb; by++) {
            for (int bx = 0; bx < nb; bx++) {
                int x0 = bx * w / nb;
                int x1 = Math.max(x0 + 1, (bx + 1) * w / nb);
                int y0 = by * h / nb;
                int y1 = Math.max(y0 + 1, (by + 1) * h / nb);
                float[] block = new float[(x1 - x0) * (y1 - y0)];
                int k = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        block[k++] = g.at(x, y);
                    }
                }
                java.util.Arrays.sort(block);
                med[by][bx] = block[Math.min(block.length - 1, (int) (quantile * block.length))];
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(nb - 1, (y + 0.5) * nb / h - 0.5));
            int y0 = (int) Math.floor(fy);
            int y1 = Math.min(nb - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(nb - 1, (x + 0.5) * nb / w - 0.5));
                int x0 = (int) Math.floor(fx);
                int x1 = Math.min(nb - 1, x0 + 1);
                double tx = fx - x0;
                out[y * w + x] = (float) ((1 - ty) * ((1 - tx) * med[y0][x0] + tx * med[y0][x1])
                        + ty * ((1 - tx) * med[y1][x0] + tx * med[y1][x1]));
            }
        }
        return out;
    }

    static float borderMedian(ImageLoader.Grey g) {
        int w = g.width();
        int h = g.height();
        float[] border = new float[2 * w + 2 * Math.max(0, h - 2)];
        int k = 0;
        for (int x = 0; x < w; x++) {
            border[k++] = g.at(x, 0);
            border[k++] = g.at(x, h - 1);
        }
        for (int y = 1; y < h - 1; y++) {
            border[k++] = g.at(0, y);
            border[k++] = g.at(w - 1, y);
        }
        java.util.Arrays.sort(border, 0, k);
        return border[k / 2];
    }

    /** [x0, y0, x1, y1) of the pixels with ink, or null. */
    static int[] inkBox(float[] ink, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] > 0) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new int[]{x0, y0, x1 + 1, y1 + 1};
    }

    /** Area-average resampling of the source rectangle [x0,x1)×[y0,y1) to tw×th. */
    static float[] resize(float[] src, int sw, int sh, int x0, int y0, int x1, int y1, int tw, int th) {
        float[] out = new float[tw * th];
        double fx = (double) (x1 - x0) / tw;
        double fy = (double) (y1 - y0) / th;
        for (int ty = 0; ty < th; ty++) {
            double sy0 = y0 + ty * fy;
            double sy1 = sy0 + fy;
            for (int tx = 0; tx < tw; tx++) {
                double sx0 = x0 + tx * fx;
                double sx1 = sx0 + fx;
                double sum = 0;
                double area = 0;
                for (int y = (int) Math.floor(sy0); y < Math.min(sh, (int) Math.ceil(sy1)); y++) {
                    double wy = Math.min(sy1, y + 1) - Math.max(sy0, y);
                    for (int x = (int) Math.floor(sx0); x < Math.min(sw, (int) Math.ceil(sx1)); x++) {
                        double wx = Math.min(sx1, x + 1) - Math.max(sx0, x);
                        sum += wx * wy * src[y * sw + x];
                        area += wx * wy;
                    }
                }
                out[ty * tw + tx] = area > 0 ? (float) (sum / area) : 0f;
            }
        }
        return out;
    }

    /**
     * Mean stroke width of the ink in pixels, estimated as 2·area / perimeter (a stroke of width w and length L has
     * area w·L and a boundary of about 2·L).
     */
    static double strokeWidth(float[] ink, int w, int h) {
        long area = 0;
        long boundary = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] <= 0) {
                    continue;
                }
                area++;
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1 || ink[y * w + x - 1] <= 0 || ink[y * w + x + 1] <= 0
                        || ink[(y - 1) * w + x] <= 0 || ink[(y + 1) * w + x] <= 0) {
                    boundary++;
                }
            }
        }
        return boundary == 0 ? 0 : 2.0 * area / boundary;
    }

    /** Grey-level dilation with a (2r+1)-square, as two separable running maxima. */
    static float[] dilate(float[] src, int w, int h, int radius) {
        float[] rows = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = 0;
                for (int xx = Math.max(0, x - radius); xx <= Math.min(w - 1, x + radius); xx++) {
                    m = Math.max(m, src[y * w + xx]);
                }
                rows[y * w + x] = m;
            }
        }
        float[] out = new float[src.length];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                float m = 0;
                for (int yy = Math.max(0, y - radius); yy <= Math.min(h - 1, y + radius); yy++) {
                    m = Math.max(m, rows[yy * w + x]);
                }
                out[y * w + x] = m;
            }
        }
        return out;
    }

    /** Shifts a 28×28 image by whole pixels so its centre of mass lands on the centre, as MNIST did. */
    static float[] centreOfMassShift(float[] img) {
        double[] c = centreOfMass(img);
        int dx = (int) Math.round((SIDE - 1) / 2.0 - c[0]);
        int dy = (int) Math.round((SIDE - 1) / 2.0 - c[1]);
        float[] out = new float[img.length];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx >= 0 && nx < SIDE && ny >= 0 && ny < SIDE) {
                    out[ny * SIDE + nx] = img[y * SIDE + x];
                }
            }
        }
        return out;
    }

    /** {x, y} centre of mass of a 28×28 image. */
    public static double[] centreOfMass(float[] img) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float v = img[y * SIDE + x];
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        }
        return sum == 0 ? new double[]{(SIDE - 1) / 2.0, (SIDE - 1) / 2.0} : new double[]{sx / sum, sy / sum};
    }
}
