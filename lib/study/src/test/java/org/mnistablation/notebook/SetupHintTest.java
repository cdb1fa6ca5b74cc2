package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The setup hint on what JShell (the engine of every Java kernel here) really reports for a model cell run in a fresh
 * session, and for other compile errors.
 */
class SetupHintTest {

    static final String MODEL_CELL = """
            var model01 = Sequential("dropout 0.1",
                Flatten(28, 28),
                Dense(256, "relu"),
                Dense(128, "relu"),
                Dropout(0.1),
                Dense(10, "softmax"));
            """;

    /** The hint for {@code source} evaluated in {@code shell}, as a kernel computes it. */
    private static Optional<String> hintFor(JShell shell, String source) {
        List<SnippetEvent> events = shell.eval(source);
        SnippetEvent rejected = events.stream().filter(e -> e.causeSnippet() == null
                && e.status() == Snippet.Status.REJECTED).findFirst().orElse(null);
        if (rejected == null) {
            return Optional.empty();
        }
        List<String> diagnostics = shell.diagnostics(rejected.snippet()).map(d -> d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
        return SetupHint.message(diagnostics, shell.imports().map(Snippet::source).toList());
    }

    @Test
    void aModelCellInAFreshSessionGetsOneLineSayingToRunTheSetupCell() {
        try (JShell shell = JShell.create()) {
            Optional<String> hint = hintFor(shell, MODEL_CELL);
            assertTrue(hint.isPresent(), "no hint for a model cell without the setup cell");
            String line = hint.get();
            assertFalse(line.contains("\n"), "one line: " + line);
            assertTrue(line.startsWith("Run the notebook's setup cell first"), line);
            assertTrue(line.contains("Flatten, Dense, Dropout"), line); // javac reports the arguments, not the call around them
        }
    }

    @Test
    void aCellUsingOnlyTheSetupCellsVariableGetsTheHintToo() {
        try (JShell shell = JShell.create()) {
            Optional<String> hint = hintFor(shell, "var n = data.train().count();");
            assertTrue(hint.isPresent());
            assertTrue(hint.get().contains("data"), hint.get());
        }
    }

    @Test
    void anUnrelatedCompileErrorGetsNoHint() {
        try (JShell shell = JShell.create()) {
            assertEquals(Optional.empty(), hintFor(shell, "int x = undefinedThing + 1;"));
            assertEquals(Optional.empty(), hintFor(shell, "Sytem.out.println(1);"));
        }
    }

    @Test
    void afterTheSetupImportTheCompilersOwnErrorStands() {
        try (JShell shell = JShell.create()) {
            shell.addToClasspath(Path.of("target/classes").toAbsolutePath().toString());
            shell.eval("import static org.mnistablation.notebook.Notebook.*;");
            // data is still missing (the setup cell failed half-way): the import is there, so no "run the setup cell"
            assertEquals(Optional.empty(), hintFor(shell, "var n = data.train().count();"));
        }
    }

    @Test
    void theVocabularyIsTheNotebooksStaticFunctionsAndData() {
        assertTrue(SetupHint.vocabulary().containsAll(List.of("Sequential", "Dense", "Dropout", "Adam", "task", "data")));
        assertFalse(SetupHint.vocabulary().contains("toString"));
    }

    @Test
    void unresolvedNamesAreReadFromTheCompilersMessages() {
        assertEquals(List.of("Sequential", "data"), SetupHint.unresolved(List.of(
                "cannot find symbol\n  symbol:   method Sequential(java.lang.String)\n  location: class",
                "cannot find symbol\n  symbol:   variable data\n  location: class")));
    }
}
