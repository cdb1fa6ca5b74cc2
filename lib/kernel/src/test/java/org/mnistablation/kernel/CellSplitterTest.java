package org.mnistablation.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellSplitterTest {

    @Test
    void leadingMagicsAreSeparatedFromCode() {
        CellSplitter.Parsed p = CellSplitter.parse("%classpath a.jar\n\n%jars b.jar\nint x = 1;\n%notMagic");
        assertEquals(List.of("%classpath a.jar", "%jars b.jar"), p.magics());
        assertEquals("int x = 1;\n%notMagic", p.code());
    }

    @Test
    void aCellIsSplitIntoSnippets() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            List<String> s = CellSplitter.snippets(shell.sourceCodeAnalysis(), "int x = 1;\nvoid f() {\n  x++;\n}\nx + 1");
            assertEquals(3, s.size(), s.toString());
            assertEquals("x + 1", s.get(2).strip());
        }
    }

    @Test
    void magicArgumentsResolveRelativePathsQuotesAndGlobs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("deps"));
        Files.writeString(dir.resolve("deps/b.jar"), "");
        Files.writeString(dir.resolve("deps/a.jar"), "");
        Files.writeString(dir.resolve("deps/notes.txt"), "");
        List<String> paths = Magics.expand("deps/*.jar \"with space.jar\"", dir);
        assertEquals(List.of(dir.resolve("deps/a.jar").toString(), dir.resolve("deps/b.jar").toString(),
                dir.resolve("with space.jar").toString()), paths);
    }
}
