package org.mnistablation.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * run records nothing). A run holds its trajectory's lock ({@link #lockKey}) while it reads
 * and extends it. Every file ends with its own SHA-256 and is written atomically; a damaged one is removed and
 * counts as not recorded, so the run trains those epochs again.
 * <p>The parameters of every epoch are kept (4 bytes per parameter and epoch, 0.4 MB for the baseline): a later run
 * of any length or early stopping ends on any of them without training.
 */
final class Trajectories {

    static final String DIR = "trajectories";
    private static final int MAGIC = 0x4d4e5443; // "MNTC"
    private static final int VERSION = 1;

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
        public boolean keeps(int epoch) {
            return Files.exists(epochFile(epoch));
        }

        @Override
        public float[] parametersAfter(int epoch) {
            Path file = epochFile(epoch);
            if (!Files.exists(file)) {
                return null;
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(verified(file)).order(ByteOrder.LITTLE_ENDIAN);
                float[] v = new float[b.getInt()];
                if (b.remaining() != v.length * 4L) {
                    throw new IOException("it holds " + b.remaining() / 4 + " values, expected " + v.length);
                }
                b.asFloatBuffer().get(v);
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
                    float[] parameters = e.getValue();
                    ByteBuffer b = ByteBuffer.allocate(4 + parameters.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                    b.putInt(parameters.length);
                    b.asFloatBuffer().put(parameters);
                    write(file, withChecksum(b.array()));
                    written.add(file);
                }
                if (checkpoint.epochs().size() > recordedEpochs) { // else a longer record is kept
                    write(dir.resolve("trajectory.json"), json.getBytes(StandardCharsets.UTF_8));
                    write(dir.resolve("checkpoint.bin"), withChecksum(encode(checkpoint)));
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

        private void write(Path file, byte[] content) throws IOException {
            cache.writeAtomically(file, content);
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(c.epochs().size());
            for (EpochStats e : c.epochs()) {
                out.writeInt(e.epoch());
                out.writeDouble(e.loss());
                out.writeDouble(e.accuracy());
                out.writeDouble(e.valLoss());
                out.writeDouble(e.valAccuracy());
                out.writeDouble(e.seconds());
            }
            writeFloats(out, c.parameters());
            out.writeLong(c.optimizer().steps());
            out.writeInt(c.optimizer().arrays().size());
            for (float[] a : c.optimizer().arrays()) {
                writeFloats(out, a);
            }
            out.writeLong(c.shuffleState());
            out.writeLong(c.dropoutState());
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory
        }
        return bytes.toByteArray();
    }

    static Checkpoint decode(byte[] content) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(content); // big-endian, as DataOutputStream wrote it
        if (in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IOException("not a checkpoint of this version");
        }
        int n = in.getInt();
        List<EpochStats> epochs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            epochs.add(new EpochStats(in.getInt(), in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(),
                    in.getDouble()));
        }
        float[] parameters = readFloats(in);
        long steps = in.getLong();
        int arrays = in.getInt();
        List<float[]> state = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            state.add(readFloats(in));
        }
        Checkpoint c = new Checkpoint(epochs, parameters, new Checkpoint.OptimizerState(steps, state), in.getLong(),
                in.getLong());
        if (in.hasRemaining()) {
            throw new IOException(in.remaining() + " bytes too many");
        }
        return c;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeInt(Float.floatToRawIntBits(v));
        }
    }

    private static float[] readFloats(ByteBuffer in) {
        float[] v = new float[in.getInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.intBitsToFloat(in.getInt());
        }
        return v;
    }
}
