package org.mnistablation.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which runs a task notebook compared, as its cells defined them: {@code <run cache>/tasks/<task>.tsv}, one line per
 * setting (label, then the cache keys of its seeds). The Summary notebook reads these instead of keeping its own
 * list of the study's settings, so it summarises what the notebooks actually ran.
 */
public final class TaskManifest {

    private TaskManifest() {
    }

    static Path file(RunCache cache, String task) {
        return cache.root().resolve("tasks").resolve(task + ".tsv");
    }

    /**
     * Records the settings of {@code task} (label → its runs), replacing what was recorded before; a cache that
     * cannot be written gives a warning instead of an error (the notebook's results stand).
     */
    public static void write(RunCache cache, String task, Map<String, List<RunResult>> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((label, runs) -> {
            sb.append(label.replace('\t', ' ').replace('\n', ' '));
            for (RunResult r : runs) {
                sb.append('\t').append(RunCache.key(r.config(), r.dataIdentity()));
            }
            sb.append('\n');
        });
        Path target = file(cache, task);
        try {
            cache.writeAtomically(target, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            cache.warn("warning: could not record the runs of " + task + " under " + target.getParent() + " ("
                    + e.getMessage() + "); the Summary notebook will not list this task's latest settings. Make the "
                    + "run cache writable or set STUDY_RUNS_DIR to a writable directory.");
        }
    }

    /** The tasks recorded in {@code cache}, in name order. */
    public static List<String> tasks(RunCache cache) {
        Path dir = cache.root().resolve("tasks");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tsv"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings recorded for {@code task}, each with the runs still in the cache (a setting none of whose runs is
     * left is omitted).
     */
    public static Map<String, List<RunResult>> read(RunCache cache, String task) {
        Map<String, List<RunResult>> out = new LinkedHashMap<>();
        Path f = file(cache, task);
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f)) {
                String[] parts = line.split("\t");
                List<RunResult> runs = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    Optional<RunResult> r = cache.load(parts[i]);
                    r.ifPresent(runs::add);
                }
                if (!runs.isEmpty()) {
                    out.put(parts[0], runs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + f + ": " + e.getMessage(), e);
        }
        return out;
    }
}
