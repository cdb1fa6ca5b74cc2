package org.mnistablation.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), gzip-compressed or raw (told apart by the gzip magic bytes, not the name).
 * Images: magic 2051, count, rows, cols, then count·rows·cols unsigned bytes; labels: magic 2049, count, then
 * count bytes. Everything is validated; pixels come back as float32 in [0,1] (value / 255).
 */
public final class IdxReader {

    public static final int IMAGE_MAGIC = 2051;
    public static final int LABEL_MAGIC = 2049;

    private IdxReader() {
    }

    /** The decompressed bytes of {@code file}. */
    public static byte[] readBytes(Path file) {
        if (!Files.exists(file)) {
            throw new DatasetException("missing file " + file + ": the four MNIST files must be in that directory "
                    + "(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                    + "t10k-labels-idx1-ubyte.gz)");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                    return in.readAllBytes();
                }
            }
            return raw.readAllBytes();
        } catch (EOFException e) {
            throw new DatasetException(file + " is truncated (the gzip stream ends early); delete it and copy or "
                    + "download it again", e);
        } catch (ZipException e) {
            throw new DatasetException(file + " is not a valid gzip file (" + e.getMessage() + "); delete it and copy "
                    + "or download it again", e);
        } catch (NoSuchFileException e) {
            throw new DatasetException("missing file " + file, e);
        } catch (IOException e) {
            throw new DatasetException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Images of {@code file}, checked to be {@code rows}×{@code cols}; labels are attached later. */
    public static float[] readImages(Path file, int rows, int cols, int[] countOut) {
        byte[] b = readBytes(file);
        header(file, b, 16);
        int magic = intAt(b, 0);
        if (magic != IMAGE_MAGIC) {
            throw new DatasetException(file + " is not an IDX image file: magic number " + magic + ", expected "
                    + IMAGE_MAGIC + (magic == LABEL_MAGIC ? " (this is a label file; are two files swapped?)" : ""));
        }
        int count = intAt(b, 4);
        int r = intAt(b, 8);
        int c = intAt(b, 12);
        if (r != rows || c != cols) {
            throw new DatasetException(file + " holds " + r + "x" + c + " images; the study needs " + rows + "x" + cols);
        }
        long expected = 16L + (long) count * r * c;
        if (count < 0 || b.length != expected) {
            throw new DatasetException(file + " declares " + count + " images of " + r + "x" + c + " (" + expected
                    + " bytes) but has " + b.length + " bytes: the file is " + (b.length < expected ? "truncated" : "longer than declared")
                    + "; replace it");
        }
        float[] px = new float[count * r * c];
        for (int i = 0; i < px.length; i++) {
            px[i] = (b[16 + i] & 0xff) / 255f;
        }
        countOut[0] = count;
        return px;
    }

    public static int[] readLabels(Path file, int classes) {
        byte[] b = readBytes(file);
        header(file, b, 8);
        int magic = intAt(b, 0);
        if (magic != LABEL_MAGIC) {
            throw new DatasetException(file + " is not an IDX label file: magic number " + magic + ", expected "
                    + LABEL_MAGIC + (magic == IMAGE_MAGIC ? " (this is an image file; are two files swapped?)" : ""));
        }
        int count = intAt(b, 4);
        if (count < 0 || b.length != 8L + count) {
            throw new DatasetException(file + " declares " + count + " labels but holds " + (b.length - 8)
                    + "; the file is damaged, replace it");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int v = b[8 + i] & 0xff;
            if (v >= classes) {
                throw new DatasetException(file + ": label " + v + " at index " + i + " is outside 0.." + (classes - 1));
            }
            labels[i] = v;
        }
        return labels;
    }

    /** Reads an image file and its label file as one set, checking that the counts agree. */
    public static LabeledImages read(Path images, Path labels, int rows, int cols, int classes) {
        int[] count = new int[1];
        float[] px = readImages(images, rows, cols, count);
        int[] l = readLabels(labels, classes);
        if (l.length != count[0]) {
            throw new DatasetException(images.getFileName() + " holds " + count[0] + " images but "
                    + labels.getFileName() + " holds " + l.length + " labels; the two files do not belong together");
        }
        return new LabeledImages(px, l, rows, cols);
    }

    private static void header(Path file, byte[] b, int size) {
        if (b.length < size) {
            throw new DatasetException(file + " is too short to be an IDX file (" + b.length + " bytes)");
        }
    }

    private static int intAt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
