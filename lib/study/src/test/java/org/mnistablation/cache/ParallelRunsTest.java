package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;
import org.mnistablation.train.TrainingInterruptedException;
import org.mnistablation.train.TrainingProgress;

/** One model's seeds trained at once ({@link Runner#runAll}): same results as one at a time, order, interrupts. */
class ParallelRunsTest {

    @TempDir
    Path dir;

    /** Batch 64 with a 784×16 first layer: a run alone splits its products across two cores (PairWorker). */
    static final Mlp MLP = Mlp.baseline().withUnits(16).withEpochs(2).withBatchSize(64).withDropout(0.2);

    static List<RunConfig> seeds(Mlp m, long... seeds) {
        List<RunConfig> out = new ArrayList<>();
        for (long s : seeds) {
            out.add(m.withSeed(s).config());
        }
        return out;
    }

    private List<RunResult> train(String cache, List<RunConfig> configs, int workers) {
        Runner runner = new Runner(new RunCache(dir.resolve(cache)), RunnerTest.DATA);
        return runner.runAll(configs, workers, c -> TrainingProgress.NONE, () -> { });
    }

    @Test
    void resultsAreBitIdenticalWhateverThePoolSizeAndInSeedOrder() {
        List<RunConfig> configs = seeds(MLP, 42, 43, 44);
        List<RunResult> one = train("one", configs, 1);   // one after another, each run on both cores
        List<RunResult> two = train("two", configs, 2);   // two at a time, one core each
        List<RunResult> three = train("three", configs, 3);
        for (List<RunResult> other : List.of(two, three)) {
            assertEquals(configs.size(), other.size());
            for (int i = 0; i < configs.size(); i++) {
                assertEquals(configs.get(i), other.get(i).config(), "results come back in seed order");
                assertFalse(other.get(i).fromCache());
                assertArrayEquals(one.get(i).parameters(), other.get(i).parameters(), "seed " + configs.get(i).seed());
                assertEquals(withoutTimes(one.get(i)), withoutTimes(other.get(i)), "history (seconds aside)");
                assertArrayEquals(one.get(i).test().probabilities(), other.get(i).test().probabilities());
            }
        }
        // and the seeds really differ (the comparison above would hold trivially otherwise)
        assertFalse(java.util.Arrays.equals(one.get(0).parameters(), one.get(1).parameters()));
    }

    /** A run's history with each epoch's wall time left out (the only part that may differ). */
    static List<List<Double>> withoutTimes(RunResult r) {
        return r.history().epochs().stream().map(e -> List.of(e.loss(), e.accuracy(), e.valLoss(), e.valAccuracy()))
                .toList();
    }

    @Test
    void cachedSeedsAreLoadedAndOnlyTheOthersTrain() {
        Runner runner = new Runner(new RunCache(dir), RunnerTest.DATA);
        List<RunConfig> configs = seeds(MLP.withEpochs(1), 1, 2, 3, 4);
        RunResult second = runner.run(configs.get(1), TrainingProgress.NONE);
        List<Long> trained = Collections.synchronizedList(new ArrayList<>());
        List<RunResult> all = runner.runAll(configs, 2, c -> {
            trained.add(c.seed());
            return TrainingProgress.NONE;
        }, () -> { });
        assertEquals(List.of(1L, 3L, 4L), trained, "receivers are made in seed order, for the runs that train");
        assertTrue(all.get(1).fromCache());
        assertArrayEquals(second.parameters(), all.get(1).parameters());
        assertTrue(runner.runAll(configs, 2, c -> {
            throw new AssertionError("nothing trains a second time");
        }, () -> { }).stream().allMatch(RunResult::fromCache));
    }

    @Test
    void twoRunsTrainAtTheSameTimeOnWorkerThreadsWhileTheCallerTicks() {
        // Each run waits in onStart until another run has started too: with one run at a time this would time out.
        CyclicBarrier together = new CyclicBarrier(2);
        Set<String> runThreads = ConcurrentHashMap.newKeySet();
        Set<String> tickThreads = ConcurrentHashMap.newKeySet();
        Runner runner = new Runner(new RunCache(dir), RunnerTest.DATA);
        runner.runAll(seeds(MLP.withEpochs(1), 5, 6), 2, c -> new TrainingProgress() {
            @Override
            public void onStart(RunConfig config, int steps, Engine.Choice engine) {
                runThreads.add(Thread.currentThread().getName());
                try {
                    together.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the other run did not start alongside this one", e);
                }
            }
        }, () -> tickThreads.add(Thread.currentThread().getName()));
        assertEquals(2, runThreads.size(), runThreads.toString());
        assertFalse(runThreads.contains(Thread.currentThread().getName()));
        assertEquals(Set.of(Thread.currentThread().getName()), tickThreads, "ticks run on the calling thread");
    }

    @Test
    void interruptingTheCallerStopsEveryRunAndStoresNothing() throws Exception {
        Runner runner = new Runner(new RunCache(dir), RunnerTest.DATA);
        List<RunConfig> configs = seeds(MLP.withEpochs(1000).withBatchSize(8), 7, 8, 9);
        CountDownLatch bothTraining = new CountDownLatch(2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                runner.runAll(configs, 2, c -> new TrainingProgress() {
                    @Override
                    public void onBatch(int epoch, int step, int steps, double l, double a, double s) {
                        if (epoch == 1 && step == 1) {
                            bothTraining.countDown();
                        }
                    }
                }, () -> { });
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        }, "cell");
        cell.start();
        assertTrue(bothTraining.await(60, TimeUnit.SECONDS), "two runs started");
        cell.interrupt();
        cell.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(cell.isAlive(), "the call returns after an interrupt");
        assertTrue(thrown.get() instanceof TrainingInterruptedException, String.valueOf(thrown.get()));
        assertTrue(stillInterrupted.get(), "the interrupt stays visible to the kernel");
        assertEquals(List.of(), runThreadsLeft(), "no run thread is left");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> !p.getFileName().toString().equals(RunLock.DIR)).count(),
                    "no entry and no temporary directory (the lock files' folder aside)");
        }
    }

    @Test
    void aFailingRunStopsTheOthersAndItsErrorReachesTheCaller() throws Exception {
        Runner runner = new Runner(new RunCache(dir), RunnerTest.DATA);
        List<RunConfig> configs = seeds(MLP.withEpochs(1000).withBatchSize(8), 10, 11);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.runAll(configs, 2,
                c -> new TrainingProgress() {
                    @Override
                    public void onBatch(int epoch, int step, int steps, double l, double a, double s) {
                        if (c.seed() == 11 && step == 3) {
                            throw new IllegalStateException("seed 11 failed");
                        }
                    }
                }, () -> { }));
        assertEquals("seed 11 failed", e.getMessage());
        assertEquals(List.of(), runThreadsLeft(), "the other run was stopped");
        assertFalse(Thread.currentThread().isInterrupted());
    }

    /** Names of run threads still alive (a thread that has just left its pool may take a moment to end). */
    static List<String> runThreadsLeft() throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("study-run-")).toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        return left;
    }
}
