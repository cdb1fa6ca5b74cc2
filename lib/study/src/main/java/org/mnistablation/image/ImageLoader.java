package org.mnistablation.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads a PNG or JPEG twice over, in one decode:
 * <ul>
 *   <li>{@link Decoded#opencv()}: the 8-bit grey image {@code cv2.imread(path, cv2.IMREAD_GRAYSCALE)} returns
 *       (OpenCV 4.6 with libpng 1.6 and libjpeg-turbo, as in Debian 12). PNG: alpha dropped (the colour under a
 *       transparent pixel is what counts), colour converted by libpng's {@code png_set_rgb_to_gray(0.299, 0.587)}:
 *       {@code (9797 R + 19234 G + 3737 B) >> 15} for 8-bit samples, rounded {@code (… + 16384) >> 15} for 16-bit
 *       ones and then the high byte kept, and through libpng's 8-bit gamma tables when the file carries a gAMA or
 *       sRGB chunk; palettes expanded, 1/2/4-bit grey scaled to 0..255. JPEG: the luma (Y) plane as libjpeg
 *       decodes it, turned upright by the EXIF orientation as {@code imread} does.</li>
 *   <li>{@link Decoded#composite()}: luminance in [0,1] for MNIST-style preprocessing, with transparent pixels
 *       composited over a background that contrasts with the ink (so a paint-app drawing on a transparent canvas
 *       keeps its digit). Images with a side above {@link #MAX_DECODED_SIDE} are subsampled here.</li>
 * </ul>
 * Files that cannot be used (not an image, truncated, CMYK JPEG) throw {@link DigitImageException} naming the file.
 */
public final class ImageLoader {

    /** Longest side of the composite image; larger images are subsampled by an integer factor. */
    public static final int MAX_DECODED_SIDE = 2000;
    /** Images with more pixels are decoded subsampled for both pipelines (the naive one is then approximate). */
    public static final long MAX_FULL_PIXELS = 120_000_000L;

    private ImageLoader() {
    }

    /** A greyscale image: {@code values[y*width + x]} in [0,1]. */
    public record Grey(int width, int height, float[] values) {

        public float at(int x, int y) {
            return values[y * width + x];
        }
    }

    /**
     * One decoded file: OpenCV's grey image, the composited luminance, whether some pixels are transparent, the EXIF
     * orientation applied (1 = none) and notes for the reader (e.g. approximations).
     */
    public record Decoded(CvGrey opencv, Grey composite, boolean transparent, int orientation, List<String> notes) {
    }

    /** The composited luminance (MNIST-style input) of a file. */
    public static Grey read(Path file) {
        return decode(file).composite();
    }

    public static Decoded decode(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DigitImageException(file + " does not exist (or is not a file)");
        }
        String name = file.getFileName().toString();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DigitImageException("cannot open " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DigitImageException(file + " is not an image Java can read (use PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new DigitImageException(file + " has no pixels (" + w + "x" + h + ")");
                }
                List<String> notes = new ArrayList<>();
                ImageReadParam param = reader.getDefaultReadParam();
                int sub = 1;
                if ((long) w * h > MAX_FULL_PIXELS) {
                    sub = (int) Math.ceil(Math.sqrt((double) w * h / MAX_FULL_PIXELS));
                    param.setSourceSubsampling(sub, sub, 0, 0);
                    notes.add(name + " has " + w + "x" + h + " pixels: decoded at 1/" + sub
                            + " of its size, so its naive 28x28 approximates OpenCV's");
                }
                if (format.equals("jpeg") || format.equals("jpg")) {
                    return jpeg(file, reader, param, notes);
                }
                int gamma = format.equals("png") ? pngGamma(reader.getImageMetadata(0)) : 0;
                BufferedImage img = reader.read(0, param);
                return fromPixels(img, gamma, 1, notes);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DigitImageException d) {
                throw d;
            }
            throw new DigitImageException(file + " could not be decoded as an image (" + e.getMessage() + ")", e);
        }
    }

    /** JPEG: libjpeg's luma plane (no colour conversion), upright by EXIF. CMYK/YCCK files are refused by name. */
    private static Decoded jpeg(Path file, ImageReader reader, ImageReadParam param, List<String> notes) throws IOException {
        Raster r = reader.readRaster(0, param);
        int bands = r.getNumBands();
        if (bands == 4) {
            throw new DigitImageException(file.getFileName() + " is a CMYK JPEG (4 colour channels, as printing software "
                    + "saves them), which Java's JPEG reader does not convert: save it as an RGB JPEG or a PNG");
        }
        if (bands != 1 && bands != 3) {
            throw new DigitImageException(file.getFileName() + " is a JPEG with " + bands + " channels: save it as an RGB JPEG or a PNG");
        }
        int orientation = Exif.jpegOrientation(file);
        int sw = r.getWidth();
        int sh = r.getHeight();
        int[] y = r.getSamples(0, 0, sw, sh, 0, (int[]) null); // Y of YCbCr, or the grey plane
        int ow = Exif.swapsSides(orientation) ? sh : sw;
        int oh = Exif.swapsSides(orientation) ? sw : sh;
        byte[] cv = new byte[ow * oh];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                cv[oy * ow + ox] = (byte) y[Exif.source(orientation, ox, oy, sw, sh)];
            }
        }
        if (orientation != 1) {
            notes.add(file.getFileName() + ": turned upright by its EXIF orientation " + orientation + ", as OpenCV's imread does");
        }
        CvGrey grey = new CvGrey(ow, oh, cv);
        int step = Math.max(1, (int) Math.ceil((double) Math.max(ow, oh) / MAX_DECODED_SIDE));
        int cw = (ow + step - 1) / step;
        int ch = (oh + step - 1) / step;
        float[] comp = new float[cw * ch];
        for (int yy = 0; yy < ch; yy++) {
            for (int xx = 0; xx < cw; xx++) {
                comp[yy * cw + xx] = grey.at(xx * step, yy * step) / 255f;
            }
        }
        return new Decoded(grey, new Grey(cw, ch, comp), false, orientation, List.copyOf(notes));
    }

    /** PNG file gamma ×100000 as libpng would use it (sRGB implies 45455); 0 when the file gives none. */
    static int pngGamma(IIOMetadata meta) {
        if (meta == null) {
            return 0;
        }
        try {
            Node root = meta.getAsTree("javax_imageio_png_1.0");
            int gamma = 0;
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("sRGB")) {
                    return 45455;
                }
                if (n.getNodeName().equals("gAMA")) {
                    gamma = Integer.parseInt(((IIOMetadataNode) n).getAttribute("value"));
                }
            }
            return gamma;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** OpenCV's grey and the composite from a decoded (non-JPEG) image's raw samples. */
    static Decoded fromPixels(BufferedImage img, int pngGamma, int orientation, List<String> notes) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        IndexColorModel palette = cm instanceof IndexColorModel icm ? icm : null;
        int bands = r.getNumBands();
        int bits = r.getSampleModel().getSampleSize(0);
        boolean colour = palette != null || bands >= 3;
        boolean alpha = palette != null ? palette.hasAlpha() : (bands == 2 || bands == 4);
        int max = palette != null ? 255 : (1 << bits) - 1;
        // 1/2/4-bit grey is expanded to 0..255 as libpng's png_set_expand_gray_1_2_4_to_8 does
        int expand = palette == null && bits < 8 ? 255 / max : 1;
        if (expand > 1) {
            max = 255;
            bits = 8;
        }
        Gamma gamma = colour && bits <= 8 && significant(pngGamma) ? new Gamma(pngGamma) : null;
        if (colour && bits > 8 && significant(pngGamma)) {
            notes.add("16-bit colour PNG with a gamma chunk: libpng's 16-bit gamma tables are approximated with exact powers");
        }
        byte[] cv = new byte[w * h];
        float[] lum = new float[w * h];
        float[] a = alpha ? new float[w * h] : null;
        int[] px = new int[w * bands];
        long transparent = 0;
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, px);
            if (expand > 1) {
                for (int k = 0; k < px.length; k++) {
                    px[k] *= expand;
                }
            }
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int red;
                int green;
                int blue;
                int al;
                if (palette != null) {
                    int idx = px[x];
                    red = palette.getRed(idx);
                    green = palette.getGreen(idx);
                    blue = palette.getBlue(idx);
                    al = palette.getAlpha(idx);
                } else if (bands >= 3) {
                    red = px[x * bands];
                    green = px[x * bands + 1];
                    blue = px[x * bands + 2];
                    al = bands == 4 ? px[x * bands + 3] : max;
                } else {
                    red = green = blue = px[x * bands];
                    al = bands == 2 ? px[x * bands + 1] : max;
                }
                cv[i] = (byte) opencvGrey(red, green, blue, bits, max, gamma, pngGamma);
                lum[i] = (0.299f * red + 0.587f * green + 0.114f * blue) / max;
                if (a != null) {
                    a[i] = (float) al / max;
                    if (a[i] < 0.5f) {
                        transparent++;
                    }
                }
            }
        }
        float[] comp = lum;
        if (a != null && transparent > 0) {
            comp = composite(lum, a);
        }
        int step = Math.max(1, (int) Math.ceil((double) Math.max(w, h) / MAX_DECODED_SIDE));
        Grey g;
        if (step == 1) {
            g = new Grey(w, h, comp);
        } else {
            int cw = (w + step - 1) / step;
            int ch = (h + step - 1) / step;
            float[] s = new float[cw * ch];
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    s[y * cw + x] = comp[y * step * w + x * step];
                }
            }
            g = new Grey(cw, ch, s);
        }
        return new Decoded(new CvGrey(w, h, cv), g, transparent > 0, orientation, List.copyOf(notes));
    }

    /**
     * Transparent pixels over a background that contrasts with the ink: the alpha-weighted mean luminance of the
     * opaque pixels decides (light ink → black background, dark ink → white).
     */
    static float[] composite(float[] lum, float[] a) {
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < lum.length; i++) {
            sum += a[i] * lum[i];
            weight += a[i];
        }
        float background = weight > 0 && sum / weight > 0.5 ? 0f : 1f;
        float[] out = new float[lum.length];
        for (int i = 0; i < lum.length; i++) {
            out[i] = a[i] * lum[i] + (1 - a[i]) * background;
        }
        return out;
    }

    static boolean significant(int gamma) {
        return gamma > 0 && (gamma < 95000 || gamma > 105000);
    }

    /** libpng's rgb_to_gray as OpenCV configures it. */
    static int opencvGrey(int r, int g, int b, int bits, int max, Gamma gamma, int pngGamma) {
        if (r == g && g == b) {
            return bits > 8 ? r >> 8 : r;
        }
        if (bits > 8) {
            int grey16;
            if (significant(pngGamma)) {
                double e = 100000.0 / pngGamma;
                double lin = (9797 * Math.pow(r / 65535.0, e) + 19234 * Math.pow(g / 65535.0, e) + 3737 * Math.pow(b / 65535.0, e)) / 32768;
                grey16 = (int) Math.round(65535 * Math.pow(lin, 1 / e));
            } else {
                grey16 = (int) ((9797L * r + 19234L * g + 3737L * b + 16384) >> 15);
            }
            return Math.min(65535, grey16) >> 8;
        }
        if (gamma != null) {
            return gamma.fromLinear[(9797 * gamma.toLinear[r] + 19234 * gamma.toLinear[g] + 3737 * gamma.toLinear[b] + 16384) >> 15];
        }
        return (9797 * r + 19234 * g + 3737 * b) >> 15;
    }

    /** libpng's 8-bit gamma_to_1 and gamma_from_1 tables for a file gamma (×100000) and no screen gamma set. */
    static final class Gamma {
        final int[] toLinear;
        final int[] fromLinear;

        Gamma(int fileGamma) {
            int screen = reciprocal(fileGamma);
            toLinear = table(reciprocal(fileGamma));
            fromLinear = table(reciprocal(screen));
        }

        static int reciprocal(int a) {
            return (int) Math.floor(1e10 / a + 0.5);
        }

        static int[] table(int gamma) {
            int[] t = new int[256];
            for (int i = 0; i < 256; i++) {
                t[i] = i > 0 && i < 255 && significant(gamma) ? (int) Math.floor(255 * Math.pow(i / 255.0, gamma * 0.00001) + 0.5) : i;
            }
            return t;
        }
    }
}
