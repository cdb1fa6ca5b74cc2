package org.mnistablation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.mnistablation.cache.RunDefinition;
import org.mnistablation.model.RunConfig;

/**
 * Reads the runs a run cache holds, without changing it (unlike {@code RunCache.load}, which removes damaged
 * entries): each entry's {@code run.json} gives the model and batch size, its {@code history.tsv} the epochs run and
 * their seconds. Entries being written, of another format or unreadable are counted as skipped.
 */
public final class StudyRuns {

    private StudyRuns() {
    }

    /** The runs read, and the entries skipped with why. */
    public record Listing(List<StudyArithmetic.Run> runs, List<String> skipped) {
    }

    /** The runs under {@code cache}; empty when it is not a directory. */
    public static Listing read(Path cache) throws IOException {
        List<StudyArithmetic.Run> runs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (!Files.isDirectory(cache)) {
            return new Listing(runs, skipped);
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(cache)) {
            entries = s.filter(d -> Files.isRegularFile(d.resolve("run.json"))).sorted().toList();
        }
        for (Path dir : entries) {
            try {
                RunConfig config = RunDefinition.parse(Files.readString(dir.resolve("run.json"))).config();
                double[] seconds = epochSeconds(Files.readAllLines(dir.resolve("history.tsv")));
                runs.add(new StudyArithmetic.Run(config.model(), config.batchSize(), seconds.length,
                        Arrays.stream(seconds).sum()));
            } catch (IOException | RuntimeException e) {
                skipped.add(dir.getFileName() + ": " + e.getMessage());
            }
        }
        return new Listing(runs, skipped);
    }

    /** The seconds column of a {@code history.tsv} (a {@code #} line, a header naming the columns, one row per epoch). */
    static double[] epochSeconds(List<String> lines) {
        List<String> rows = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("history.tsv has no header");
        }
        int column = Arrays.asList(rows.get(0).split("\t")).indexOf("seconds");
        if (column < 0) {
            throw new IllegalArgumentException("history.tsv has no seconds column");
        }
        return rows.subList(1, rows.size()).stream().mapToDouble(r -> Double.parseDouble(r.split("\t")[column]))
                .toArray();
    }
}
