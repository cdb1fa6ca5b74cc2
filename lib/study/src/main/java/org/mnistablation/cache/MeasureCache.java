package org.mnistablation.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
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
 */
public final class MeasureCache {

    private final Path root;

    /** Measures of the runs cached under {@code runCacheRoot}. */
    public MeasureCache(Path runCacheRoot) {
        this.root = runCacheRoot.resolve("measures");
    }

    /** The stored values of {@code measureId} for {@code run}, or {@code compute}'s, which are then stored. */
    public double[] get(RunResult run, String measureId, Supplier<double[]> compute) {
        if (!measureId.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("a measure id is lower-case letters, digits, '.' or '-', e.g. "
                    + "\"train-eval-v1\"; got \"" + measureId + "\"");
        }
        Path file = root.resolve(run.definition().key()).resolve(measureId + ".txt");
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
