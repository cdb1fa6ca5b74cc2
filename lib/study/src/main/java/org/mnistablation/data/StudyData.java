package org.mnistablation.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a dataset and splits it as the study does: train = first 55,000 training images, validation = the last
 * 5,000, test = the 10,000 test images. Loaded splits are kept in memory per directory (a documented cache, so
 * notebooks can ask repeatedly without re-reading 70,000 images).
 */
public final class StudyData {

    public static final int TRAIN = 55_000;

    private static final Map<Path, StudySplit> LOADED = new ConcurrentHashMap<>();

    private StudyData() {
    }

    /** Finds (or downloads) and loads {@code dataset} ("mnist" or "fashion-mnist"). */
    public static StudySplit load(String dataset) {
        DatasetSpec spec = DatasetSpec.byName(dataset);
        return load(spec, DatasetLocator.fromEnvironment(spec).locate());
    }

    public static StudySplit load(DatasetSpec spec, Path dir) {
        return LOADED.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> read(spec, d));
    }

    private static StudySplit read(DatasetSpec spec, Path dir) {
        LabeledImages train = IdxReader.read(dir.resolve(DatasetSpec.TRAIN_IMAGES), dir.resolve(DatasetSpec.TRAIN_LABELS), 28, 28, 10);
        LabeledImages test = IdxReader.read(dir.resolve(DatasetSpec.TEST_IMAGES), dir.resolve(DatasetSpec.TEST_LABELS), 28, 28, 10);
        if (train.count() <= TRAIN) {
            throw new DatasetException(dir + ": the training file holds " + train.count() + " images; the study's split "
                    + "needs more than " + TRAIN + " (55,000 train + validation)");
        }
        String identity = spec.name() + "-" + digest(train, test);
        return new StudySplit(train.slice(0, TRAIN), train.slice(TRAIN, train.count()), test, identity);
    }

    /** SHA-256 over the pixels and labels, first 16 hex digits: names the data in run-cache keys. */
    static String digest(LabeledImages... sets) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
            for (LabeledImages s : sets) {
                for (float f : s.pixels()) {
                    if (b.remaining() < 4) {
                        md.update(b.array(), 0, b.position());
                        b.clear();
                    }
                    b.putFloat(f);
                }
                for (int l : s.labels()) {
                    if (b.remaining() < 4) {
                        md.update(b.array(), 0, b.position());
                        b.clear();
                    }
                    b.putInt(l);
                }
            }
            md.update(b.array(), 0, b.position());
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
