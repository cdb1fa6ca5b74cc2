package org.mnistablation.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Which runs a task notebook compared, as its cells defined them: {@code <run cache>/tasks/<task>.tsv}, one line per
 * setting (label, then the cache keys of its seeds). The Summary notebook reads these instead of keeping its own
 * list of the study's settings, so it summarises what the notebooks actually ran.
 *
 * <p>Two ways to record, for the two ways a notebook is run:
 * <ul>
 *   <li>{@link #merge}: one model cell ran (after a kernel restart too) — its line is replaced, or appended when the
 *       label is new, and every other line stays, so the Summary does not forget the notebook's other models;</li>
 *   <li>{@link #write}: the notebook ran through, from its setup cell to its analysis — the record becomes exactly
 *       the models of that pass, so a model removed from the notebook drops out.</li>
 * </ul>
 * A model edited under the same name replaces its old line either way; a renamed model is a new line, and its old
 * name is dropped at the next run through the notebook.
 */
public final class TaskManifest {

    private TaskManifest() {
    }

    static Path file(RunCache cache, String task) {
        return cache.root().resolve("tasks").resolve(task + ".tsv");
    }

    /**
     * Records the settings of {@code task}, replacing what was recorded before: what a run through
     * the whole notebook records. A cache that cannot be written gives a warning instead of an error (the notebook's
     * results stand).
     */
    public static void write(RunCache cache, String task, List<Setting> settings) {
        Map<String, String> lines = new LinkedHashMap<>();
        settings.forEach(s -> lines.put(clean(s.label()), line(s)));
        update(cache, task, old -> lines);
    }

    /**
     * Records one setting of {@code task}: the line of the same label is replaced in place, a new label is appended,
     * and the other settings recorded before stay (what re-running one model cell records).
     */
    public static void merge(RunCache cache, String task, Setting setting) {
        update(cache, task, old -> {
            Map<String, String> lines = new LinkedHashMap<>(old);
            lines.put(clean(setting.label()), line(setting));
            return lines;
        });
    }

    /** Replaces the run keys of every task's record that {@code keys} maps to new ones (a cache format change). */
    static void rekey(RunCache cache, Map<String, String> keys) {
        for (String task : tasks(cache)) {
            update(cache, task, old -> {
                Map<String, String> lines = new LinkedHashMap<>();
                old.forEach((label, line) -> {
                    String[] parts = line.split("\t");
                    for (int i = 1; i < parts.length; i++) {
                        parts[i] = keys.getOrDefault(parts[i], parts[i]);
                    }
                    lines.put(label, String.join("\t", parts));
                });
                return lines;
            });
        }
    }

    private static String clean(String label) {
        return label.replace('\t', ' ').replace('\n', ' ');
    }

    private static String line(Setting setting) {
        StringBuilder sb = new StringBuilder(clean(setting.label()));
        for (RunResult r : setting.runs()) {
            sb.append('\t').append(r.definition().key());
        }
        return sb.toString();
    }

    /**
     * Reads the recorded lines (label → line), applies {@code change} and writes the result atomically, holding a
     * lock on the task's record so two kernels recording the same task at once do not lose each other's line.
     */
    private static void update(RunCache cache, String task, UnaryOperator<Map<String, String>> change) {
        Path target = file(cache, task);
        synchronized (TaskManifest.class) {
            try {
                Files.createDirectories(target.getParent());
                try (FileChannel lock = FileChannel.open(target.resolveSibling(task + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = lock.lock()) {
                    StringBuilder sb = new StringBuilder();
                    for (String line : change.apply(lines(target)).values()) {
                        sb.append(line).append('\n');
                    }
                    cache.writeAtomically(target, sb.toString().getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | UncheckedIOException e) {
                cache.warn("warning: could not record the runs of " + task + " under " + target.getParent() + " ("
                        + e.getMessage() + "); the Summary notebook will not list this task's latest settings. Make "
                        + "the run cache writable or set STUDY_RUNS_DIR to a writable directory.");
            }
        }
    }

    /** The lines recorded in {@code f}, by label, in their order (none when it does not exist). */
    private static Map<String, String> lines(Path f) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.put(line.split("\t", 2)[0], line);
                }
            }
        }
        return out;
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
    public static RecordedTask read(RunCache cache, String task) {
        List<Setting> out = new ArrayList<>();
        Path f = file(cache, task);
        if (!Files.isRegularFile(f)) {
            return new RecordedTask(task, out);
        }
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                List<RunResult> runs = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    Optional<RunResult> r = cache.load(parts[i]);
                    r.ifPresent(runs::add);
                }
                if (!runs.isEmpty()) {
                    out.add(new Setting(parts[0], runs));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + f + ": " + e.getMessage(), e);
        }
        return new RecordedTask(task, out);
    }

    /** Every task recorded in {@code cache} that has runs left, in task-name order ({@link #read} each). */
    public static List<RecordedTask> readAll(RunCache cache) {
        List<RecordedTask> out = new ArrayList<>();
        for (String task : tasks(cache)) {
            RecordedTask recorded = read(cache, task);
            if (!recorded.settings().isEmpty()) {
                out.add(recorded);
            }
        }
        return out;
    }
}
