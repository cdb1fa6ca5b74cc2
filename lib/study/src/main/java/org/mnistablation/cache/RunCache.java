package org.mnistablation.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.History;

/**
 * Finished runs on disk, one directory per run named by a hash of (configuration incl. seed, data identity,
 * training-code version). An entry is written to a temporary directory and renamed into place, so an interrupted
 * write leaves no entry; every file's SHA-256 is recorded and checked on load, and an entry that fails the check
 * is removed so the run is trained again.
 */
public final class RunCache {

    /** Bump when training semantics change, so older entries are not reused. */
    public static final String TRAINING_VERSION = "keras3-dl4j-1.0.0-M2.1/sequential-v3";

    private static final String[] FILES = {"history.tsv", "parameters.f32", "test_probabilities.f32", "test.properties",
            "config.ser"};

    private final Path root;

    public RunCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The cache key of a run: SHA-256 over the whole configuration, the data and the training-code version. */
    public static String key(RunConfig config, String dataIdentity) {
        String text = config.describe() + "\n" + dataIdentity + "\n" + TRAINING_VERSION;
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
    }

    public Path entry(RunConfig config, String dataIdentity) {
        return root.resolve(key(config, dataIdentity));
    }

    /** The stored run, or empty when there is none or the stored one was damaged (it is then deleted). */
    public Optional<RunResult> load(RunConfig config, String dataIdentity) {
        return load(key(config, dataIdentity)).filter(r -> r.config().equals(config) && r.dataIdentity().equals(dataIdentity));
    }

    /** The stored run under {@code key}, or empty when there is none or it was damaged (it is then deleted). */
    public Optional<RunResult> load(String key) {
        Path dir = root.resolve(key);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            verify(dir);
            RunConfig config = readConfig(dir.resolve("config.ser"));
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
            return Optional.of(new RunResult(config, test.getProperty("data"), history, params, eval,
                    test.getProperty("engine", "?"), true));
        } catch (IOException | RuntimeException e) {
            System.out.println("run cache: entry " + dir.getFileName() + " is damaged (" + e.getMessage()
                    + "); it is removed and the run is trained again");
            deleteTree(dir);
            return Optional.empty();
        }
    }

    /** Stores a run atomically; an existing complete entry for the same key is kept. */
    public void store(RunResult run) {
        Path dir = entry(run.config(), run.dataIdentity());
        Path tmp = null;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, dir.getFileName() + ".tmp-");
            writeHistory(tmp.resolve("history.tsv"), run.history());
            writeFloats(tmp.resolve("parameters.f32"), run.parameters());
            writeConfig(tmp.resolve("config.ser"), run.config());
            writeFloats(tmp.resolve("test_probabilities.f32"), run.test().probabilities());
            Properties test = new Properties();
            test.setProperty("loss", Double.toString(run.test().loss()));
            test.setProperty("accuracy", Double.toString(run.test().accuracy()));
            test.setProperty("config", run.config().describe());
            test.setProperty("data", run.dataIdentity());
            test.setProperty("engine", run.engine());
            try (var out = Files.newBufferedWriter(tmp.resolve("test.properties"))) {
                test.store(out, "test-set evaluation");
            }
            writeChecksums(tmp);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                deleteTree(tmp); // another writer finished first; its entry is equivalent
            }
        } catch (IOException e) {
            if (tmp != null) {
                deleteTree(tmp);
            }
            throw new UncheckedIOException("could not write the run cache under " + root + ": " + e.getMessage()
                    + ". Set STUDY_RUNS_DIR to a writable directory.", e);
        }
    }

    /** Removes temporary directories left by interrupted writes. */
    public void cleanTemporaries() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> p.getFileName().toString().contains(".tmp-")).forEach(RunCache::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeChecksums(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : FILES) {
            sb.append(HexFormat.of().formatHex(sha256(Files.readAllBytes(dir.resolve(f))))).append("  ").append(f).append('\n');
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sb.toString());
    }

    private static void verify(Path dir) throws IOException {
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

    private static void writeHistory(Path file, History h) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# best_epoch=").append(h.bestEpoch()).append(" stopped_early=").append(h.stoppedEarly())
                .append(" restored_best=").append(h.restoredBest()).append('\n');
        sb.append("epoch\tloss\taccuracy\tval_loss\tval_accuracy\tseconds\n");
        for (EpochStats e : h.epochs()) {
            sb.append(e.epoch()).append('\t').append(e.loss()).append('\t').append(e.accuracy()).append('\t')
                    .append(e.valLoss()).append('\t').append(e.valAccuracy()).append('\t').append(e.seconds()).append('\n');
        }
        Files.writeString(file, sb.toString());
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

    private static void writeConfig(Path file, RunConfig config) throws IOException {
        try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(config);
        }
    }

    private static RunConfig readConfig(Path file) throws IOException {
        try (var in = new java.io.ObjectInputStream(Files.newInputStream(file))) {
            return (RunConfig) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("config.ser holds no run configuration of this version: " + e.getMessage(), e);
        }
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(values.length);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    private static float[] readFloats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.getInt();
        if (b.remaining() != n * 4L) {
            throw new IOException(file.getFileName() + " holds " + b.remaining() / 4 + " values, expected " + n);
        }
        float[] v = new float[n];
        b.asFloatBuffer().get(v);
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
