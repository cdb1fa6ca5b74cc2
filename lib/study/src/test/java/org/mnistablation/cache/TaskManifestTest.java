package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.TrainingProgress;

/**
 * The task manifest's two ways of recording: a single model cell merges its line into what the notebook recorded
 * before (also after a kernel restart), a run through the whole notebook replaces the record.
 */
class TaskManifestTest {

    @TempDir
    Path dir;

    private RunCache cache;
    private RunResult a;
    private RunResult b;
    private RunResult c;
    private RunResult edited;

    @BeforeEach
    void runs() {
        cache = new RunCache(dir);
        Runner runner = new Runner(cache, RunnerTest.DATA);
        RunConfig base = RunnerTest.CONFIG;
        a = runner.run(base, TrainingProgress.NONE);
        b = runner.run(base.withSeed(7), TrainingProgress.NONE);
        c = runner.run(base.withSeed(8), TrainingProgress.NONE);
        edited = runner.run(base.withEpochs(1), TrainingProgress.NONE);
    }

    private static List<Setting> settings(Object... labelsAndRuns) {
        List<Setting> m = new ArrayList<>();
        for (int i = 0; i < labelsAndRuns.length; i += 2) {
            m.add(new Setting((String) labelsAndRuns[i], List.of((RunResult) labelsAndRuns[i + 1])));
        }
        return m;
    }

    private List<String> labels() {
        return TaskManifest.read(cache, "Task05_Dropout").labels();
    }

    private RunConfig configOf(String label) {
        return TaskManifest.read(cache, "Task05_Dropout").setting(label).config();
    }

    @Test
    void oneCellReRunAfterARestartReplacesItsModelAndKeepsTheOthers() {
        TaskManifest.write(cache, "Task05_Dropout", settings("dropout 0", a, "dropout 0.1", b, "dropout 0.3", c));
        // restart, setup cell, then only the edited "dropout 0.1" cell
        TaskManifest.merge(cache, "Task05_Dropout", new Setting("dropout 0.1", List.of(edited)));
        assertEquals(List.of("dropout 0", "dropout 0.1", "dropout 0.3"), labels(), "the other models are kept, in place");
        assertEquals(edited.config(), configOf("dropout 0.1"), "the edited model replaces the old one of that name");
        assertEquals(a.config(), configOf("dropout 0"));
    }

    @Test
    void aNewLabelIsAppended() {
        TaskManifest.merge(cache, "Task05_Dropout", new Setting("dropout 0", List.of(a)));
        TaskManifest.merge(cache, "Task05_Dropout", new Setting("dropout 0.5", List.of(c)));
        assertEquals(List.of("dropout 0", "dropout 0.5"), labels());
    }

    @Test
    void aRunThroughTheNotebookDropsModelsRemovedFromIt() {
        TaskManifest.write(cache, "Task05_Dropout", settings("dropout 0", a, "dropout 0.1", b, "dropout 0.3", c));
        TaskManifest.merge(cache, "Task05_Dropout", new Setting("dropout 0.5", List.of(edited)));
        // the notebook, without its 0.3 cell, run from the setup cell to the analysis
        TaskManifest.write(cache, "Task05_Dropout", settings("dropout 0", a, "dropout 0.1", b));
        assertEquals(List.of("dropout 0", "dropout 0.1"), labels());
    }

    @Test
    void labelsWithTabsOrNewlinesStayOneLineAndAreReplacedByTheSameLabel() {
        TaskManifest.merge(cache, "Task05_Dropout", new Setting("odd\tlabel\n", List.of(a)));
        TaskManifest.merge(cache, "Task05_Dropout", new Setting("odd\tlabel\n", List.of(b)));
        assertEquals(List.of("odd label "), labels());
        assertEquals(b.config(), configOf("odd label "));
    }

    @Test
    void concurrentCellsOfOneTaskLoseNoLine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String label = "model " + i;
                done.add(pool.submit(() -> TaskManifest.merge(cache, "Task05_Dropout", new Setting(label, List.of(a)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(40, labels().size());
        assertEquals(List.of("Task05_Dropout"), TaskManifest.tasks(cache), "the lock file is not a task");
        try (var files = Files.list(dir.resolve("tasks"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary file is left");
        }
    }
}
