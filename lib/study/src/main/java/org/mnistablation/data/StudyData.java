package org.mnistablation.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mnistablation.settings.StudySettings;

/**
 * Loads a dataset and splits it as the study does: train = the first 55,000 training images, validation = the
 * rest (the last 5,000), test = the 10,000 test images.
 *
 * <p><b>Cache:</b> loaded splits are kept in memory for the life of the JVM, keyed by the absolute directory they
 * were read from, so notebooks can call {@link #load(String, StudySettings)} in every cell without re-reading 70,000 images. This is
 * the package's only static mutable state; files changed on disk after a load are not noticed until the JVM (the
 * notebook kernel) restarts.
 */
public final class StudyData {

    public static final int TRAIN = 55_000;

    private record Loaded(StudySplit split, String provenance) {
    }

    private static final Map<Path, Loaded> LOADED = new ConcurrentHashMap<>();

    private StudyData() {
    }

    /**
     * Finds (or downloads) and loads {@code dataset} ("mnist" or "fashion-mnist"); see {@link DatasetLocator} for
     * where it looks. The split's identity is the dataset name plus a content digest.
     */
    public static StudySplit load(String dataset, StudySettings settings) {
        return loaded(dataset, settings).split();
    }

    /** Loads the four files in {@code dir} (no search, no download). */
    public static StudySplit load(DatasetSpec spec, Path dir) {
        return loaded(new DatasetLocator.Location(spec, dir, "given directory")).split();
    }

    /**
     * Where {@code dataset}'s files came from and, per file, whether it matches the canonical checksum (loading it
     * if needed), e.g. for a notebook's data section.
     */
    public static String provenance(String dataset, StudySettings settings) {
        return loaded(dataset, settings).provenance();
    }

    private static Loaded loaded(String dataset, StudySettings settings) {
        DatasetLocator locator = DatasetLocator.of(DatasetSpec.byName(dataset), settings);
        // the notebooks' path: a parsed copy in the data cache spares each kernel the IDX parse (ParsedCopy)
        Path parsed = settings.parsedCache() ? locator.cacheDir().resolve("parsed") : null;
        return loaded(locator.find(), parsed);
    }

    private static Loaded loaded(DatasetLocator.Location where) {
        return loaded(where, null);
    }

    private static Loaded loaded(DatasetLocator.Location where, Path parsed) {
        return LOADED.computeIfAbsent(where.dir().toAbsolutePath().normalize(), d -> read(where, parsed));
    }

    private static Loaded read(DatasetLocator.Location where, Path parsed) {
        StudySplit split = split(where, TRAIN, parsed);
        return new Loaded(split, where.provenance() + "\n  identity " + split.identity() + "; " + split.shapes());
    }

    /** Reads the four files and splits the training set after {@code trainCount} images (no caching). */
    static StudySplit split(DatasetLocator.Location where, int trainCount) {
        return split(where, trainCount, null);
    }

    /**
     * Like {@link #split(DatasetLocator.Location, int)}, reading the sets from the parsed copy under {@code parsed}
     * when there is one for these files (and writing it when not); null reads the files.
     */
    static StudySplit split(DatasetLocator.Location where, int trainCount, Path parsed) {
        ParsedCopy.Copy copy = parsed != null ? ParsedCopy.read(parsed, where) : null;
        if (copy != null) {
            requireMoreThan(where, copy.train().count(), trainCount);
            return new StudySplit(copy.train().images(0, trainCount), copy.train().images(trainCount, copy.train().count()),
                    copy.test().images(0, copy.test().count()), copy.identity());
        }
        LabeledImages train = IdxReader.read(where.file(DatasetSpec.TRAIN_IMAGES), where.file(DatasetSpec.TRAIN_LABELS),
                28, 28, 10);
        LabeledImages test = IdxReader.read(where.file(DatasetSpec.TEST_IMAGES), where.file(DatasetSpec.TEST_LABELS),
                28, 28, 10);
        requireMoreThan(where, train.count(), trainCount);
        String identity = where.spec().name() + "-" + digest(train, test);
        if (parsed != null) {
            ParsedCopy.write(parsed, where, new ParsedCopy.Sets(train, test, identity));
        }
        return new StudySplit(train.slice(0, trainCount), train.slice(trainCount, train.count()), test, identity);
    }

    private static void requireMoreThan(DatasetLocator.Location where, int count, int trainCount) {
        if (count <= trainCount) {
            throw new DatasetException(where.file(DatasetSpec.TRAIN_IMAGES) + " holds " + count + " images; the "
                    + "study's split needs more than " + trainCount + " (" + trainCount + " train + validation). Use "
                    + "the full " + where.spec().name() + " training file (60,000 images).");
        }
    }

    /**
     * SHA-256 over each set's pixels (as big-endian float32) then its labels (as big-endian int32), first 16 hex
     * digits: names the data in run-cache keys. (Keep this byte layout: cached runs are keyed on it.)
     */
    static String digest(LabeledImages... sets) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer bytes = ByteBuffer.allocate(1 << 18);
            FloatBuffer floats = bytes.asFloatBuffer();
            IntBuffer ints = bytes.asIntBuffer();
            int chunk = bytes.capacity() / 4;
            for (LabeledImages s : sets) {
                float[] px = s.pixels();
                for (int off = 0; off < px.length; off += chunk) {
                    int n = Math.min(chunk, px.length - off);
                    floats.clear();
                    floats.put(px, off, n);
                    md.update(bytes.array(), 0, n * 4);
                }
                int[] labels = s.labels();
                for (int off = 0; off < labels.length; off += chunk) {
                    int n = Math.min(chunk, labels.length - off);
                    ints.clear();
                    ints.put(labels, off, n);
                    md.update(bytes.array(), 0, n * 4);
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
