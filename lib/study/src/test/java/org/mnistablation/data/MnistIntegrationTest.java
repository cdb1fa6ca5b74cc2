package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.mnistablation.settings.StudySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mnistablation.train.EpochStats;
import org.mnistablation.model.Mlp;
import org.mnistablation.train.History;
import org.mnistablation.train.Trainer;

/**
 * The real datasets, read through the directory override: MNIST from {@code MNIST_DIR} or {@code shared/datasets/mnist}
 * beside the repository (passed as {@code -Dmnist.dir}), Fashion-MNIST from Debian's {@code dataset-fashion-mnist};
 * each test is skipped when its files are absent.
 */
class MnistIntegrationTest {

    /** The shared MNIST directory: {@code ../../../shared/datasets/mnist} seen from {@code lib/study}. */
    static final Path SHARED = Path.of("../../../shared/datasets/mnist").toAbsolutePath().normalize();
    /**
     * Identities of the shared MNIST copy and Debian's Fashion-MNIST: the run cache (runs/) is keyed on them, so a
     * change to the reader or the digest that altered them would silently orphan every cached run.
     */
    static final String SHARED_MNIST_IDENTITY = "mnist-ab5054066116e9c4";
    static final String DEBIAN_FASHION_IDENTITY = "fashion-mnist-690247983c2b69e5";

    static Path dir;

    @BeforeAll
    static void find() {
        String env = System.getenv("MNIST_DIR");
        Path candidate = env != null ? Path.of(env).toAbsolutePath().normalize() : SHARED;
        dir = Files.isRegularFile(DatasetSpec.resolve(candidate, DatasetSpec.TRAIN_IMAGES)) ? candidate : null;
    }

    static StudySplit loadMnist() {
        String before = System.getProperty("mnist.dir");
        System.setProperty("mnist.dir", dir.toString());
        try {
            return StudyData.load("mnist", StudySettings.fromEnvironment());
        } finally {
            restore("mnist.dir", before);
        }
    }

    static double meanPixel(LabeledImages... sets) {
        double sum = 0;
        long n = 0;
        for (LabeledImages s : sets) {
            for (float f : s.pixels()) {
                sum += f;
            }
            n += s.pixels().length;
        }
        return sum / n;
    }

    @Test
    void loadsTheMnistStudySplitWithTheKnownLabels() {
        assumeTrue(dir != null, "no MNIST directory (set MNIST_DIR)");
        StudySplit s = loadMnist();
        assertEquals(55_000, s.train().count());
        assertEquals(5_000, s.validation().count());
        assertEquals(10_000, s.test().count());
        assertEquals(28, s.train().rows());
        assertEquals(28, s.train().cols());
        assertArrayEquals(new int[]{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(s.train().labels(), 10));
        assertArrayEquals(new int[]{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(s.test().labels(), 10));
        assertEquals(0.1307, meanPixel(s.train(), s.validation()), 5e-4, "mean pixel of the training file");
        assertTrue(s.identity().matches("mnist-[0-9a-f]{16}"), s.identity());
        if (dir.equals(SHARED)) {
            assertEquals(SHARED_MNIST_IDENTITY, s.identity());
        }
        assertTrue(loadMnist() == s, "the second load comes from the in-memory cache");

        // benchmark figures, not assertions: the files read again, bypassing the in-memory cache
        long t0 = System.nanoTime();
        StudyData.split(new DatasetLocator.Location(DatasetSpec.MNIST, dir, "timing"), StudyData.TRAIN);
        double split = (System.nanoTime() - t0) / 1e9;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t1 = System.nanoTime();
            IdxReader.read(DatasetSpec.resolve(dir, DatasetSpec.TRAIN_IMAGES), DatasetSpec.resolve(dir, DatasetSpec.TRAIN_LABELS), 28, 28, 10);
            IdxReader.read(DatasetSpec.resolve(dir, DatasetSpec.TEST_IMAGES), DatasetSpec.resolve(dir, DatasetSpec.TEST_LABELS), 28, 28, 10);
            best = Math.min(best, (System.nanoTime() - t1) / 1e9);
        }
        System.out.printf("MNIST load: read, split and digest %.2f s; warm read of all 70,000 images %.2f s (best of 3)%n",
                split, best);
    }

    @Test
    void provenanceSaysTheSharedTrainingFileIsNotTheCanonicalDownload() {
        assumeTrue(dir != null, "no MNIST directory (set MNIST_DIR)");
        String before = System.getProperty("mnist.dir");
        System.setProperty("mnist.dir", dir.toString());
        try {
            String notes = StudyData.provenance("mnist", StudySettings.fromEnvironment());
            System.out.println(notes);
            assertTrue(notes.contains("MNIST_DIR / -Dmnist.dir") && notes.contains(dir.toString()), notes);
            for (String f : DatasetSpec.FILES) {
                assertTrue(notes.contains(f + ": "), notes);
            }
            if (dir.equals(SHARED)) {
                assertTrue(notes.contains(DatasetSpec.TRAIN_IMAGES + ": MD5 ") && notes.contains(
                        "differs from the canonical f68b3c2dcbeaaa9fbdd348bbdeb94873"), notes);
            }
        } finally {
            restore("mnist.dir", before);
        }
    }

    static void restore(String property, String before) {
        if (before == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, before);
        }
    }

