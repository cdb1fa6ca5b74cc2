package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;

/** Number formats the overview's baseline summary uses (the task analyses go through {@link Renderer}). */
public final class Findings {

    private Findings() {
    }

    /** "97.82 % ± 0.05 pp" (mean and the half-width of the 95 % t-interval); the mean alone with one seed. */
    public static String value(Stats.Sample s, Unit u) {
        return Renderer.value(s, u);
    }

    /** The per-seed values in seed order: "8, 11, 7". */
    public static String perSeed(Stats.Sample s, Unit u) {
        List<String> out = new ArrayList<>();
        for (double v : s.values()) {
            out.add(u == Unit.EPOCHS ? String.valueOf((long) Math.rint(v)) : u.number(v));
        }
        return String.join(", ", out);
    }

    static String seedsText(int n) {
        return n == 1 ? "one seed" : n + " seeds";
    }
}
