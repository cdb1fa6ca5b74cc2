package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mnistablation.notebook.Notebook.Adam;
import static org.mnistablation.notebook.Notebook.Dense;
import static org.mnistablation.notebook.Notebook.Dropout;
import static org.mnistablation.notebook.Notebook.Flatten;
import static org.mnistablation.notebook.Notebook.Sequential;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.cache.RunCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Runner;
import org.mnistablation.cache.Setting;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.TrainingProgress;

/** The table a fit cell leaves says which model it trained: an edited cell's table shows the edited model. */
class FitReportTest {

    @TempDir
    Path dir;

    private static LabeledImages images(int n, long seed) {
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

    @Test
    void theHeadingNamesTheModelsWidthsHiddenLayersAndParameters() {
        var edited = Sequential("dropout 0.1", Flatten(28, 28), Dense(256, "relu"), Dense(128, "relu"), Dropout(0.1),
                Dense(10, "softmax"));
        edited.compile(Adam(), "sparse_categorical_crossentropy", "accuracy");
        assertEquals("784-256-128-10", edited.definition().sizes());
        StudySplit data = new StudySplit(images(40, 1), images(10, 2), images(10, 3), "synthetic-fit-report");
        RunResult run = new Runner(new RunCache(dir), data)
                .run(new RunConfig(edited.definition(), 1, 16, null, 42), TrainingProgress.NONE);
        String md = FitReport.markdown(new Setting("dropout 0.1", List.of(run)));
        assertTrue(md.startsWith("**dropout 0.1**: 1 seed of the 784-256-128-10 model (2 hidden layers, 235,146 parameters)"), md);
        assertTrue(edited.summaryMarkdown().contains("Total params: 235,146"), "the count summary() shows");
        assertTrue(md.contains("| 42 | 1 |"), md);
    }
}
