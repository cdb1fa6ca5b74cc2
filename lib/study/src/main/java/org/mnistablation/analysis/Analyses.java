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

    /** Title, provenance line and the measured table with its note. */
    static String header(String title, List<Setting> settings, Context ctx) {
        int seeds = settings.stream().mapToInt(Setting::seeds).min().orElse(1);
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("_Generated from the runs in this notebook (data: ").append(ctx.dataset().displayName()).append(", ")
                .append(count(ctx.trainCount())).append(" training, ").append(count(ctx.validationCount()))
                .append(" validation and ").append(count(ctx.testCount())).append(" test images; ")
                .append(seeds == 1 ? "one seed per setting" : seeds + " seeds per setting").append(")._\n\n");
        sb.append("## Measured\n\n").append(Findings.settingsTable(settings)).append('\n')
                .append(Findings.tableNote(settings, ctx)).append('\n');
        return sb.toString();
    }

    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The ranking rule, as a line under the findings. */
    static String ruleLine() {
        return "\n_Ranking rule: " + Findings.RANKING_RULE + "; runs whose kept epoch was chosen on validation are "
                + "compared on test accuracy only._\n";
    }
}
