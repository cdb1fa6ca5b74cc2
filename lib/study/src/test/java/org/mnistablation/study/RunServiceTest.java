package org.mnistablation.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.cache.RunCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Runner;
import org.mnistablation.cache.Setting;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.Mlp;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.History;

class RunServiceTest {

    @TempDir
    Path dir;

    static LabeledImages blank(int n) {
        return new LabeledImages(new float[n * 784], new int[n], 28, 28);
    }

    RunService service() {
        StudySplit split = new StudySplit(blank(4), blank(2), blank(2), "synthetic-service");
        RunCache cache = new RunCache(dir);
        cache.store(run(1));
        cache.store(run(2));
        return new RunService(new Runner(cache, split), List.of(1L, 2L), 1);
    }

    static RunResult run(long seed) {
        History h = new History(List.of(new EpochStats(1, 0.5, 0.8, 0.4, 0.85, 1.0)), 1, false, false);
        return new RunResult(Mlp.baseline().config().withSeed(seed), "synthetic-service", h, new float[0],
                new Evaluation(0.3, 1.0, new float[20], new int[2]), Engine.FUSED.chosen(), false);
    }

    @Test
    void aRunThroughTheNotebookRecordsExactlyItsModels() {
        RunService s = service();
        s.task("T");
        s.record(new Setting("a", List.of(run(1))));
        s.record(new Setting("b", List.of(run(2))));
        assertEquals(List.of("a", "b"), s.recordedTasks().get(0).labels());
        s.task("T");
        s.record(new Setting("b", List.of(run(2))));
        assertEquals(List.of("a", "b"), s.recordedTasks().get(0).labels(), "a cell alone merges");
        s.closeRecord();
        assertEquals(List.of("b"), s.recordedTasks().get(0).labels(), "the analysis closes the record");
    }

    @Test
    void aTaskNeedsAFileNameSafeName() {
        RunService s = service();
        assertThrows(IllegalStateException.class, s::task);
        assertThrows(IllegalArgumentException.class, () -> s.task("../T"));
    }
}
