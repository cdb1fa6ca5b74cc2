package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsGzipAndRawAlikeWithPixelsScaled() throws Exception {
        Path gzImages = write("i.gz", IdxFixtures.gzip(IdxFixtures.images(12, 28, 28)));
        Path rawImages = write("i.raw", IdxFixtures.images(12, 28, 28));
        Path labels = write("l", IdxFixtures.labels(12));
        LabeledImages a = IdxReader.read(gzImages, labels, 28, 28, 10);
        LabeledImages b = IdxReader.read(rawImages, labels, 28, 28, 10);
        assertEquals(12, a.count());
        assertArrayEquals(a.pixels(), b.pixels());
        assertEquals(5 / 255f, a.pixels()[3 * 784 + 2], 1e-7, "image 3, row 0, col 2 holds 3+0+2");
        assertEquals(2, a.labels()[12 - 10]);
        for (float f : a.pixels()) {
            assertTrue(f >= 0 && f <= 1);
        }
    }

    @Test
    void everyDamagedFileGetsAMessageNamingFileAndProblem() throws Exception {
        Path labels = write("labels", IdxFixtures.labels(12));
        byte[] images = IdxFixtures.images(12, 28, 28);

        Path truncated = write("truncated", Arrays.copyOf(images, images.length - 100));
        assertMessage(() -> IdxReader.read(truncated, labels, 28, 28, 10), "truncated", "truncated");

        byte[] gz = IdxFixtures.gzip(images);
        Path cutGz = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertMessage(() -> IdxReader.read(cutGz, labels, 28, 28, 10), "cut.gz", "truncated");

        byte[] corrupt = gz.clone();
        for (int i = 20; i < 60; i++) {
            corrupt[i] = (byte) 0xAB;
        }
        Path badGz = write("bad.gz", corrupt);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(badGz, labels, 28, 28, 10));
        assertTrue(e.getMessage().contains("bad.gz"), e.getMessage());

        assertMessage(() -> IdxReader.read(labels, labels, 28, 28, 10), "labels", "label file");
        assertMessage(() -> IdxReader.read(write("small", IdxFixtures.images(12, 20, 20)), labels, 28, 28, 10), "20x20", "28x28");
        assertMessage(() -> IdxReader.read(write("i", images), write("l11", IdxFixtures.labels(11)), 28, 28, 10),
                "12 images", "11 labels");
        byte[] l = IdxFixtures.labels(12);
        l[8 + 5] = 10;
        assertMessage(() -> IdxReader.read(write("i2", images), write("l10", l), 28, 28, 10), "label 10", "index 5");
        assertMessage(() -> IdxReader.read(dir.resolve("missing.gz"), labels, 28, 28, 10), "missing", "missing.gz");
        assertMessage(() -> IdxReader.read(write("tiny", new byte[]{1, 2, 3}), labels, 28, 28, 10), "tiny", "too short");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        DatasetException e = assertThrows(DatasetException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void studySplitTakesTheLastTrainingImagesForValidation() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("ds"), StudyData.TRAIN + 7, 9);
        StudySplit s = StudyData.load(DatasetSpec.MNIST, d);
        assertEquals(StudyData.TRAIN, s.train().count());
        assertEquals(7, s.validation().count());
        assertEquals(9, s.test().count());
        assertEquals((StudyData.TRAIN) % 10, s.validation().labels()[0], "validation starts at training index 55,000");
        assertTrue(s.identity().startsWith("mnist-"));
        StudySplit q = s.subset(100, 5, 3);
        assertEquals(100, q.train().count());
        assertTrue(!q.identity().equals(s.identity()), "a subset has its own identity");
        assertTrue(StudyData.load(DatasetSpec.MNIST, d) == s, "loaded once per directory");
    }

    @Test
    void aTrainingFileTooSmallForTheSplitIsRejected() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("small"), 100, 10);
        DatasetException e = assertThrows(DatasetException.class, () -> StudyData.load(DatasetSpec.MNIST, d));
        assertTrue(e.getMessage().contains("55000"), e.getMessage());
    }
}
