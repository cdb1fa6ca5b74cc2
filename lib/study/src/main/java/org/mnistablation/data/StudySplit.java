package org.mnistablation.data;

/**
 * The study's split: train = first 55,000 training images, validation = the last 5,000, test = the 10,000
 * test images. {@code identity} names the data (dataset name plus a content digest) for the run cache.
 * Load it with {@link StudyData#load(String)}.
 */
public record StudySplit(LabeledImages train, LabeledImages validation, LabeledImages test, String identity) {

    public StudySplit {
        if (train == null || validation == null || test == null) {
            throw new IllegalArgumentException("a split needs train, validation and test sets");
        }
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("a split needs an identity (dataset name and content digest)");
        }
        if (train.rows() != validation.rows() || train.rows() != test.rows()
                || train.cols() != validation.cols() || train.cols() != test.cols()) {
            throw new IllegalArgumentException("the parts of a split must share one image size: " + shapesOf(train,
                    validation, test));
        }
    }

    /**
     * The first {@code trainCount}/{@code validationCount}/{@code testCount} images of each part (quick mode, e.g.
     * when {@code STUDY_QUICK=1}); counts larger than a part keep the whole part. The identity records the sizes
     * taken, so cached runs of a subset never stand in for full runs.
     */
    public StudySplit subset(int trainCount, int validationCount, int testCount) {
        if (trainCount <= 0 || validationCount <= 0 || testCount <= 0) {
            throw new IllegalArgumentException("subset sizes must be positive, got train " + trainCount
                    + ", validation " + validationCount + ", test " + testCount);
        }
        int t = Math.min(trainCount, train.count());
        int v = Math.min(validationCount, validation.count());
        int s = Math.min(testCount, test.count());
        return new StudySplit(train.slice(0, t), validation.slice(0, v), test.slice(0, s),
                identity + "-subset-" + t + "-" + v + "-" + s);
    }

    /** "train 55000x28x28, validation 5000x28x28, test 10000x28x28". */
    public String shapes() {
        return shapesOf(train, validation, test);
    }

    private static String shapesOf(LabeledImages train, LabeledImages validation, LabeledImages test) {
        return "train " + shape(train) + ", validation " + shape(validation) + ", test " + shape(test);
    }

    private static String shape(LabeledImages s) {
        return s.count() + "x" + s.rows() + "x" + s.cols();
    }
}
