package org.mnistablation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mnistablation.cache.RunDefinition;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;

/**
 * Reads the runs a run cache holds, without changing it (unlike {@code RunCache.load}, which removes damaged
 * entries): each entry's {@code run.json} gives the model and batch size, its {@code history.tsv} the epochs run and
 * their seconds. Entries being written, of another format or unreadable are counted as skipped.
 * <p>What was trained is counted once: runs of one trajectory on the fused engine (the same run but for its epochs
 * and early stopping) share their epochs ({@code Trajectories}), so of those only the longest counts.
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
        Map<String, StudyArithmetic.Run> trained = new LinkedHashMap<>();
        for (Path dir : entries) {
            try {
                RunDefinition run = RunDefinition.parse(Files.readString(dir.resolve("run.json")));
                RunConfig config = run.config();
                double[] seconds = epochSeconds(Files.readAllLines(dir.resolve("history.tsv")));
                StudyArithmetic.Run r = new StudyArithmetic.Run(config.model(), config.batchSize(), seconds.length,
                        Arrays.stream(seconds).sum());
                String shared = Engine.choose(config.model()).engine() == Engine.FUSED ? run.trajectoryKey() : run.key();
                trained.merge(shared, r, (a, b) -> a.epochs() >= b.epochs() ? a : b);
            } catch (IOException | RuntimeException e) {
                skipped.add(dir.getFileName() + ": " + e.getMessage());
            }
        }
        runs.addAll(trained.values());
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
