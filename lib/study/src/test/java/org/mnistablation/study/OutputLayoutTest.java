package org.mnistablation.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLayoutTest {

    @TempDir
    Path root;

    @Test
    void mnistWritesToResultsAndSubmission() {
        OutputLayout l = new OutputLayout(root, "mnist", false);
        assertEquals(root.resolve("results/loss_curves/task05_dropout_0.1.png"),
                l.resultFile("loss_curves", "task05_" + OutputLayout.slug("Dropout 0.1") + ".png"));
        assertEquals(root.resolve("submission/Task05_Dropout.md"), l.submissionFile("Task05_Dropout.md"));
    }

    @Test
    void fashionMnistAndQuickModeHaveTheirOwnFolders() {
        assertEquals(root.resolve("results/fashion-mnist/comparisons/x.png"),
                new OutputLayout(root, "fashion-mnist", false).resultFile("comparisons", "x.png"));
        assertEquals(root.resolve("test-output/quick/submission/T.md"),
                new OutputLayout(root, "mnist", true).submissionFile("T.md"));
        assertEquals(root.resolve("test-output/quick/results/fashion-mnist/k/f.png"),
                new OutputLayout(root, "fashion-mnist", true).resultFile("k", "f.png"));
    }

    @Test
    void figuresAndAnalysesAreWrittenWhereTheLayoutSays() throws Exception {
        OutputLayout l = new OutputLayout(root, "mnist", false);
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        assertSame(image, l.figure(image, "comparisons", "c.png"));
        assertTrue(Files.size(root.resolve("results/comparisons/c.png")) > 0);
        assertEquals(Path.of("submission/T.md"), l.writeSubmission("T.md", "# T\n"));
        assertEquals("# T\n", Files.readString(root.resolve("submission/T.md")));
        Files.writeString(root.resolve("submission/blocked"), "a file where a folder should be");
        assertThrows(UncheckedIOException.class, () -> l.writeSubmission("blocked/T.md", "x"));
    }

    @Test
    void aTaskNotebookIsFoundElseTheOverview() throws Exception {
        OutputLayout l = new OutputLayout(root, "mnist", false);
        Files.createDirectories(root.resolve("notebooks"));
        Files.writeString(root.resolve("notebooks/Task05_Dropout.ipynb"), "{}");
        assertEquals(root.resolve("notebooks/Task05_Dropout.ipynb"), l.notebookFile("Task05_Dropout"));
        assertEquals(root.resolve("notebook.ipynb"), l.notebookFile("Overview"));
    }

    @Test
    void slugsAreFileNameSafe() {
        assertEquals("dropout_0.1", OutputLayout.slug("dropout 0.1"));
        assertEquals("relu_added", OutputLayout.slug(" ReLU (added) "));
        assertEquals("sgd_m_0.9", OutputLayout.slug("SGD, m=0.9"));
    }
}
