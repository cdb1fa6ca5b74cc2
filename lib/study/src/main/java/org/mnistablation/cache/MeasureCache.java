package org.mnistablation.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Numbers computed from a finished run's stored weights (its training-set evaluation, a robustness curve, …), kept
 * beside the run cache so they are computed once: {@code <runs>/measures/<run key>/<measure>.txt}, one value per line.
 * A measure's id carries its version (e.g. {@code "train-eval-v1"}): change the computation, change the id, and the
 * old values are no longer read. Files are written to a temporary name and renamed, so a reader sees either nothing
 * or the whole file; a file that does not parse is computed again.
 *
 * <pre>{@code
 * double[] lossAndAccuracy = measures.get(run, "train-eval-v1", () -> new double[]{loss, accuracy});
 * }</pre>
 * Values measured on several runs together are kept under {@code <runs>/measures/joint/<key>/}, the key hashing the
 * measure id, the conditions and the runs' keys in order ({@link #getJoint}).
 */
public final class MeasureCache {

    private final Path root;

    /** Measures of the runs cached under {@code runCacheRoot}. */
    public MeasureCache(Path runCacheRoot) {
        this.root = runCacheRoot.resolve("measures");
    }

    /** The stored values of {@code measureId} for {@code run}, or {@code compute}'s, which are then stored. */
    public double[] get(RunResult run, String measureId, Supplier<double[]> compute) {
        checkId(measureId);
        return stored(root.resolve(run.definition().key()).resolve(measureId + ".txt"), compute);
    }

    /**
     * The stored values of {@code measureId} taken on {@code runs} together, in this order, under {@code conditions}
     * (what else the values depend on, e.g. the machine a time was measured on), or {@code compute}'s, which are
     * then stored: for measures of several runs at once, such as step times timed in interleaved rounds.
     */
    public double[] getJoint(List<RunResult> runs, String measureId, String conditions, Supplier<double[]> compute) {
        checkId(measureId);
        StringBuilder identity = new StringBuilder(measureId).append('\n').append(conditions).append('\n');
        runs.forEach(r -> identity.append(r.definition().key()).append('\n'));
        String key = HexFormat.of().formatHex(RunCache.sha256(identity.toString().getBytes(StandardCharsets.UTF_8)));
        return stored(root.resolve("joint").resolve(key.substring(0, 32)).resolve(measureId + ".txt"), compute);
    }

    private static void checkId(String measureId) {
        if (!measureId.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("a measure id is lower-case letters, digits, '.' or '-', e.g. "
                    + "\"train-eval-v1\"; got \"" + measureId + "\"");
        }
    }

    private static double[] stored(Path file, Supplier<double[]> compute) {
        double[] stored = read(file);
        if (stored != null) {
            return stored;
        }
        double[] values = compute.get().clone();
        write(file, values);
        return values;
    }

    private static double[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static void write(Path file, double[] values) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            StringBuilder sb = new StringBuilder();
            Arrays.stream(values).forEach(v -> sb.append(String.format(Locale.ROOT, "%s%n", Double.toString(v))));
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // not kept for the next session; the values are still returned
            System.out.println("warning: could not store a measure in " + file.getParent() + ": " + e.getMessage());
        }
    }
}
