package org.mnistablation.study;

/**
 * Full mode (the default) trains on the study's whole split; quick mode ({@code StudySettings.quick()}) uses the first
 * 5,000 / 1,000 / 2,000 images so CI can execute every notebook in minutes. Epochs and all other settings are
 * unchanged, so quick runs still show each notebook's behaviour, only noisier.
 */
public record StudyMode(boolean quick, int trainCount, int validationCount, int testCount) {

    public static final StudyMode FULL = new StudyMode(false, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    public static final StudyMode QUICK = new StudyMode(true, 5_000, 1_000, 2_000);

    public String label() {
        return quick ? "quick" : "full";
    }
}
