package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Shared pieces of the per-task analyses. */
final class Analyses {

    private Analyses() {
    }

    static List<Setting> settings(Map<String, List<RunResult>> runs) {
        List<Setting> out = new ArrayList<>();
        runs.forEach((label, r) -> out.add(new Setting(label, r)));
        return out;
    }

    static Setting find(List<Setting> s, String label) {
        return s.stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run labelled '" + label + "'"));
    }

    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
