package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;
import org.mnistablation.train.TrainingProgress;

/**
 * Two kernels that fit the same model at once (two notebooks executed concurrently) must not train a run twice: the
 * run being trained elsewhere is skipped (one worker) or waited for (several), then loaded from the cache. The other
 * kernel is played here by the test thread holding the entry's lock, as another process would.
 */
class RunLockTest {

    @TempDir
    Path dir;

    private static final List<RunConfig> CONFIGS = List.of(RunnerTest.MLP.withEpochs(1).withSeed(1).config(),
            RunnerTest.MLP.withEpochs(1).withSeed(2).config());

    @Test
    void aRunLockedElsewhereIsSkippedThenLoadedWithOneWorker() throws Exception {
        lockedRunIsNotTrainedHere(1);
    }

    @Test
    void aRunLockedElsewhereIsWaitedForThenLoadedWithTwoWorkers() throws Exception {
        lockedRunIsNotTrainedHere(2);
    }

    private void lockedRunIsNotTrainedHere(int workers) throws Exception {
        RunCache cache = new RunCache(dir.resolve("shared"));
        String key = RunCache.key(CONFIGS.get(0), RunnerTest.DATA.identity());
        // what the other kernel will store: the same run, trained in a cache of its own
        RunResult elsewhere = new Runner(new RunCache(dir.resolve("other")), RunnerTest.DATA)
                .run(CONFIGS.get(0), TrainingProgress.NONE);
        List<Long> started = Collections.synchronizedList(new ArrayList<>());
        RunLock held = RunLock.tryAcquire(cache.root(), key).orElseThrow();
        CompletableFuture<List<RunResult>> here;
        try {
            assertTrue(RunLock.tryAcquire(cache.root(), key).isEmpty(), "a held lock is taken for everyone else");
            Runner runner = new Runner(cache, RunnerTest.DATA);
            here = CompletableFuture.supplyAsync(() -> runner.runAll(CONFIGS, workers, c -> new TrainingProgress() {
                @Override
                public void onStart(RunConfig config, int steps, Engine.Choice engine) {
                    started.add(config.seed());
                }
            }, () -> { }));
            Path second = cache.entry(RunDefinition.of(CONFIGS.get(1), RunnerTest.DATA.identity()));
            for (int i = 0; i < 600 && !Files.isDirectory(second); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.isDirectory(second), "the free run trains while the other is locked");
            Thread.sleep(300); // time for a wrong implementation to start the locked run
            assertFalse(here.isDone(), "the locked run is waited for");
            assertEquals(List.of(2L), started, "only the free run has started");
            assertTrue(cache.store(elsewhere));
        } finally {
            held.close();
        }
        List<RunResult> results = here.get(60, TimeUnit.SECONDS);
        assertEquals(List.of(2L), started, "the run the other kernel stored is loaded, not trained again");
        assertTrue(results.get(0).fromCache());
        assertFalse(results.get(1).fromCache());
        assertArrayEquals(elsewhere.parameters(), results.get(0).parameters());
        assertTrue(RunLock.tryAcquire(cache.root(), key).isPresent(), "the lock is free again");
    }
}
