package org.mnistablation.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mnistablation.train.Checkpoint;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Trajectory;

/**
 * The run cache's recorded trajectories ({@link Trajectory}), one directory per trajectory under
 * {@code trajectories/}, named by {@link RunDefinition#trajectoryKey()}: {@code trajectory.json} (what names it),
 * {@code epoch-NNN.f32} (the parameters after each epoch trained) and {@code checkpoint.bin} (the history of every
 * recorded epoch and the state after the last), all written when a run has trained its last epoch (an interrupted
 * run records nothing). A run holds its trajectory's lock ({@link #lockKey}) while it reads and extends it. Every
 * file is written atomically, the parameter and checkpoint files with their own SHA-256 at the end; a damaged one is
 * removed and counts as not recorded, so the run trains those epochs again.
 * <p>The parameters of every epoch are kept (4 bytes per parameter and epoch, 0.4 MB for the baseline): a later run
 * of any length or early stopping ends on any of them without training.
 */
final class Trajectories {

    static final String DIR = "trajectories";
    private static final int MAGIC = 0x4d4e5443; // "MNTC"
    private static final int VERSION = 2; // little-endian, as the cache's other files (1 was big-endian)

    private final RunCache cache;

    Trajectories(RunCache cache) {
        this.cache = cache;
    }

    /** The name of the lock a run holds while it uses its trajectory. */
    static String lockKey(RunDefinition run) {
        return "trajectory-" + run.trajectoryKey();
    }

    /** The recorded trajectory of {@code run} (empty when none is), ready to record what the run trains. */
    Trajectory of(RunDefinition run) {
        return new Stored(cache.root().resolve(DIR).resolve(run.trajectoryKey()), run.trajectoryJson());
    }

    private final class Stored implements Trajectory {

        private final Path dir;
        private final String json;
        private final Map<Integer, float[]> trained = new TreeMap<>();
        /** Parameters read and verified once: a replayed run asks for an epoch's when checking it and when using it. */
        private final Map<Integer, float[]> read = new HashMap<>();
        private int recordedEpochs;

        Stored(Path dir, String json) {
            this.dir = dir;
            this.json = json;
        }

        @Override
        public Checkpoint checkpoint() {
            Path file = dir.resolve("checkpoint.bin");
            if (!Files.exists(file)) {
                return null;
            }
            try {
                String stored = Files.readString(dir.resolve("trajectory.json"));
                if (!stored.equals(json)) {
                    throw new IOException("trajectory.json names another trajectory");
                }
                Checkpoint c = decode(verified(file));
                recordedEpochs = c.epochs().size();
                return c;
            } catch (IOException | RuntimeException e) {
                cache.warn("run cache: trajectory " + dir.getFileName() + "'s checkpoint is damaged (" + e.getMessage()
                        + "); it is removed and its epochs are trained again");
                delete(file);
                return null;
            }
        }

        @Override
        public float[] parametersAfter(int epoch) {
            float[] known = read.get(epoch);
            if (known != null) {
                return known;
            }
            Path file = epochFile(epoch);
            if (!Files.exists(file)) {
                return null;
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(verified(file)).order(ByteOrder.LITTLE_ENDIAN);
                float[] v = RunCache.floats(b);
                if (b.hasRemaining()) {
                    throw new IOException(b.remaining() + " bytes after its " + v.length + " values");
                }
                read.put(epoch, v);
                return v;
            } catch (IOException | RuntimeException e) {
                cache.warn("run cache: " + dir.getFileName() + "/" + file.getFileName() + " is damaged ("
                        + e.getMessage() + "); it is removed");
                delete(file);
                return null;
            }
        }

        @Override
        public void trained(EpochStats stats, float[] parameters) {
            trained.put(stats.epoch(), parameters); // written when the run ends: an interrupted run leaves nothing
        }

        @Override
        public void ended(Checkpoint checkpoint) {
            List<Path> written = new ArrayList<>();
            try {
                for (var e : trained.entrySet()) {
                    Path file = epochFile(e.getKey());
                    if (Files.exists(file)) {
                        continue; // recorded by an earlier run: the same values
                    }
                    cache.writeAtomically(file, withChecksum(RunCache.floatBytes(e.getValue())));
                    written.add(file);
                }
                if (checkpoint.epochs().size() > recordedEpochs) { // else a longer record is kept
                    cache.writeAtomically(dir.resolve("trajectory.json"), json.getBytes(StandardCharsets.UTF_8));
                    cache.writeAtomically(dir.resolve("checkpoint.bin"), withChecksum(encode(checkpoint)));
                    recordedEpochs = checkpoint.epochs().size();
                }
            } catch (IOException | UncheckedIOException e) {
                // nothing half-recorded is left; the run's own entry, written next, reports what is wrong with the
                // cache, and later runs of this trajectory train these epochs again
                written.forEach(Trajectories::delete);
                delete(dir); // when empty
                delete(dir.getParent());
            } finally {
                trained.clear();
            }
        }

        private Path epochFile(int epoch) {
            return dir.resolve(String.format(Locale.ROOT, "epoch-%03d.f32", epoch));
        }
    }

    private static byte[] withChecksum(byte[] content) {
        byte[] out = Arrays.copyOf(content, content.length + 32);
        System.arraycopy(RunCache.sha256(content), 0, out, content.length, 32);
        return out;
    }

    /** The content of {@code file} without its trailing SHA-256, which it must match. */
    private static byte[] verified(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 32) {
            throw new IOException("too short");
        }
        byte[] content = Arrays.copyOf(all, all.length - 32);
        if (!Arrays.equals(RunCache.sha256(content), Arrays.copyOfRange(all, all.length - 32, all.length))) {
            throw new IOException("it does not match its checksum");
        }
        return content;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a directory still in use, or another process's file: it is checked again when read
        }
    }

    static byte[] encode(Checkpoint c) {
        List<byte[]> arrays = new ArrayList<>();
        arrays.add(RunCache.floatBytes(c.parameters()));
        c.optimizer().arrays().forEach(a -> arrays.add(RunCache.floatBytes(a)));
        int size = 12 + c.epochs().size() * (4 + 5 * 8) + 8 + 4 + 16
                + arrays.stream().mapToInt(a -> a.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(c.epochs().size());
        for (EpochStats e : c.epochs()) {
            out.putInt(e.epoch()).putDouble(e.loss()).putDouble(e.accuracy()).putDouble(e.valLoss())
                    .putDouble(e.valAccuracy()).putDouble(e.seconds());
        }
        out.put(arrays.get(0));
        out.putLong(c.optimizer().steps()).putInt(arrays.size() - 1);
        arrays.subList(1, arrays.size()).forEach(out::put);
        out.putLong(c.shuffleState()).putLong(c.dropoutState());
        return out.array();
    }

    static Checkpoint decode(byte[] content) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IOException("not a checkpoint of this version");
        }
        int n = in.getInt();
        List<EpochStats> epochs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            epochs.add(new EpochStats(in.getInt(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(),
                    in.getDouble()));
        }
        float[] parameters = RunCache.floats(in);
        long steps = in.getLong();
        int count = in.getInt();
        List<float[]> state = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            state.add(RunCache.floats(in));
        }
        Checkpoint c = new Checkpoint(epochs, parameters, new Checkpoint.OptimizerState(steps, state), in.getLong(),
                in.getLong());
        if (in.hasRemaining()) {
            throw new IOException(in.remaining() + " bytes too many");
        }
        return c;
    }
}
