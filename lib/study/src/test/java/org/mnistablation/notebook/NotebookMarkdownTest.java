package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The questions an analysis prints come from the saved notebook's markdown, in the order it asks them. */
class NotebookMarkdownTest {

    @Test
    void readsQuestionsAndSectionsFromMarkdownCellsOnly(@TempDir Path dir) throws Exception {
        Path nb = dir.resolve("T.ipynb");
        Files.writeString(nb, """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["## Questions\\n", "**Q2. Does \\"dropout\\" help?** Background: …\\n", "\\n", "**Q1. Which\\n", "rate is best?**"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["// **Q3. not a question.**"]},
                  {"cell_type": "markdown", "metadata": {}, "source": "## Method\\nWelch tests."}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        NotebookMarkdown words = NotebookMarkdown.read(nb);
        Map<String, String> q = words.questions();
        assertEquals(List.of("Q2", "Q1"), List.copyOf(q.keySet()));
        assertEquals("Does \"dropout\" help?", q.get("Q2"));
        assertEquals("Which rate is best?", q.get("Q1"));
        assertTrue(words.section("## Method").contains("Welch tests."));
        assertTrue(NotebookMarkdown.read(dir.resolve("missing.ipynb")).questions().isEmpty());
    }
}
