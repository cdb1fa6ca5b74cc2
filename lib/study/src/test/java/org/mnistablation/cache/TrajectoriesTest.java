package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.TrainingProgress;

/**
 * The run cache records each trajectory's epochs: a run of another length or early stopping takes them instead of
 * training them, and its stored result is the one an empty cache trains.
 */
class TrajectoriesTest {

    @TempDir
    Path dir;
    @TempDir
    Path empty;

    static final Mlp MLP = Mlp.baseline().withUnits(8).withBatchSize(16);

    /** Counts the minibatches trained. */
    static final class Steps implements TrainingProgress {
        final AtomicInteger steps = new AtomicInteger();

        @Override
        public void onBatch(int epoch, int step, int steps, double l, double a, double s) {
            this.steps.incrementAndGet();
        }
    }

    private static int stepsPerEpoch() {
        return (RunnerTest.DATA.train().count() + 15) / 16;
    }

    private RunResult run(Path cache, RunConfig config, Steps steps, List<String> warnings) {
        return new Runner(new RunCache(cache, RunCache.FileWriter.DEFAULT, warnings::add), RunnerTest.DATA)
                .run(config, RunnerTest.DATA.train(), RunnerTest.DATA.validation(), steps, 1);
    }

    private static void assertSameResult(RunResult expected, RunResult actual) {
        assertArrayEquals(expected.parameters(), actual.parameters());
        assertEquals(expected.history().epochsRun(), actual.history().epochsRun());
        assertEquals(expected.history().bestEpoch(), actual.history().bestEpoch());
        assertEquals(expected.history().restoredBest(), actual.history().restoredBest());
        assertEquals(expected.test().loss(), actual.test().loss());
        assertArrayEquals(expected.test().probabilities(), actual.test().probabilities());
    }

    @Test
    void runsOfOneTrajectoryTrainEachEpochOnce() {
        List<String> warnings = new ArrayList<>();
        Steps steps = new Steps();
        run(dir, MLP.withEpochs(3).config(), steps, warnings);
        assertEquals(3 * stepsPerEpoch(), steps.steps.getAndSet(0));

        RunConfig shorter = MLP.withEpochs(2).withEarlyStopping(EarlyStopping.create().patience(1)
                .restoreBestWeights(true)).config();
        RunResult derived = run(dir, shorter, steps, warnings);
        assertEquals(0, steps.steps.getAndSet(0), "two recorded epochs: nothing to train");
        RunResult longer = run(dir, MLP.withEpochs(5).config(), steps, warnings);
        assertEquals(2 * stepsPerEpoch(), steps.steps.getAndSet(0), "epochs 4 and 5 only");
        assertEquals(List.of(), warnings);

        Steps fresh = new Steps();
        assertSameResult(run(empty, shorter, fresh, warnings), derived);
        assertSameResult(run(empty.resolve("other"), MLP.withEpochs(5).config(), fresh, warnings), longer);
        assertFalse(derived.fromCache());
        assertTrue(run(dir, shorter, steps, warnings).fromCache(), "the derived run is an entry of its own");
    }

    @Test
    void runsOfOneTrajectoryRequestedAtOnceTrainItsEpochsOnce() {
        // two worker threads, one run each: whichever takes the trajectory first trains, the other takes its epochs
        List<String> warnings = new ArrayList<>();
        Steps steps = new Steps();
        Runner runner = new Runner(new RunCache(dir, RunCache.FileWriter.DEFAULT, warnings::add), RunnerTest.DATA);
        List<RunResult> both = runner.runAll(List.of(MLP.withEpochs(2).config(), MLP.withEpochs(3).config()), 2,
                c -> steps, () -> { });
        assertEquals(3 * stepsPerEpoch(), steps.steps.get(), "3 epochs trained for runs of 2 and 3 epochs");
        assertSameResult(run(empty, MLP.withEpochs(2).config(), new Steps(), warnings), both.get(0));
        assertSameResult(run(empty.resolve("other"), MLP.withEpochs(3).config(), new Steps(), warnings), both.get(1));
        assertEquals(List.of(), warnings);
    }

    @Test
    void anotherSeedIsAnotherTrajectory() {
        List<String> warnings = new ArrayList<>();
        Steps steps = new Steps();
        run(dir, MLP.withEpochs(2).config(), steps, warnings);
        steps.steps.set(0);
        run(dir, MLP.withEpochs(1).withSeed(7).config(), steps, warnings);
        assertEquals(stepsPerEpoch(), steps.steps.get());
    }

    @Test
    void aDamagedEpochIsRemovedAndARunEndingOnItTrainsAgain() throws IOException {
        List<String> warnings = new ArrayList<>();
        Steps steps = new Steps();
        run(dir, MLP.withEpochs(3).config(), steps, warnings);
        damage("epoch-002.f32");
        steps.steps.set(0);
        RunResult shorter = run(dir, MLP.withEpochs(2).config(), steps, warnings);
        assertEquals(2 * stepsPerEpoch(), steps.steps.get(), "the epoch it ends on is unusable: it trains");
        assertEquals(1, warnings.size(), "the damage is reported: " + warnings);
        assertSameResult(run(empty, MLP.withEpochs(2).config(), new Steps(), warnings), shorter);
    }

    @Test
    void aDamagedCheckpointIsRemovedAndItsEpochsTrainAgain() throws IOException {
        List<String> warnings = new ArrayList<>();
        Steps steps = new Steps();
        run(dir, MLP.withEpochs(2).config(), steps, warnings);
        damage("checkpoint.bin");
        steps.steps.set(0);
        RunResult longer = run(dir, MLP.withEpochs(3).config(), steps, warnings);
        assertEquals(3 * stepsPerEpoch(), steps.steps.get(), "no usable checkpoint: every epoch trains");
        assertEquals(1, warnings.size(), "the damage is reported: " + warnings);
        assertSameResult(run(empty, MLP.withEpochs(3).config(), new Steps(), warnings), longer);
    }

    /** Flips one bit in the middle of the recorded trajectory file named {@code name}. */
    private void damage(String name) throws IOException {
        Path file;
        try (var files = Files.walk(dir.resolve(Trajectories.DIR))) {
            file = files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
    }
}
