package org.mnistablation.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests: images whose pixel (r, c) of image i is (i + r + c) mod 256. */
final class IdxFixtures {

    private IdxFixtures() {
    }

    static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGE_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    b.put((byte) ((i + r + c) % 256));
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

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** A directory holding the four files, gzip-compressed, with {@code train} training and {@code test} test images. */
    static Path dataset(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(DatasetSpec.TRAIN_IMAGES), gzip(images(train, 28, 28)));
        Files.write(dir.resolve(DatasetSpec.TRAIN_LABELS), gzip(labels(train)));
        Files.write(dir.resolve(DatasetSpec.TEST_IMAGES), gzip(images(test, 28, 28)));
        Files.write(dir.resolve(DatasetSpec.TEST_LABELS), gzip(labels(test)));
        return dir;
    }
}
