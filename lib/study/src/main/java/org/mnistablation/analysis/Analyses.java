package org.mnistablation.analysis;

import java.util.List;
import java.util.Locale;
import org.mnistablation.cache.Setting;

/** Shared pieces of the per-task analyses. */
final class Analyses {

    private Analyses() {
    }

    static Setting find(List<Setting> s, String label) {
        return s.stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run labelled '" + label + "'"));
    }

    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
