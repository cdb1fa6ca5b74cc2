package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/** Shared pieces of the per-task analyses. */
final class Analyses {

    private Analyses() {
    }

    /** The first (primary) run of every setting. */
    static Map<String, RunResult> primary(Map<String, List<RunResult>> runs) {
        Map<String, RunResult> out = new LinkedHashMap<>();
        runs.forEach((label, r) -> out.put(label, r.get(0)));
        return out;
    }

    static List<RunSummary> summaries(Map<String, RunResult> runs) {
        List<RunSummary> out = new ArrayList<>();
        runs.forEach((label, r) -> out.add(RunSummary.of(label, r)));
        return out;
    }

    static List<SeedSummary> seedSummaries(Map<String, List<RunResult>> runs) {
        List<SeedSummary> out = new ArrayList<>();
        runs.forEach((label, r) -> out.add(SeedSummary.of(label, r)));
        return out;
    }

    /** Title, provenance line, the primary run's table and (with several seeds) the mean ± std table. */
    static String header(String title, Map<String, List<RunResult>> runs) {
        RunResult any = runs.values().iterator().next().get(0);
        int seeds = runs.values().stream().mapToInt(List::size).min().orElse(1);
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("_Generated from the runs in this notebook (data: ").append(any.dataIdentity()).append("; ")
                .append(seeds == 1 ? "one seed per setting, seed " + any.config().seed()
                        : seeds + " seeds per setting; curves and the first table show seed " + any.config().seed())
                .append(")._\n\n");
        sb.append("## Measured\n\n").append(Findings.table(summaries(primary(runs)))).append('\n');
        if (seeds > 1) {
            sb.append("Across seeds (mean ± sample standard deviation of the kept model: the last epoch, or the restored best one):\n\n")
                    .append(Findings.seedTable(seedSummaries(runs))).append('\n');
        }
        return sb.toString();
    }

    static RunSummary find(List<RunSummary> s, String label) {
        return s.stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run labelled '" + label + "'"));
    }
}
