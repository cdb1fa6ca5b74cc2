package org.mnistablation.kernel;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;

/** Splits a cell into the snippets JShell evaluates one at a time, and peels off leading line magics. */
final class CellSplitter {

    private CellSplitter() {
    }

    /** A cell's {@code %name args} lines (at its top) and the Java code after them. */
    record Parsed(List<String> magics, String code) {
    }

    static Parsed parse(String cell) {
        List<String> magics = new ArrayList<>();
        String[] lines = cell.split("\n", -1);
        int i = 0;
        while (i < lines.length && (lines[i].isBlank() || lines[i].stripLeading().startsWith("%"))) {
            if (!lines[i].isBlank()) {
                magics.add(lines[i].strip());
            }
            i++;
        }
        StringBuilder code = new StringBuilder();
        for (int j = i; j < lines.length; j++) {
            code.append(lines[j]).append(j + 1 < lines.length ? "\n" : "");
        }
        return new Parsed(magics, code.toString());
    }

    static List<String> snippets(SourceCodeAnalysis analysis, String code) {
        List<String> out = new ArrayList<>();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                // incomplete or broken: hand the rest to JShell so it reports the error
                out.add(remaining);
                break;
            }
            out.add(info.source());
            remaining = info.remaining();
        }
        return out;
    }
}
