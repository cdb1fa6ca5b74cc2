package org.mnistablation.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A tiny IDX writer for tests. Image {@code i}'s pixel at (r, c) is {@code (i + r + c) mod 256}; label {@code i}
 * is {@code i mod 10}.
 */
final class IdxFixtures {

    private IdxFixtures() {
    }

    static int pixel(int image, int row, int col) {
        return (image + row + col) % 256;
    }

    static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGE_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    b.put((byte) pixel(i, r, c));
                }
            }
        }
        return b.array();
    }

    static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxReader.LABEL_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    /** {@code idx} with its declared count (bytes 4..7) replaced. */
    static byte[] withCount(byte[] idx, int count) {
        byte[] b = idx.clone();
        ByteBuffer.wrap(b).putInt(4, count);
        return b;
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** A directory holding the four files, gzip-compressed, with {@code train} training and {@code test} test images. */
    static Path dataset(Path dir, int train, int test) throws IOException {
        return dataset(dir, train, test, true);
    }

    /** As {@link #dataset(Path, int, int)}; uncompressed files are named without {@code .gz}. */
    static Path dataset(Path dir, int train, int test, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        write(dir, DatasetSpec.TRAIN_IMAGES, images(train, 28, 28), gzip);
        write(dir, DatasetSpec.TRAIN_LABELS, labels(train), gzip);
        write(dir, DatasetSpec.TEST_IMAGES, images(test, 28, 28), gzip);
        write(dir, DatasetSpec.TEST_LABELS, labels(test), gzip);
        return dir;
    }

    private static void write(Path dir, String gzName, byte[] raw, boolean gzip) throws IOException {
        if (gzip) {
            Files.write(dir.resolve(gzName), gzip(raw));
        } else {
            Files.write(dir.resolve(gzName.substring(0, gzName.length() - 3)), raw);
        }
    }
}
