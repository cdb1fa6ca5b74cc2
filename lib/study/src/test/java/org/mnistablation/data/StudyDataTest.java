package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyDataTest {

    @TempDir
    Path dir;

    @Test
    void splitTakesTheLastTrainingImagesForValidation() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("ds"), StudyData.TRAIN + 7, 9);
        StudySplit s = StudyData.load(DatasetSpec.MNIST, d);
        assertEquals(StudyData.TRAIN, s.train().count());
        assertEquals(7, s.validation().count());
        assertEquals(9, s.test().count());
        assertEquals(StudyData.TRAIN % 10, s.validation().labels()[0], "validation starts at training index 55,000");
        assertEquals(IdxFixtures.pixel(StudyData.TRAIN, 0, 3) / 255f, s.validation().pixels()[3], 0f);
        assertEquals(IdxFixtures.pixel(StudyData.TRAIN - 1, 0, 3) / 255f,
                s.train().pixels()[(StudyData.TRAIN - 1) * 784 + 3], 0f, "train ends at index 54,999");
        assertTrue(s.identity().matches("mnist-[0-9a-f]{16}"), s.identity());
        assertEquals("train 55000x28x28, validation 7x28x28, test 9x28x28", s.shapes());
        assertSame(s, StudyData.load(DatasetSpec.MNIST, d), "loaded once per directory (in-memory cache)");
    }

    static StudySplit small(Path d) {
        return StudyData.split(new DatasetLocator.Location(DatasetSpec.MNIST, d, "test"), 10);
    }

    @Test
    void identityFollowsTheContent() throws Exception {
        String ia = small(IdxFixtures.dataset(dir.resolve("a"), 13, 4)).identity();
        assertTrue(ia.matches("mnist-[0-9a-f]{16}"), ia);
        assertEquals(ia, small(IdxFixtures.dataset(dir.resolve("b"), 13, 4)).identity(), "same content, same identity");
        assertEquals(ia, small(IdxFixtures.dataset(dir.resolve("raw"), 13, 4, false)).identity(),
                "uncompressed files, same identity");
        assertNotEquals(ia, small(IdxFixtures.dataset(dir.resolve("c"), 13, 5)).identity());
    }

    @Test
    void digestIsSha256OfBigEndianPixelsThenLabels() throws Exception {
        LabeledImages x = new LabeledImages(new float[]{0f, 0.5f, 1f, 0.25f}, new int[]{3}, 2, 2);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20);
        b.putFloat(0f).putFloat(0.5f).putFloat(1f).putFloat(0.25f).putInt(3);
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(b.array())).substring(0, 16);
        assertEquals(expected, StudyData.digest(x), "the byte layout run-cache keys depend on");
    }

    @Test
    void subsetTakesTheFirstImagesAndChangesTheIdentity() throws Exception {
        StudySplit s = StudyData.split(new DatasetLocator.Location(DatasetSpec.MNIST,
                IdxFixtures.dataset(dir.resolve("s"), 200 + 20, 30), "test"), 200);
        StudySplit q = s.subset(100, 5, 3);
        assertEquals(100, q.train().count());
        assertEquals(5, q.validation().count());
        assertEquals(3, q.test().count());
        assertArrayEquals(s.train().image(99), q.train().image(99));
        assertEquals(s.identity() + "-subset-100-5-3", q.identity());
        assertNotEquals(q.identity(), s.subset(100, 5, 4).identity());
        assertEquals(s.identity() + "-subset-200-20-30", s.subset(1000, 1000, 1000).identity(),
                "counts beyond a part keep the part, and the identity says what was taken");
        assertThrows(IllegalArgumentException.class, () -> s.subset(0, 5, 3));
    }

    @Test
    void aTrainingFileTooSmallForTheSplitIsRejected() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("small"), 100, 10);
        DatasetException e = assertThrows(DatasetException.class, () -> StudyData.load(DatasetSpec.MNIST, d));
        assertTrue(e.getMessage().contains("55000") && e.getMessage().contains("60,000"), e.getMessage());
    }

    @Test
    void splitPartsMustShareAnImageSize() {
        LabeledImages a = new LabeledImages(new float[784], new int[1], 28, 28);
        LabeledImages b = new LabeledImages(new float[400], new int[1], 20, 20);
        assertThrows(IllegalArgumentException.class, () -> new StudySplit(a, a, b, "x"));
        assertThrows(IllegalArgumentException.class, () -> new StudySplit(a, a, a, " "));
    }

    @Test
    void provenanceOfAUserDirectorySaysWhichFilesAreCanonical() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("p"), 3, 2);
        // pretend the two label files are the canonical ones: give the spec their MD5s
        String trainLabelsMd5 = DatasetLocator.md5(d.resolve(DatasetSpec.TRAIN_LABELS));
        DatasetSpec spec = new DatasetSpec("fixture", "fixture.prov", List.of(), List.of(),
                java.util.Map.of(DatasetSpec.TRAIN_LABELS, trainLabelsMd5,
                        DatasetSpec.TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873"));
        Files.delete(d.resolve(DatasetSpec.TEST_IMAGES));
        Files.write(d.resolve("t10k-images-idx3-ubyte"), IdxFixtures.images(2, 28, 28));
        String notes = new DatasetLocator.Location(spec, d, "test directory").provenance();
        assertTrue(notes.contains("test directory"), notes);
        assertTrue(notes.contains(DatasetSpec.TRAIN_LABELS + ": MD5 " + trainLabelsMd5 + " matches the canonical"), notes);
        assertTrue(notes.contains(DatasetSpec.TRAIN_IMAGES + ": MD5 ") && notes.contains("differs from the canonical "
                + "f68b3c2dcbeaaa9fbdd348bbdeb94873"), notes);
        assertTrue(notes.contains("t10k-images-idx3-ubyte: uncompressed copy"), notes);
        assertTrue(notes.contains(DatasetSpec.TEST_LABELS + ": no canonical checksum known"), notes);
    }
}
