package org.mnistablation.analysis;

import java.util.Locale;

/** How a measured quantity is written: accuracies in percent (differences in percentage points), losses, epochs, seconds. */
public enum Unit {
    PERCENT(100, 2, " %", " pp"),
    LOSS(1, 4, "", ""),
    EPOCHS(1, 1, "", " epochs"),
    SECONDS(1, 2, " s", " s"),
    PLAIN(1, 4, "", ""),
    /** a whole count, written with thousands separators: "34,375" */
    COUNT(1, 0, "", ""),
    /** 1 or 0 per run (a property a run has or not): written as "k of n seeds" */
    FLAG(1, 0, "", ""),
    /** microseconds */
    MICROSECONDS(1e6, 0, " µs", " µs");

    private final double scale;
    private final int decimals;
    private final String suffix;
    private final String diffSuffix;

    Unit(double scale, int decimals, String suffix, String diffSuffix) {
        this.scale = scale;
        this.decimals = decimals;
        this.suffix = suffix;
        this.diffSuffix = diffSuffix;
    }

    /** The number alone, e.g. "97.82" (for a table whose header names the unit). */
    public String number(double v) {
        return String.format(Locale.ROOT, (this == COUNT ? "%,." : "%.") + decimals + "f", scale * v);
    }

    /** A value with its unit: "97.82 %". */
    public String value(double v) {
        return number(v) + suffix;
    }

    /** A signed difference with its unit: "+0.12 pp". */
    public String diff(double v) {
        return (v > 0 ? "+" : v < 0 ? "−" : "±") + number(Math.abs(v)) + diffSuffix;
    }

    /** What a table header adds to a column of this unit: " (%)", " (s)", " (µs)", or nothing. */
    public String header() {
        return switch (this) {
            case PERCENT -> " (%)";
            case SECONDS -> " (s)";
            case MICROSECONDS -> " (µs)";
            default -> "";
        };
    }

    /** A spread (always positive) with the difference unit: "0.12 pp". */
    public String spread(double v) {
        return number(Math.abs(v)) + diffSuffix;
    }
}
