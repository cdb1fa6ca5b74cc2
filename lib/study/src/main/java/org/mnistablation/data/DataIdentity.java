package org.mnistablation.data;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Names the data of a run in the run cache. {@code split} is the study's split the run is evaluated on (its test
 * set) — for a run on that split's own training and validation sets it is all there is, so those runs keep the
 * identity they always had. A run on other images adds their content digests; {@link #NONE} marks a run without
 * validation data.
 *
 * @param split      the split's identity, e.g. "mnist-0123456789abcdef"
 * @param train      null for the split's own training set, else the digest of the images trained on
 * @param validation null for the split's own validation set, {@link #NONE} for none, else the images' digest
 */
public record DataIdentity(String split, String train, String validation) {

    public static final String NONE = "none";

    /**
     * Digests computed so far, by the images they describe: a documented cache, so that a notebook passing the same
     * images to several fits hashes them once. Weak keys: forgotten with the images.
     */
    private static final Map<LabeledImages, String> DIGESTS = Collections.synchronizedMap(new WeakHashMap<>());

    public DataIdentity {
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("a run's data needs the identity of the study's split");
        }
    }

    /** The study's own training and validation sets of {@code split}. */
    public static DataIdentity of(StudySplit split) {
        return new DataIdentity(split.identity(), null, null);
    }

    /** Training on {@code train}, validating on {@code validation} (null: none), evaluated on {@code split}'s test set. */
    public static DataIdentity of(StudySplit split, LabeledImages train, LabeledImages validation) {
        return new DataIdentity(split.identity(), train == split.train() ? null : digest(train),
                validation == null ? NONE : validation == split.validation() ? null : digest(validation));
    }

    /** "content-" and the first 16 hex digits of SHA-256 over the pixels and labels, computed once per images. */
    public static String digest(LabeledImages images) {
        String known = DIGESTS.get(images);
        if (known == null) {
            known = "content-" + images.rows() + "x" + images.cols() + "-" + StudyData.digest(images);
            DIGESTS.put(images, known);
        }
        return known;
    }

    @Override
    public String toString() {
        return split + (train != null ? ", train " + train : "") + (validation != null ? ", validation " + validation : "");
    }
}
