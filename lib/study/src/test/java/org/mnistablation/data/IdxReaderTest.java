package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    final byte[] images = IdxFixtures.images(12, 28, 28);
    final byte[] labels = IdxFixtures.labels(12);

    Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static DatasetException assertMessage(Executable call, String... parts) {
        DatasetException e = assertThrows(DatasetException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
        return e;
    }

    @Test
    void readsGzipAndRawAlikeWhateverTheName() throws Exception {
        // gzip content under a name without .gz and raw content under a .gz name: detection is by magic bytes
        Path gzImages = write("images-no-extension", IdxFixtures.gzip(images));
        Path rawImages = write("raw-images.gz", images);
        Path l = write("labels.gz", IdxFixtures.gzip(labels));
        LabeledImages a = IdxReader.read(gzImages, l, 28, 28, 10);
        LabeledImages b = IdxReader.read(rawImages, write("labels", labels), 28, 28, 10);
        assertEquals(12, a.count());
        assertEquals(28, a.rows());
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.labels(), b.labels());
        for (int i : new int[]{0, 3, 11}) {
            for (int r : new int[]{0, 5, 27}) {
                for (int c : new int[]{0, 2, 27}) {
                    assertEquals(IdxFixtures.pixel(i, r, c) / 255f, a.pixels()[i * 784 + r * 28 + c], 0f,
                            "image " + i + " pixel (" + r + "," + c + ")");
                }
            }
        }
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, a.labels());
    }

    @Test
    void pixelsAreScaledToTheUnitInterval() throws Exception {
        byte[] extremes = IdxFixtures.images(1, 28, 28);
        extremes[16] = 0;
        extremes[17] = (byte) 255;
        extremes[18] = (byte) 128;
        float[] px = IdxReader.readImages(write("x", extremes), 28, 28);
        assertEquals(0f, px[0]);
        assertEquals(1f, px[1]);
        assertEquals(128 / 255f, px[2]);
    }

    @Test
    void theExpectedImageSizeIsAParameter() throws Exception {
        float[] px = IdxReader.readImages(write("small", IdxFixtures.images(3, 20, 20)), 20, 20);
        assertEquals(3 * 400, px.length);
        assertMessage(() -> IdxReader.readImages(dir.resolve("small"), 28, 28), "small", "20x20", "28x28");
    }

    @Test
    void missingFile() {
        assertMessage(() -> IdxReader.read(dir.resolve("missing.gz"), dir.resolve("l"), 28, 28, 10),
                "missing file", "missing.gz", DatasetSpec.TRAIN_IMAGES);
    }

    @Test
    void truncatedRawAndGzipFiles() throws Exception {
        Path l = write("labels", labels);
        assertMessage(() -> IdxReader.read(write("cut-raw", Arrays.copyOf(images, images.length - 100)), l, 28, 28, 10),
                "cut-raw", "truncated", "12 images");
        byte[] gz = IdxFixtures.gzip(images);
        assertMessage(() -> IdxReader.read(write("cut.gz", Arrays.copyOf(gz, gz.length / 2)), l, 28, 28, 10),
                "cut.gz", "truncated", "download it again");
        // complete gzip stream whose content is short of the declared count
        byte[] shortContent = Arrays.copyOf(images, 16 + 5 * 784);
        assertMessage(() -> IdxReader.read(write("short.gz", IdxFixtures.gzip(shortContent)), l, 28, 28, 10),
                "short.gz", "truncated", "declares 12 images", "5 images");
        assertMessage(() -> IdxReader.readLabels(write("cut-labels", Arrays.copyOf(labels, 13)), 10),
                "cut-labels", "truncated", "12 labels");
        assertMessage(() -> IdxReader.read(write("tiny", new byte[]{1, 2, 3}), l, 28, 28, 10), "tiny", "too short");
    }

    @Test
    void aHugeDeclaredCountIsReportedNotAllocated() throws Exception {
        Path l = write("labels", labels);
        assertMessage(() -> IdxReader.read(write("huge.gz", IdxFixtures.gzip(IdxFixtures.withCount(images, 2_000_000))),
                l, 28, 28, 10), "huge.gz", "truncated", "2000000 images");
        assertMessage(() -> IdxReader.read(write("negative", IdxFixtures.withCount(images, -1)), l, 28, 28, 10),
                "negative", "header is damaged");
    }

    @Test
    void extraBytesAfterTheDeclaredRecords() throws Exception {
        byte[] longer = Arrays.copyOf(images, images.length + 784);
        assertMessage(() -> IdxReader.readImages(write("longer.gz", IdxFixtures.gzip(longer)), 28, 28),
                "longer.gz", "longer than declared");
        assertMessage(() -> IdxReader.readImages(write("longer", longer), 28, 28), "longer");
    }

    @Test
    void corruptGzipGetsAClearMessageNotARawZipException() throws Exception {
        byte[] corrupt = IdxFixtures.gzip(images);
        for (int i = 20; i < 60; i++) {
            corrupt[i] = (byte) 0xAB;
        }
        DatasetException e = assertMessage(() -> IdxReader.readImages(write("bad.gz", corrupt), 28, 28),
                "bad.gz", "damaged gzip", "download it again");
        assertTrue(e.getCause() instanceof ZipException, "cause kept for debugging");
        // a flipped byte in the trailer's CRC
        byte[] badCrc = IdxFixtures.gzip(images);
        badCrc[badCrc.length - 6] ^= 0x55;
        assertMessage(() -> IdxReader.readImages(write("crc.gz", badCrc), 28, 28), "crc.gz", "damaged gzip");
    }

    @Test
    void wrongMagicNumbers() throws Exception {
        Path l = write("labels", labels);
        Path i = write("images", images);
        assertMessage(() -> IdxReader.read(l, l, 28, 28, 10), "labels", "not an IDX image file", "2049", "swapped");
        assertMessage(() -> IdxReader.read(i, i, 28, 28, 10), "not an IDX label file", "2051", "swapped");
        byte[] other = images.clone();
        other[3] = 0x01;
        assertMessage(() -> IdxReader.readImages(write("other", other), 28, 28), "other", "magic number 2049");
        byte[] junk = "this is not an IDX file at all".getBytes();
        assertMessage(() -> IdxReader.readImages(write("junk", junk), 28, 28), "junk", "not an IDX image file");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        assertMessage(() -> IdxReader.read(write("i", images), write("l11", IdxFixtures.labels(11)), 28, 28, 10),
                "12 images", "11 labels", "do not belong together");
    }

    @Test
    void labelsOutsideTheClasses() throws Exception {
        byte[] l = labels.clone();
        l[8 + 5] = 10;
        assertMessage(() -> IdxReader.read(write("i", images), write("l10", l), 28, 28, 10),
                "l10", "label 10", "index 5", "0..9");
    }

    @Test
    void readBytesDecompressesWithoutInterpreting() throws Exception {
        assertArrayEquals(images, IdxReader.readBytes(write("i.gz", IdxFixtures.gzip(images))));
        assertArrayEquals(images, IdxReader.readBytes(write("i", images)));
        assertFalse(Files.exists(dir.resolve("nothing")));
        assertMessage(() -> IdxReader.readBytes(dir.resolve("nothing")), "missing file");
    }
}
