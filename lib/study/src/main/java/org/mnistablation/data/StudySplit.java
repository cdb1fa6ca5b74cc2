package org.mnistablation.data;

/**
 * The study's split: train = first 55,000 training images, validation = the last 5,000, test = the 10,000
 * test images. {@code identity} names the data (dataset name plus a content digest) for the run cache.
 */
public record StudySplit(LabeledImages train, LabeledImages validation, LabeledImages test, String identity) {

    /**
     * The first {@code trainCount}/{@code validationCount}/{@code testCount} images of each part (quick mode);
     * the identity records the sizes so cached runs of a subset never stand in for full runs.
     */
    public StudySplit subset(int trainCount, int validationCount, int testCount) {
        return new StudySplit(train.slice(0, Math.min(trainCount, train.count())),
                validation.slice(0, Math.min(validationCount, validation.count())),
                test.slice(0, Math.min(testCount, test.count())),
                identity + "-subset-" + trainCount + "-" + validationCount + "-" + testCount);
    }

    /** "train 55000x28x28, validation 5000x28x28, test 10000x28x28". */
    public String shapes() {
        return "train " + train.count() + "x" + train.rows() + "x" + train.cols() + ", validation "
                + validation.count() + "x" + validation.rows() + "x" + validation.cols() + ", test " + test.count()
                + "x" + test.rows() + "x" + test.cols();
    }
}