    @Test
    void loadsFashionMnistFromDebiansDirectory() {
        Path debian = Path.of(DatasetSpec.FASHION_MNIST.systemDirs().get(0));
        assumeTrue(Files.isRegularFile(debian.resolve(DatasetSpec.TRAIN_IMAGES)), "dataset-fashion-mnist not installed");
        assumeTrue(StudySettings.fromEnvironment().data("fashion.mnist").dir() == null, "FASHION_MNIST_DIR set");
        StudySplit s = StudyData.load("fashion-mnist", StudySettings.defaults());
        assertEquals(55_000, s.train().count());
        assertEquals(5_000, s.validation().count());
        assertEquals(10_000, s.test().count());
        assertArrayEquals(new int[]{9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(s.train().labels(), 10));
        assertArrayEquals(new int[]{9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(s.test().labels(), 10));
        assertEquals(0.2860, meanPixel(s.train(), s.validation()), 5e-4, "mean pixel of Fashion-MNIST's training file");
        assertEquals(DEBIAN_FASHION_IDENTITY, s.identity());
        String notes = StudyData.provenance("fashion-mnist", StudySettings.defaults());
        System.out.println(notes);
        assertTrue(notes.contains("system directory") && notes.contains(debian.toString()), notes);
    }

    /**
     * The baseline (Adam, batch 32, no dropout, 5 epochs) lands where Keras lands for it: validation accuracy about
     * 0.966–0.968 after epoch 1 with a running-mean training accuracy near 0.92, and 0.976–0.980 at epoch 5. The
     * bounds are a little wider than Keras's spread to allow for seed-to-seed noise.
     */
    @Test
    void baselineReproducesKeras() {
        assumeTrue(dir != null, "no MNIST directory (set MNIST_DIR)");
        StudySplit s = loadMnist();
        History h = new Trainer().fit(Mlp.baseline().config(), s.train(), s.validation()).history();
        for (EpochStats e : h.epochs()) {
            System.out.printf("epoch %d: loss %.4f accuracy %.4f val_loss %.4f val_accuracy %.4f (%.1f s)%n",
                    e.epoch(), e.loss(), e.accuracy(), e.valLoss(), e.valAccuracy(), e.seconds());
        }
        EpochStats first = h.epochs().get(0);
        assertTrue(first.valAccuracy() > 0.960 && first.valAccuracy() < 0.974, "epoch 1 val_accuracy " + first.valAccuracy());
        assertTrue(first.accuracy() > 0.90 && first.accuracy() < 0.94, "epoch 1 running train accuracy " + first.accuracy());
        assertTrue(h.last().valAccuracy() > 0.973 && h.last().valAccuracy() < 0.983, "epoch 5 val_accuracy " + h.last().valAccuracy());
    }
}
