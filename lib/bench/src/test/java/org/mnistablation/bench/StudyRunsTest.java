package org.mnistablation.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.cache.RunDefinition;
import org.mnistablation.model.RunConfig;

class StudyRunsTest {

    @TempDir
    Path cache;

    private void entry(String name, int batch, String history) throws IOException {
        entry(name, new RunConfig(StudyArithmeticTest.small(), 20, batch, null, 42), history);
    }

    private void entry(String name, RunConfig config, String history) throws IOException {
        Path dir = Files.createDirectories(cache.resolve(name));
        Files.writeString(dir.resolve("run.json"), RunDefinition.of(config, "mnist-x").json());
        Files.writeString(dir.resolve("history.tsv"), history);
    }

    @Test
    void readsEpochsRunAndTheirSecondsAndSkipsWhatItCannotRead() throws IOException {
        entry("a", 32, "# best_epoch=2 stopped_early=true restored_best=true\n"
                + "epoch\tloss\taccuracy\tval_loss\tval_accuracy\tseconds\n"
                + "1\t0.3\t0.9\t0.2\t0.95\t0.5\n2\t0.2\t0.95\t0.1\t0.96\t0.75\n");
        entry("b", 8, "epoch\tloss\n1\t0.3\n"); // no seconds column
        Files.createDirectories(cache.resolve("locks"));

        StudyRuns.Listing listing = StudyRuns.read(cache);

        assertEquals(1, listing.runs().size());
        StudyArithmetic.Run run = listing.runs().get(0);
        assertEquals(32, run.batchSize());
        assertEquals(2, run.epochs());
        assertEquals(1.25, run.seconds());
        assertEquals(1, listing.skipped().size());
        assertTrue(listing.skipped().get(0).startsWith("b: "), listing.skipped().get(0));
    }

    private static String history(int epochs) {
        StringBuilder h = new StringBuilder("epoch\tseconds\n");
        for (int e = 1; e <= epochs; e++) {
            h.append(e).append("\t1.0\n");
        }
        return h.toString();
    }

    @Test
    void runsSharingATrajectoryCountItsEpochsOnce() throws IOException {
        entry("five", new RunConfig(StudyArithmeticTest.small(), 5, 32, null, 42), history(5));
        entry("twenty", new RunConfig(StudyArithmeticTest.small(), 20, 32, null, 42), history(20));
        entry("ten", new RunConfig(StudyArithmeticTest.small(), 10, 32, null, 42), history(10));
        entry("other seed", new RunConfig(StudyArithmeticTest.small(), 5, 32, null, 43), history(5));

        List<StudyArithmetic.Run> runs = StudyRuns.read(cache).runs();

        assertEquals(List.of(20, 5), runs.stream().map(StudyArithmetic.Run::epochs).sorted((a, b) -> b - a).toList());
        assertEquals(25.0, runs.stream().mapToDouble(StudyArithmetic.Run::seconds).sum());
    }

    @Test
    void aMissingCacheHasNoRuns() throws IOException {
        assertTrue(StudyRuns.read(cache.resolve("absent")).runs().isEmpty());
    }

    @Test
    void theSecondsColumnIsFoundByName() {
        assertArrayEquals(new double[]{2.5}, StudyRuns.epochSeconds(List.of("# x", "seconds\tepoch", "2.5\t1")));
    }
}
