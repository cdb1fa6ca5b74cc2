package org.mnistablation.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a PNG/JPEG as greyscale luminance in [0,1] (1 = white). Large images are decoded subsampled (the size is
 * read from the header first), so an 8000×8000 photo costs a few MB, not a few hundred.
 */
public final class ImageLoader {

    /** Longest side decoded; larger images are subsampled by an integer factor while decoding. */
    public static final int MAX_DECODED_SIDE = 2000;

    private ImageLoader() {
    }

    /** A greyscale image: {@code values[y*width + x]} in [0,1]. */
    public record Grey(int width, int height, float[] values) {

        public float at(int x, int y) {
            return values[y * width + x];
        }
    }

    public static Grey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DigitImageException(file + " does not exist (or is not a file)");
        }
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
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new DigitImageException(file + " has no pixels (" + w + "x" + h + ")");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil((double) Math.max(w, h) / MAX_DECODED_SIDE);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                return grey(reader.read(0, param));
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

    /** Luminance (Rec. 601) of every pixel; transparent pixels count as white paper. */
    public static Grey grey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] v = new float[w * h];
        boolean alpha = img.getColorModel().hasAlpha();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                float a = alpha ? ((argb >>> 24) & 0xff) / 255f : 1f;
                float lum = (0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff) + 0.114f * (argb & 0xff)) / 255f;
                v[y * w + x] = a * lum + (1 - a);
            }
        }
        return new Grey(w, h, v);
    }
}
