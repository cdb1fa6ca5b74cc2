package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.History;
import org.mnistablation.train.TrainingProgress;

/**
 * The run cache under concurrent writers and faults: two threads and two processes storing the same run, a cache
 * that cannot be written, a full disk, and writers killed mid-write. Results here are made up (no training) except
 * where the trained result must reach the caller.
 */
class RunCacheFaultTest {

    @TempDir
    Path dir;

    static final RunConfig CONFIG = Mlp.baseline().withUnits(8).withEpochs(2).withBatchSize(16).config();
    static final String DATA = "synthetic-fault";

    /** A made-up finished run of {@code config} (parameters vary with {@code variant}). */
    static RunResult result(RunConfig config, int variant) {
        int n = config.model().parameterCount() > 0 ? (int) config.model().parameterCount() : 100;
        float[] params = new float[n];
        for (int i = 0; i < n; i++) {
            params[i] = (float) Math.sin(i + variant);
        }
        float[] probs = new float[3 * 10];
        for (int i = 0; i < 3; i++) {
            probs[i * 10 + i] = 1f;
        }
        History h = new History(List.of(new EpochStats(1, 0.5, 0.8, 0.4, 0.85, 1.0),
                new EpochStats(2, 0.3, 0.9, 0.35, 0.88, 1.0)), 2, false, false);
        return new RunResult(config, DATA, h, params, new Evaluation(0.3, 1.0, probs, new int[]{0, 1, 2}),
                Engine.FUSED.chosen(), false);
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals("tasks") && !p.getFileName().toString().equals(RunLock.DIR))
                    .sorted().toList();
        }
    }

    @Test
    void twoThreadsStoringTheSameRunAtOnceBothSucceedAndOneEntryLoads() throws Exception {
        // Both writers finish their temporary copy before either renames it into place: the second rename meets a
        // complete entry ("Directory not empty" on Linux), which must not fail the second writer.
        CyclicBarrier bothWritten = new CyclicBarrier(2);
        RunCache.FileWriter waitForTheOther = (file, bytes) -> {
            Files.write(file, bytes);
            if (file.getFileName().toString().equals("SHA256SUMS")) {
                try {
                    bothWritten.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IOException("the other writer did not arrive: " + e, e);
                }
            }
        };
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> stored = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                RunCache cache = new RunCache(dir, waitForTheOther, warnings::add);
                stored.add(two.submit(() -> cache.store(result(CONFIG, 0))));
            }
            for (Future<Boolean> f : stored) {
                assertTrue(f.get(60, TimeUnit.SECONDS), "both writers succeed; warnings: " + warnings);
            }
        } finally {
            two.shutdownNow();
        }
        assertEquals(List.of(), warnings);
        assertEquals(List.of(dir.resolve(RunCache.key(CONFIG, DATA))), listing(dir), "one entry, no temporaries");
        RunCache plain = new RunCache(dir);
        assertArrayEquals(result(CONFIG, 0).parameters(), plain.load(RunDefinition.of(CONFIG, DATA)).orElseThrow().parameters());
        assertArrayEquals(result(CONFIG, 0).parameters(), new RunCache(dir).load(RunDefinition.of(CONFIG, DATA)).orElseThrow().parameters());
    }

    @Test
    void aSecondProcessStoringARunAnotherProcessStoredFirstSucceedsAndBothLoadIt() throws Exception {
        // As two kernels with Task05 and Task10 open side by side: this JVM stores first, another JVM (started here)
        // trained the same configuration and stores it after; then each loads it.
        RunCache cache = new RunCache(dir);
        assertTrue(cache.store(result(CONFIG, 0)));
        ProcessResult other = CacheWriterProcess.start(dir, "store-then-load");
        assertEquals(0, other.exit(), "the second process fails: " + other.output());
        assertTrue(other.output().contains("stored=true"), other.output());
        assertTrue(other.output().contains("loaded=true"), other.output());
        assertFalse(other.output().contains("warning"), other.output());
        assertEquals(List.of(dir.resolve(RunCache.key(CONFIG, DATA))), listing(dir));
        assertArrayEquals(result(CONFIG, 0).parameters(), cache.load(RunDefinition.of(CONFIG, DATA)).orElseThrow().parameters());
    }

    @Test
    void twoProcessesStoringTheSameRunsAtOnceAllSucceed() throws Exception {
        // Two JVMs store the same 30 runs (seeds 0..29) in the same order at the same time, each loading every entry
        // right after storing it: neither may fail or warn, and 30 entries are left, no temporaries.
        Process a = CacheWriterProcess.builder(dir, "race").start();
        Process b = CacheWriterProcess.builder(dir, "race").start();
        ProcessResult ra = CacheWriterProcess.finish(a);
        ProcessResult rb = CacheWriterProcess.finish(b);
        assertEquals(0, ra.exit(), ra.output());
        assertEquals(0, rb.exit(), rb.output());
        assertFalse(ra.output().contains("warning") || rb.output().contains("warning"), ra.output() + rb.output());
        RunCache cache = new RunCache(dir);
        for (int seed = 0; seed < CacheWriterMain.RACE_RUNS; seed++) {
            assertTrue(cache.load(RunDefinition.of(CONFIG.withSeed(seed), DATA)).isPresent(), "seed " + seed);
        }
        assertEquals(CacheWriterMain.RACE_RUNS, listing(dir).size(), "one entry per run, no temporaries: " + listing(dir));
    }

    @Test
    void aCacheUnderARegularFileWarnsNamingTheDirectoryAndTheTrainedResultIsStillReturned() throws IOException {
        // A file where a directory of the cache's path should be: fails for root too (unlike permission bits).
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "a file");
        Path root = blocker.resolve("runs");
        List<String> warnings = new ArrayList<>();
        Runner runner = new Runner(new RunCache(root, RunCache.FileWriter.DEFAULT, warnings::add), RunnerTest.DATA);
        RunConfig config = RunnerTest.CONFIG;
        RunResult r = runner.run(config, TrainingProgress.NONE);
        assertFalse(r.fromCache());
        assertEquals(config, r.config());
        assertTrue(r.history().epochsRun() > 0);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(root.toString()), warnings.get(0));
        assertTrue(warnings.get(0).contains("STUDY_RUNS_DIR"), warnings.get(0));
        // the task record warns too instead of failing the notebook
        TaskManifest.write(runner.cache(), "Task99_Test", List.of(new Setting("small", List.of(r))));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).contains(root.toString()), warnings.get(1));
    }

    @Test
    void aFullDiskWarnsAndTheTrainedResultIsStillReturnedWithNothingLeftBehind() throws IOException {
        // The writer fails like a full disk after the first file has partly reached it.
        RunCache.FileWriter fullAfterFirstFile = new RunCache.FileWriter() {
            int files;

            @Override
            public void write(Path file, byte[] bytes) throws IOException {
                if (++files > 1) {
                    Files.write(file, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 10)));
                    throw new IOException("No space left on device");
                }
                Files.write(file, bytes);
            }
        };
        List<String> warnings = new ArrayList<>();
        RunCache cache = new RunCache(dir, fullAfterFirstFile, warnings::add);
        RunResult r = new Runner(cache, RunnerTest.DATA).run(RunnerTest.CONFIG, TrainingProgress.NONE);
        assertFalse(r.fromCache());
        assertTrue(r.parameters().length > 0);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("No space left on device"), warnings.get(0));
        assertTrue(warnings.get(0).contains(dir.toString()), warnings.get(0));
        assertEquals(List.of(), listing(dir), "no entry and no temporary directory");
        assertTrue(new RunCache(dir).load(RunDefinition.of(RunnerTest.CONFIG, RunnerTest.DATA.identity())).isEmpty());
    }

    @Test
    void anEntryWrittenByAWriterKilledBeforeItsChecksumsNeverLoads() throws Exception {
        // What a writer killed at any point leaves: its temporary directory (renamed into place only when complete),
        // or — if an entry directory were ever copied in by hand — files without SHA256SUMS. Neither loads.
        RunCache cache = new RunCache(dir);
        assertTrue(cache.store(result(CONFIG, 0)));
        Path entry = cache.entry(RunDefinition.of(CONFIG, DATA));
        Files.delete(entry.resolve("SHA256SUMS"));
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA)).isEmpty(), "an entry without SHA256SUMS must not load");
        assertFalse(Files.exists(entry), "and it is removed");

        // a temporary directory of a dead process with every file but the checksums: not an entry, and cleaned
        long dead = deadPid();
        Path tmp = dir.resolve(RunCache.key(CONFIG, DATA) + ".tmp-p" + dead + "-123");
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve("history.tsv"), "# best_epoch=1 stopped_early=false restored_best=false\n");
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA)).isEmpty());
        new Runner(new RunCache(dir), RunnerTest.DATA);
        assertFalse(Files.exists(tmp), "a dead writer's temporary directory is removed");

        // a store after that works and replaces nothing it should not
        assertTrue(cache.store(result(CONFIG, 0)));
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA)).isPresent());
    }

    @Test
    void aProcessKilledMidWriteLeavesNoEntryThatLoads() throws Exception {
        // A second JVM starts storing (its writer sleeps after the first file) and is killed with SIGKILL.
        Process p = CacheWriterProcess.builder(dir, "slow-store").start();
        Path marker = dir.resolve("writing");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(marker), "the writer process never started writing: "
                + (p.isAlive() ? "" : new String(p.getInputStream().readAllBytes())));
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Files.delete(marker);
        RunCache cache = new RunCache(dir);
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA)).isEmpty(), "nothing loads");
        assertFalse(Files.exists(cache.entry(RunDefinition.of(CONFIG, DATA))), "no entry directory");
        new Runner(cache, RunnerTest.DATA);
        assertEquals(List.of(), listing(dir), "its temporary directory is removed once the process is gone");
    }

    @Test
    void aLiveWritersTemporaryDirectoryIsNotRemovedByAnotherKernelStarting() throws Exception {
        // Another kernel starting (a Runner is created) while this process writes an entry must leave it alone.
        Path mine = dir.resolve("abc.tmp-p" + ProcessHandle.current().pid() + "-77");
        Files.createDirectories(mine);
        ProcessResult other = CacheWriterProcess.start(dir, "clean");
        assertEquals(0, other.exit(), other.output());
        assertTrue(Files.isDirectory(mine), "a live process's temporary directory survives another process's clean-up");
        Path old = dir.resolve("abc.tmp-4711");
        Files.createDirectories(old);
        Path dead = dir.resolve("abc.tmp-p" + deadPid() + "-1");
        Files.createDirectories(dead);
        // a recorded trajectory's file half-written by a process that is gone, and one being written now
        Path trajectory = Files.createDirectories(dir.resolve(Trajectories.DIR).resolve("0123abcd"));
        Path deadFile = Files.writeString(trajectory.resolve("epoch-003.f32.tmp-p" + deadPid() + "-5"), "x");
        Path liveFile = Files.writeString(trajectory.resolve("epoch-004.f32.tmp-p" + ProcessHandle.current().pid()
                + "-6"), "x");
        new RunCache(dir).cleanTemporaries();
        assertTrue(Files.isDirectory(mine));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(deadFile));
        assertTrue(Files.exists(liveFile));
    }

    /** The id of a process that has ended. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return pid;
    }

    record ProcessResult(int exit, String output) {
    }

    /** A second JVM working on the same cache directory (main class in the test sources). */
    static final class CacheWriterProcess {

        static ProcessBuilder builder(Path dir, String mode) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CacheWriterMain.class.getName(), dir.toString(), mode).redirectErrorStream(true);
        }

        static ProcessResult start(Path dir, String mode) throws Exception {
            return finish(builder(dir, mode).start());
        }

        static ProcessResult finish(Process p) throws Exception {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ProcessResult(-1, out + "\n(timed out)");
            }
            return new ProcessResult(p.exitValue(), out);
        }
    }
}
