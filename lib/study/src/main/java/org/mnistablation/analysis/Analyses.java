package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Shared pieces of the per-task analyses. */
final class Analyses {

    private Analyses() {
    }

    static List<RunSummary> summaries(Map<String, RunResult> runs) {
        List<RunSummary> out = new ArrayList<>();
        runs.forEach((label, r) -> out.add(RunSummary.of(label, r)));
        return out;
    }

    static String header(String title, Map<String, RunResult> runs, Noise noise) {
        RunResult any = runs.values().iterator().next();
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("_Generated from the runs in this notebook (data: ").append(any.dataIdentity())
                .append("; one seed per setting, seed ").append(any.config().seed()).append(")")
                .append(noise != null ? "; noise: " + noise.describe() : "").append("._\n\n");
        return sb.toString();
    }

    static RunSummary find(List<RunSummary> s, String label) {
        return s.stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run labelled '" + label + "'"));
    }
}
