package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;
import org.mnistablation.train.TrainingProgress;

class NotebookProgressTest {

    /** A kernel's display API as IJava and the bundled kernel expose it: static display and updateDisplay. */
    public static final class FakeKernel {
        static final List<String> SHOWN = new ArrayList<>();
        static final List<String> UPDATES = new ArrayList<>();

        public static String display(Object o) {
            SHOWN.add(o.toString());
            return "id" + SHOWN.size();
        }

        public static void updateDisplay(String id, Object o) {
            UPDATES.add(id + ": " + o);
        }
    }

    static final RunConfig CONFIG = Mlp.baseline().withEpochs(2).config();
    static final EpochStats E1 = new EpochStats(1, 0.5, 0.8, 0.4, 0.85, 1.0);
    static final EpochStats E2 = new EpochStats(2, 0.3, 0.9, 0.45, 0.86, 1.0);

    @BeforeEach
    void clear() {
        FakeKernel.SHOWN.clear();
        FakeKernel.UPDATES.clear();
    }

    static void train(TrainingProgress p, long seed) {
        p.onStart(CONFIG.withSeed(seed), 10, new Engine.Choice(Engine.FUSED, null));
        p.onBatch(1, 10, 10, 0.5, 0.8, 1.0);
        p.onEpochEnd(E1, 2);
        p.onEpochEnd(E2, 2);
        p.onEnd(new History(List.of(E1, E2), 1, false, false));
    }

    @Test
    void oneDisplayHoldsALinePerSeedUpdatedInPlace() {
        NotebookProgress progress = new NotebookProgress(new NotebookDisplay(FakeKernel.class), "dropout 0.1");
        TrainingProgress a = progress.forRun(CONFIG.withSeed(42));
        TrainingProgress b = progress.forRun(CONFIG.withSeed(43));
        train(a, 42);
        train(b, 43);
        progress.finish();
        assertEquals(1, FakeKernel.SHOWN.size(), "one display for the whole fit");
        assertTrue(FakeKernel.SHOWN.get(0).startsWith("Training dropout 0.1 on the fused engine: 10 steps per epoch"));
        String last = FakeKernel.UPDATES.get(FakeKernel.UPDATES.size() - 1);
        assertTrue(last.startsWith("id1: Training dropout 0.1"), last);
        assertTrue(last.contains("\nseed 42: 2 epochs in 2.0s; lowest val_loss at epoch 1; the model keeps the last "
                + "epoch's weights - val_loss: 0.4500 - val_accuracy: 0.8600"), last);
        assertTrue(last.contains("\nseed 43: 2 epochs in 2.0s"), last);
    }

    @Test
    void otherThreadsOnlyRecordProgress() throws Exception {
        NotebookProgress progress = new NotebookProgress(new NotebookDisplay(FakeKernel.class), "m");
        TrainingProgress a = progress.forRun(CONFIG);
        Thread worker = new Thread(() -> train(a, 42));
        worker.start();
        worker.join();
        assertEquals(List.of(), FakeKernel.SHOWN, "a worker thread never touches the display");
        progress.render();
        assertEquals(1, FakeKernel.SHOWN.size(), "the cell's thread shows it");
        assertTrue(FakeKernel.SHOWN.get(0).contains("seed 42: 2 epochs"), FakeKernel.SHOWN.get(0));
    }

    @Test
    void outsideAKernelEachEpochAndSummaryIsPrintedOnce() {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            NotebookProgress progress = new NotebookProgress(new NotebookDisplay(null), "m");
            train(progress.forRun(CONFIG), 42);
            progress.finish();
        } finally {
            System.setOut(before);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals("Training m on the fused engine: 10 steps per epoch", lines.get(0));
        assertEquals("seed 42: Epoch 1/2 - 1.0s - loss: 0.5000 - accuracy: 0.8000 - val_loss: 0.4000 - val_accuracy: 0.8500",
                lines.get(1));
        assertTrue(lines.get(3).startsWith("seed 42: 2 epochs in 2.0s"), lines.get(3));
    }
}
