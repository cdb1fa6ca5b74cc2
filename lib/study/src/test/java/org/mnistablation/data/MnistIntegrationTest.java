package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.ExperimentConfig;
import org.mnistablation.train.History;
import org.mnistablation.train.Trainer;

/**
 * The real MNIST, read through the directory override ({@code MNIST_DIR}, or {@code shared/datasets/mnist} beside
 * the repository); skipped when neither is there.
 */
class MnistIntegrationTest {

    static Path dir;

    @BeforeAll
    static void find() {
        String env = System.getenv("MNIST_DIR");
        Path candidate = env != null ? Path.of(env) : Path.of("../../../shared/datasets/mnist").toAbsolutePath().normalize();
        dir = Files.isRegularFile(candidate.resolve(DatasetSpec.TRAIN_IMAGES)) ? candidate : null;
    }

    @Test
    void loadsTheStudySplitWithTheKnownLabels() {
        assumeTrue(dir != null, "no MNIST directory (set MNIST_DIR)");
        long t0 = System.nanoTime();
        StudySplit s = StudyData.load(DatasetSpec.MNIST, dir);
        double cold = (System.nanoTime() - t0) / 1e9;
        assertEquals(55_000, s.train().count());
        assertEquals(5_000, s.validation().count());
        assertEquals(10_000, s.test().count());
        assertArrayEquals(new int[]{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(s.train().labels(), 10));
        assertArrayEquals(new int[]{7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(s.test().labels(), 10));
        double sum = 0;
        for (float f : s.train().pixels()) {
            sum += f;
        }
        for (float f : s.validation().pixels()) {
            sum += f;
        }
        assertEquals(0.1307, sum / (60_000 * 784.0), 5e-4, "mean pixel of the training file");
        // warm: read the four files again, bypassing the in-memory cache (a benchmark figure, not an assertion)
        long t1 = System.nanoTime();
        IdxReader.read(dir.resolve(DatasetSpec.TRAIN_IMAGES), dir.resolve(DatasetSpec.TRAIN_LABELS), 28, 28, 10);
        IdxReader.read(dir.resolve(DatasetSpec.TEST_IMAGES), dir.resolve(DatasetSpec.TEST_LABELS), 28, 28, 10);
        System.out.printf("MNIST load: first %.2f s (incl. split and digest), warm re-read of all 70,000 images %.2f s%n",
                cold, (System.nanoTime() - t1) / 1e9);
    }

    /**
     * The baseline (Adam, batch 32, no dropout, 5 epochs) lands where Keras lands for it: validation accuracy about
     * 0.966–0.968 after epoch 1 with a running-mean training accuracy near 0.92, and 0.976–0.980 at epoch 5. The
     * bounds are a little wider than Keras's spread to allow for seed-to-seed noise.
     */
    @Test
    void baselineReproducesKeras() {
        assumeTrue(dir != null, "no MNIST directory (set MNIST_DIR)");
        StudySplit s = StudyData.load(DatasetSpec.MNIST, dir);
        History h = new Trainer().fit(ExperimentConfig.baseline(), s.train(), s.validation()).history();
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
