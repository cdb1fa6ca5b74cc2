package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.train.Evaluator;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Layer;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.TrainingInterruptedException;
import org.mnistablation.train.TrainingProgress;
import org.mnistablation.train.Weights;

class RunnerTest {

    @TempDir
    Path dir;

    static LabeledImages images(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
            for (int p = labels[i] * 70; p < labels[i] * 70 + 70; p++) {
                px[i * 784 + p] = 0.5f + r.nextFloat() * 0.5f;
            }
        }
        return new LabeledImages(px, labels, 28, 28);
    }

    static final StudySplit DATA = new StudySplit(images(80, 1), images(20, 2), images(30, 3), "synthetic-1");
    static final Mlp MLP = Mlp.baseline().withUnits(8).withEpochs(2).withBatchSize(16);
    static final RunConfig CONFIG = MLP.config();

    @Test
    void secondRequestComesFromTheCacheWithTheSameResult() {
        Runner runner = new Runner(new RunCache(dir), DATA);
        RunResult first = runner.run(CONFIG, TrainingProgress.NONE);
        assertFalse(first.fromCache());
        RunResult second = new Runner(new RunCache(dir), DATA).run(CONFIG, TrainingProgress.NONE);
        assertTrue(second.fromCache());
        assertEquals(first.history(), second.history());
        assertArrayEquals(first.parameters(), second.parameters());
        assertArrayEquals(first.test().predicted(), second.test().predicted());
        assertEquals(first.test().accuracy(), second.test().accuracy());
        // the restored network reproduces the stored test evaluation
        assertEquals(first.test().loss(), Evaluator.evaluate(second.buildNetwork(), CONFIG.model(), DATA.test()).loss(), 1e-6);
    }

    @Test
    void theInitialWeightsTrainingStartedFromAreTheOnesALoadedRunRebuilds() {
        RunResult trained = new Runner(new RunCache(dir), DATA).run(CONFIG, TrainingProgress.NONE);
        RunResult loaded = new Runner(new RunCache(dir), DATA).run(CONFIG, TrainingProgress.NONE);
        assertTrue(loaded.fromCache());
        assertArrayEquals(Weights.initial(CONFIG).flat(), trained.initialWeights().flat());
        assertArrayEquals(trained.initialWeights().flat(), loaded.initialWeights().flat());
        assertSame(loaded.initialWeights(), loaded.initialWeights(), "rebuilt once, then kept with the run");
    }

    @Test
    void hiddenKernelReadFromParametersMatchesTheNetwork() {
        RunResult r = new Runner(new RunCache(dir), DATA).run(CONFIG, TrainingProgress.NONE);
        float[][] fromNet = r.buildNetwork().getLayer(0).getParam("W").toFloatMatrix();
        float[][] fromParams = r.hiddenKernel();
        assertEquals(784, fromParams.length);
        for (int p = 0; p < 784; p += 37) {
            assertArrayEquals(fromNet[p], fromParams[p], "pixel " + p);
        }
    }

    @Test
    void keyDependsOnConfigSeedAndData() {
        String k = RunCache.key(CONFIG, "a");
        assertEquals(k, RunCache.key(CONFIG, "a"));
        assertNotEquals(k, RunCache.key(CONFIG.withSeed(7), "a"));
        assertNotEquals(k, RunCache.key(MLP.withDropout(0.1).config(), "a"));
        assertNotEquals(k, RunCache.key(MLP.withL2(1e-4).config(), "a"));
        assertNotEquals(k, RunCache.key(MLP.withActivation(Activation.GELU).config(), "a"));
        assertNotEquals(k, RunCache.key(MLP.withOptimizer(Optimizer.adamW().weightDecay(0.01)).config(), "a"));
        assertNotEquals(k, RunCache.key(CONFIG.withEpochs(3), "a"));
        assertNotEquals(k, RunCache.key(CONFIG.withBatchSize(8), "a"));
        assertNotEquals(k, RunCache.key(CONFIG.withEarlyStopping(EarlyStopping.create().patience(3)), "a"));
        assertNotEquals(RunCache.key(CONFIG.withEarlyStopping(EarlyStopping.create().patience(3)), "a"),
                RunCache.key(CONFIG.withEarlyStopping(EarlyStopping.create().patience(3).restoreBestWeights(true)), "a"));
        // an extra layer is another model
        java.util.List<Layer> deeper = new java.util.ArrayList<>(CONFIG.model().layers());
        deeper.add(2, new Dense(8, Activation.RELU));
        assertNotEquals(k, RunCache.key(CONFIG.withModel(new ModelDefinition(deeper, Optimizer.adam())), "a"));
        assertNotEquals(k, RunCache.key(CONFIG, "b"));
    }

    @Test
    void damagedEntryIsDetectedAndRetrained() throws IOException {
        RunCache cache = new RunCache(dir);
        Runner runner = new Runner(cache, DATA);
        RunResult first = runner.run(CONFIG, TrainingProgress.NONE);
        Path params = cache.entry(RunDefinition.of(CONFIG, DATA.identity())).resolve("parameters.f32");
        byte[] bytes = Files.readAllBytes(params);
        bytes[100] ^= 0x55;
        Files.write(params, bytes);
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA.identity())).isEmpty(), "a flipped byte must fail the checksum");
        RunResult again = runner.run(CONFIG, TrainingProgress.NONE);
        assertFalse(again.fromCache());
        assertArrayEquals(first.parameters(), again.parameters(), "retraining is deterministic");
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA.identity())).isPresent());

        // a truncated file (partial write) is caught too
        Path history = cache.entry(RunDefinition.of(CONFIG, DATA.identity())).resolve("history.tsv");
        Files.writeString(history, "# best_epoch=1\n");
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA.identity())).isEmpty());
    }

    @Test
    void anEntryIsReadOnceUntilItsFilesChange() throws IOException {
        RunCache cache = new RunCache(dir);
        new Runner(cache, DATA).run(CONFIG, TrainingProgress.NONE);
        RunDefinition d = RunDefinition.of(CONFIG, DATA.identity());
        RunResult first = cache.load(d).orElseThrow();
        assertSame(first, cache.load(d).orElseThrow(), "the second load reuses the first");
        Path history = cache.entry(d).resolve("history.tsv");
        Files.setLastModifiedTime(history, FileTime.fromMillis(Files.getLastModifiedTime(history).toMillis() - 5000));
        RunResult reread = cache.load(d).orElseThrow();
        assertNotSame(first, reread, "a changed file is read and verified again");
        assertArrayEquals(first.parameters(), reread.parameters());
    }

    @Test
    void interruptedRunLeavesNoEntry() throws Exception {
        RunCache cache = new RunCache(dir);
        Runner runner = new Runner(cache, DATA);
        TrainingProgress interruptAfterFirstBatch = new TrainingProgress() {
            @Override
            public void onBatch(int epoch, int step, int steps, double l, double a, double s) {
                Thread.currentThread().interrupt();
            }
        };
        assertThrows(TrainingInterruptedException.class, () -> runner.run(CONFIG, interruptAfterFirstBatch));
        Thread.interrupted();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> !p.getFileName().toString().equals(RunLock.DIR)).count(),
                    "no entry and no temporary directory (the lock files' folder aside)");
        }
    }

    @Test
    void leftOverTemporaryDirectoriesAreCleaned() throws IOException {
        Files.createDirectories(dir.resolve("abc.tmp-123"));
        Files.writeString(dir.resolve("abc.tmp-123").resolve("history.tsv"), "partial");
        new Runner(new RunCache(dir), DATA);
        assertFalse(Files.exists(dir.resolve("abc.tmp-123")));
    }

    @Test
    void entriesLoadByKeyWithTheirConfigurationAndTaskManifestsListThem() {
        RunCache cache = new RunCache(dir);
        Runner runner = new Runner(cache, DATA);
        RunResult a = runner.run(CONFIG, TrainingProgress.NONE);
        RunResult b = runner.run(CONFIG.withSeed(7), TrainingProgress.NONE);
        RunResult byKey = cache.load(RunCache.key(CONFIG, DATA.identity())).orElseThrow();
        assertEquals(CONFIG, byKey.config());
        assertEquals(DATA.identity(), byKey.dataIdentity());
        assertEquals(a.history(), byKey.history());

        TaskManifest.write(cache, "Task99_Test", java.util.List.of(new Setting("small model", java.util.List.of(a, b))));
        assertEquals(java.util.List.of("Task99_Test"), TaskManifest.tasks(cache));
        var read = TaskManifest.read(cache, "Task99_Test");
        assertEquals(java.util.List.of("small model"), read.labels());
        assertEquals(java.util.List.of(CONFIG, CONFIG.withSeed(7)),
                read.setting("small model").runs().stream().map(RunResult::config).toList());
    }
}
