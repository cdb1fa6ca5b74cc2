package org.mnistablation.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.History;

/**
 * Finished runs on disk, one directory per run named by its {@link RunDefinition#key() definition's key} and holding
 * that definition as {@code run.json}. An entry is written to a temporary directory and renamed into place, so an interrupted
 * write leaves no entry; every file's SHA-256 is recorded and checked on load, and an entry that fails the check
 * is removed so the run is trained again.
 * <p>Several writers at once (two kernels, or parallel runs in one) are expected: when the entry appeared while a
 * run was being written, the complete entry already there is kept and the new copy dropped (both hold the same
 * run); a damaged one is replaced. Temporary directories carry their writer's process id, so a starting kernel
 * removes only those of processes that are gone. A cache that cannot be written (full disk, no permission, a file
 * where the directory should be) is reported as a warning naming the directory; the run's result is still returned,
 * it is just not kept for the next session.
 */
public final class RunCache {

    static final String[] FILES = {"history.tsv", "parameters.f32", "test_probabilities.f32", "test.properties",
            "run.json"};

    /** How an entry's files reach the disk; tests substitute one that fails (e.g. "No space left on device"). */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file, byte[] bytes) throws IOException;

        /**
         * Plain file output: unlike {@code Files.write} (an interruptible channel), an interrupt arriving while a
         * finished run is stored does not abort the write.
         */
        FileWriter DEFAULT = (file, bytes) -> {
            try (var out = new java.io.FileOutputStream(file.toFile())) {
                out.write(bytes);
            }
        };
    }

    private static final String TMP = ".tmp-";

    private final Path root;
    private final FileWriter writer;
    private final Consumer<String> warnings;
    /**
     * Runs this cache loaded, by key, with the size and modification time of the entry's files then: a notebook
     * reading the same runs again (the Summary reads every task's) reads and verifies an entry once, unless its
     * files changed since.
     */
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(RunResult run, String stamp) {
    }

    /** A cache under {@code root}; warnings (a cache that cannot be written) go to standard output. */
    public RunCache(Path root) {
        this(root, FileWriter.DEFAULT, m -> System.out.println(m));
    }

    /**
     * @param writer   writes each file of a new entry
     * @param warnings receives a message when the cache cannot be written or an entry is damaged
     */
    public RunCache(Path root, FileWriter writer, Consumer<String> warnings) {
        this.root = root;
        this.writer = writer;
        this.warnings = warnings;
    }

    public Path root() {
        return root;
    }

    /** The cache key of a run on the study's own split {@code splitIdentity} ({@link RunDefinition#key()}). */
    public static String key(RunConfig config, String splitIdentity) {
        return RunDefinition.of(config, splitIdentity).key();
    }

    public Path entry(RunDefinition run) {
        return root.resolve(run.key());
    }

    /** The stored run, or empty when there is none or the stored one was damaged (it is then deleted). */
    public Optional<RunResult> load(RunDefinition run) {
        return load(run.key()).filter(r -> r.definition().json().equals(run.json()));
    }

    /** The stored run under {@code key}, or empty when there is none or it was damaged (it is then deleted). */
    public Optional<RunResult> load(String key) {
        Path dir = root.resolve(key);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Loaded seen = loaded.get(key);
        String stamp = stamp(dir);
        if (seen != null && seen.stamp().equals(stamp)) {
            return Optional.of(seen.run());
        }
        if (!Files.exists(dir.resolve("run.json"))) {
            return Optional.empty(); // an entry of an older format: LegacyEntries converts or lists it
        }
        try {
            RunDefinition definition = RunDefinition.parse(Files.readString(dir.resolve("run.json")));
            verify(dir);
            RunConfig config = definition.config();
            History history = readHistory(dir.resolve("history.tsv"));
            float[] params = readFloats(dir.resolve("parameters.f32"));
            float[] probs = readFloats(dir.resolve("test_probabilities.f32"));
            Properties test = new Properties();
            try (var in = Files.newBufferedReader(dir.resolve("test.properties"))) {
                test.load(in);
            }
            int[] predicted = argmaxRows(probs, config.model().outputs());
            Evaluation eval = new Evaluation(Double.parseDouble(test.getProperty("loss")),
                    Double.parseDouble(test.getProperty("accuracy")), probs, predicted);
            RunResult run = new RunResult(config, definition.data(), history, params, eval,
                    Engine.Choice.parse(test.getProperty("engine", "?")), true);
            loaded.put(key, new Loaded(run, stamp));
            return Optional.of(run);
        } catch (RunDefinition.OtherFormatException e) {
            warnings.accept("run cache: entry " + dir.getFileName() + " is ignored (" + e.getMessage() + ")");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (Files.isDirectory(dir)) { // another process may have replaced it meanwhile
                warnings.accept("run cache: entry " + dir.getFileName() + " is damaged (" + e.getMessage()
                        + "); it is removed and the run is trained again");
                discard(dir);
            }
            return Optional.empty();
        }
    }

    /**
     * Stores a run atomically and returns true, or returns false after a warning naming the directory when the cache
     * cannot be written (the caller keeps the result). An existing complete entry for the same key is kept (another
     * writer stored the same run first); a damaged one is replaced.
     */
    public boolean store(RunResult run) {
        try {
            writeEntry(run.definition(), List.of(historyBytes(run.history()), floatBytes(run.parameters()),
                    floatBytes(run.test().probabilities()), testBytes(run)));
            return true;
        } catch (IOException | UncheckedIOException e) {
            warnings.accept("warning: the run cache " + root + " could not be written (" + describe(e)
                    + "); this run's result is used now but not kept for the next session. Free space there, make it "
                    + "writable, or set STUDY_RUNS_DIR to a writable directory.");
            return false;
        }
    }

    /**
     * Writes the entry of {@code run} from the contents of its {@link #FILES} but the last ({@code run.json}, written
     * here) into a temporary directory, then renames it into place.
     */
    void writeEntry(RunDefinition run, List<byte[]> results) throws IOException {
        Path dir = entry(run);
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, dir.getFileName() + TMP + "p" + ProcessHandle.current().pid() + "-");
            List<byte[]> contents = new ArrayList<>(results);
            contents.add(run.json().getBytes(StandardCharsets.UTF_8));
            StringBuilder sums = new StringBuilder();
            for (int i = 0; i < FILES.length; i++) {
                writer.write(tmp.resolve(FILES[i]), contents.get(i));
                sums.append(HexFormat.of().formatHex(sha256(contents.get(i)))).append("  ").append(FILES[i]).append('\n');
            }
            // written last: an entry without it (a writer killed before this line) never loads
            writer.write(tmp.resolve("SHA256SUMS"), sums.toString().getBytes(StandardCharsets.UTF_8));
            moveIntoPlace(tmp, dir);
            tmp = null;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * Renames the finished temporary directory {@code tmp} to {@code dir}. When {@code dir} exists (another writer
     * finished the same run first) the existing entry is kept if it is complete, else it is moved aside and replaced.
     */
    private void moveIntoPlace(Path tmp, Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException e) {
                // Linux reports a non-empty target as a plain FileSystemException ("Directory not empty")
                if (!Files.exists(dir)) {
                    if (attempt < 3) {
                        continue; // it was being replaced just now
                    }
                    throw e;
                }
            }
            if (isComplete(dir)) {
                deleteTree(tmp); // an equivalent entry is already there
                return;
            }
            if (attempt >= 3) {
                throw new IOException("entry " + dir + " stays incomplete while another process writes it");
            }
            discard(dir);
        }
    }

    /** Whether {@code dir} is an entry whose files all match its checksums. */
    private static boolean isComplete(Path dir) {
        try {
            verify(dir);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Renames {@code dir} out of the entries' names first, so a half-deleted entry is never seen, then deletes it. */
    static void discard(Path dir) {
        Path aside = dir.resolveSibling(dir.getFileName() + TMP + "p" + ProcessHandle.current().pid() + "-discard-"
                + System.nanoTime());
        try {
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return; // gone already, or replaced by another process
        }
        deleteTree(aside);
    }

    private static String describe(Exception e) {
        Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
        String m = c.getMessage();
        if (c instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            m = f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "");
        }
        return m == null ? c.toString() : m;
    }

    /** Where warnings of this cache go (also used for the task manifests). */
    void warn(String message) {
        warnings.accept(message);
    }

    /** Writes one small file atomically (temporary file, then rename), through this cache's writer. */
    void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + TMP + "p" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        try {
            writer.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes temporary directories left by interrupted writes: those of processes that are no longer running
     * (a temporary directory of a live process is another kernel's write in progress), and unlabelled old ones.
     */
    public void cleanTemporaries() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> abandoned(p.getFileName().toString())).forEach(RunCache::deleteTree);
        } catch (IOException e) {
            warnings.accept("warning: could not list the run cache " + root + " (" + describe(e) + ")");
        }
        Path trajectories = root.resolve(Trajectories.DIR); // and the recorded trajectories' files being written
        if (Files.isDirectory(trajectories)) {
            try (Stream<Path> s = Files.walk(trajectories, 2)) {
                s.filter(p -> abandoned(p.getFileName().toString())).forEach(RunCache::deleteTree);
            } catch (IOException | UncheckedIOException e) {
                // left for the next start
            }
        }
    }

    /** Whether a name is a temporary directory whose writer is gone. */
    static boolean abandoned(String name) {
        int at = name.indexOf(TMP);
        if (at < 0) {
            return false;
        }
        String rest = name.substring(at + TMP.length());
        if (!rest.startsWith("p")) {
            return true; // no writer named: nobody's
        }
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest.substring(1) : rest.substring(1, dash));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static void verify(Path dir) throws IOException {
        Path sums = dir.resolve("SHA256SUMS");
        if (!Files.exists(sums)) {
            throw new IOException("no SHA256SUMS");
        }
        List<String> lines = Files.readAllLines(sums);
        if (lines.size() != FILES.length) {
            throw new IOException("SHA256SUMS lists " + lines.size() + " files, expected " + FILES.length);
        }
        for (String line : lines) {
            String[] parts = line.split("  ", 2);
            Path f = dir.resolve(parts[1]);
            if (!Files.exists(f)) {
                throw new IOException(parts[1] + " is missing");
            }
            String actual = HexFormat.of().formatHex(sha256(Files.readAllBytes(f)));
            if (!actual.equals(parts[0])) {
                throw new IOException(parts[1] + " does not match its checksum");
            }
        }
    }

    private static byte[] historyBytes(History h) {
        StringBuilder sb = new StringBuilder();
        sb.append("# best_epoch=").append(h.bestEpoch()).append(" stopped_early=").append(h.stoppedEarly())
                .append(" restored_best=").append(h.restoredBest()).append('\n');
        sb.append("epoch\tloss\taccuracy\tval_loss\tval_accuracy\tseconds\n");
        for (EpochStats e : h.epochs()) {
            sb.append(e.epoch()).append('\t').append(e.loss()).append('\t').append(e.accuracy()).append('\t')
                    .append(e.valLoss()).append('\t').append(e.valAccuracy()).append('\t').append(e.seconds()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] testBytes(RunResult run) throws IOException {
        Properties test = new Properties();
        test.setProperty("loss", Double.toString(run.test().loss()));
        test.setProperty("accuracy", Double.toString(run.test().accuracy()));
        test.setProperty("engine", run.engine().describe());
        var out = new java.io.StringWriter();
        test.store(out, "test-set evaluation");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static History readHistory(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String head = lines.get(0);
        int best = Integer.parseInt(field(head, "best_epoch"));
        boolean stopped = Boolean.parseBoolean(field(head, "stopped_early"));
        boolean restored = Boolean.parseBoolean(field(head, "restored_best"));
        List<EpochStats> epochs = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] v = line.split("\t");
            epochs.add(new EpochStats(Integer.parseInt(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
                    Double.parseDouble(v[3]), Double.parseDouble(v[4]), Double.parseDouble(v[5])));
        }
        if (epochs.isEmpty() || best < 1 || best > epochs.size()) {
            throw new IOException("history.tsv is incomplete");
        }
        return new History(epochs, best, stopped, restored);
    }

    private static String field(String header, String name) throws IOException {
        for (String part : header.substring(1).trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IOException("history.tsv header lacks " + name);
    }

    /** A float array as the cache stores it: its length, then the values, little-endian. */
    static byte[] floatBytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(values.length);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** The float array at {@code b}'s position, as {@link #floatBytes} wrote it (b little-endian); moves past it. */
    static float[] floats(ByteBuffer b) throws IOException {
        int n = b.getInt();
        if (n < 0 || b.remaining() < n * 4L) {
            throw new IOException("an array of " + n + " floats where " + b.remaining() / 4 + " remain");
        }
        float[] v = new float[n];
        b.asFloatBuffer().get(v);
        b.position(b.position() + n * 4);
        return v;
    }

    private static float[] readFloats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = floats(b);
        if (b.hasRemaining()) {
            throw new IOException(file.getFileName() + " holds " + b.remaining() / 4 + " values more than its "
                    + v.length);
        }
        return v;
    }

    private static int[] argmaxRows(float[] probs, int k) {
        int[] out = new int[probs.length / k];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (probs[i * k + c] > probs[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Names, sizes and modification times of an entry's files ("" when they cannot be read). */
    private static String stamp(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path f : files.sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                sb.append(f.getFileName()).append(':').append(a.size()).append(':')
                        .append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)).append('\n');
            }
            return sb.toString();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a left-over file is overwritten by the next attempt
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RunCache[%s]", root);
    }
}
