package org.mnistablation.analysis;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of a family of p-values: sorted ascending, the i-th smallest (from 0) becomes
 * max over j ≤ i of (m − j)·p₍ⱼ₎, capped at 1. Rejecting where the adjusted p is below α keeps the chance of any
 * false "higher"/"lower" in the family at most α.
 */
public final class Holm {

    private Holm() {
    }

    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] out = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            out[i] = running;
        }
        return out;
    }
}
