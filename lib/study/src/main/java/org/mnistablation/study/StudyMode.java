package org.mnistablation.study;

import java.util.Locale;

/**
 * Full mode (the default) trains on the study's whole split; quick mode ({@code STUDY_QUICK=1}) uses the first
 * 5,000 / 1,000 / 2,000 images so CI can execute every notebook in minutes. Epochs and all other settings are
 * unchanged, so quick runs still show each notebook's behaviour, only noisier.
 */
public record StudyMode(boolean quick, int trainCount, int validationCount, int testCount) {

    public static final StudyMode FULL = new StudyMode(false, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    public static final StudyMode QUICK = new StudyMode(true, 5_000, 1_000, 2_000);

    public static StudyMode fromEnvironment() {
        String v = System.getProperty("study.quick", System.getenv("STUDY_QUICK"));
        if (v == null || v.isBlank()) {
            return FULL;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> QUICK;
            case "0", "false", "no", "off" -> FULL;
            default -> throw new IllegalArgumentException("STUDY_QUICK must be 1 or 0, got '" + v + "'");
        };
    }

    public String label() {
        return quick ? "quick" : "full";
    }
}
