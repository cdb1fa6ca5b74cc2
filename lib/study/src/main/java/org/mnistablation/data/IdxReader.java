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
 * count bytes (all integers big-endian). Everything is validated — magic number, image size, declared count
 * against the bytes actually present, label range — and every problem is a {@link DatasetException} naming the
 * file, what is wrong and what to do. Pixels come back as float32 in [0,1] (value / 255).
 *
 * <p>The data is streamed in 1 MB chunks straight into the result array (no per-byte stream calls, no second copy
 * of the file in memory).
 */
public final class IdxReader {

    public static final int IMAGE_MAGIC = 2051;
    public static final int LABEL_MAGIC = 2049;

    private static final int CHUNK = 1 << 20;
    /** Deflate expands at most ~1032:1; a gzip file declaring more than this many bytes per stored byte is cut. */
    private static final long MAX_GZIP_RATIO = 1100;
    private static final float[] SCALE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALE[v] = v / 255f;
        }
    }

    private IdxReader() {
    }

    /** Reads an image file and its label file as one set, checking that the counts agree. */
    public static LabeledImages read(Path images, Path labels, int rows, int cols, int classes) {
        float[] px = readImages(images, rows, cols);
        int[] l = readLabels(labels, classes);
        int count = px.length / (rows * cols);
        if (l.length != count) {
            throw new DatasetException(images + " holds " + count + " images but " + labels + " holds " + l.length
                    + " labels: the two files do not belong together. Use the image and label files of the same "
                    + "dataset and split (train-* with train-*, t10k-* with t10k-*).");
        }
        return new LabeledImages(px, l, rows, cols);
    }

    /** The pixels of an IDX image file of {@code rows}×{@code cols} images, scaled to [0,1], image after image. */
    public static float[] readImages(Path file, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("expected image size must be positive, got " + rows + "x" + cols);
        }
        return withStream(file, in -> {
            byte[] h = header(file, in, 16);
            int magic = intAt(h, 0);
            if (magic != IMAGE_MAGIC) {
                throw new DatasetException(file + " is not an IDX image file: magic number " + magic + ", expected "
                        + IMAGE_MAGIC + (magic == LABEL_MAGIC ? " (it is a label file: are two files swapped?)"
                        : " (is it an MNIST file at all?)") + ". Use the *-images-idx3-ubyte(.gz) file here.");
            }
            int count = intAt(h, 4);
            int r = intAt(h, 8);
            int c = intAt(h, 12);
            if (r != rows || c != cols) {
                throw new DatasetException(file + " holds " + r + "x" + c + " images; the study needs " + rows + "x"
                        + cols + ". Use the MNIST or Fashion-MNIST files (28x28), not another dataset.");
            }
            long n = checkedSize(file, count, (long) r * c, 16, "images of " + r + "x" + c);
            float[] px = new float[(int) n];
            byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(n, 1))];
            int done = 0;
            while (done < n) {
                int want = (int) Math.min(buf.length, n - done);
                int got = in.readNBytes(buf, 0, want);
                for (int i = 0; i < got; i++) {
                    px[done + i] = SCALE[buf[i] & 0xff];
                }
                done += got;
                if (got < want) {
                    throw truncated(file, count + " images of " + r + "x" + c, done / (r * c) + " images");
                }
            }
            requireEnd(file, in, count + " images");
            return px;
        });
    }

    /** The labels of an IDX label file, each checked to lie in 0..classes-1. */
    public static int[] readLabels(Path file, int classes) {
        return withStream(file, in -> {
            byte[] h = header(file, in, 8);
            int magic = intAt(h, 0);
            if (magic != LABEL_MAGIC) {
                throw new DatasetException(file + " is not an IDX label file: magic number " + magic + ", expected "
                        + LABEL_MAGIC + (magic == IMAGE_MAGIC ? " (it is an image file: are two files swapped?)"
                        : " (is it an MNIST file at all?)") + ". Use the *-labels-idx1-ubyte(.gz) file here.");
            }
            int count = intAt(h, 4);
            int n = (int) checkedSize(file, count, 1, 8, "labels");
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw truncated(file, count + " labels", b.length + " labels");
            }
            requireEnd(file, in, count + " labels");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int v = b[i] & 0xff;
                if (v >= classes) {
                    throw new DatasetException(file + ": label " + v + " at index " + i + " is outside 0.."
                            + (classes - 1) + ". The file is damaged or belongs to another dataset; replace it.");
                }
                labels[i] = v;
            }
            return labels;
        });
    }

    /** The decompressed bytes of {@code file} (gzip or raw), without checking the IDX structure. */
    public static byte[] readBytes(Path file) {
        return withStream(file, InputStream::readAllBytes);
    }

    /** Opens {@code file}, decompressing when it starts with the gzip magic bytes 1f 8b. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private interface StreamReader<T> {
        T read(InputStream in) throws IOException;
    }

    /** Runs {@code reader} on the opened file, turning every I/O failure into a message a student can act on. */
    private static <T> T withStream(Path file, StreamReader<T> reader) {
        if (!Files.exists(file)) {
            throw missing(file, null);
        }
        try (InputStream in = open(file)) {
            return reader.read(in);
        } catch (EOFException e) {
            throw new DatasetException(file + " is truncated (the gzip stream ends early: " + e.getMessage()
                    + "). Delete it and copy or download it again.", e);
        } catch (ZipException e) {
            throw new DatasetException(file + " is a damaged gzip file (" + e.getMessage() + "). Delete it and copy "
                    + "or download it again.", e);
        } catch (NoSuchFileException e) {
            throw missing(file, e);
        } catch (IOException e) {
            throw new DatasetException("could not read " + file + " (" + e + "). Check that it is a readable file.", e);
        }
    }

    private static DatasetException missing(Path file, Throwable cause) {
        return new DatasetException("missing file " + file + ". The directory must hold the four files "
                + String.join(", ", DatasetSpec.FILES) + " (gzip-compressed or not).", cause);
    }

    private static byte[] header(Path file, InputStream in, int size) throws IOException {
        byte[] h = in.readNBytes(size);
        if (h.length < size) {
            throw new DatasetException(file + " is too short to be an IDX file (" + h.length + " bytes, the header alone "
                    + "needs " + size + "). Delete it and copy or download it again.");
        }
        return h;
    }

    /**
     * The number of data bytes {@code count} records of {@code recordBytes} need, rejected when negative, too large
     * for a Java array or more than the file on disk could possibly hold (so a damaged header cannot make us
     * allocate gigabytes).
     */
    private static long checkedSize(Path file, int count, long recordBytes, int headerBytes, String what)
            throws IOException {
        long n = count * recordBytes;
        if (count < 0 || n > Integer.MAX_VALUE - 16) {
            throw new DatasetException(file + " declares " + Integer.toUnsignedString(count) + " " + what
                    + ", which no MNIST file holds: its header is damaged. Replace the file.");
        }
        long onDisk = Files.size(file);
        long limit = isGzip(file) ? onDisk * MAX_GZIP_RATIO : onDisk - headerBytes;
        if (n > limit) {
            throw truncated(file, count + " " + what, "a file of " + onDisk + " bytes that cannot hold them");
        }
        return n;
    }

    private static DatasetException truncated(Path file, String declared, String present) {
        return new DatasetException(file + " is truncated: it declares " + declared + " but holds only " + present
                + ". Delete it and copy or download it again.");
    }

    private static void requireEnd(Path file, InputStream in, String declared) throws IOException {
        if (in.read() != -1) {
            throw new DatasetException(file + " is longer than declared: after the " + declared + " its header "
                    + "announces, more data follows. The file is damaged or not an MNIST file; replace it.");
        }
    }

    private static int intAt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
