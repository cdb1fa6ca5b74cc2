package org.mnistablation.analysis;

import java.util.Locale;

/** Number formatting shared by the analyses. */
public final class Fmt {

    private Fmt() {
    }

    /** Four decimals, the precision Keras prints. */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** An accuracy as a percentage with two decimals. */
    public static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    /** A difference in percentage points. */
    public static String points(double v) {
        return String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    public static String seconds(double v) {
        return String.format(Locale.ROOT, "%.1f s", v);
    }
}
