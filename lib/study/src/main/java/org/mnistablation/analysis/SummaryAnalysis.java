package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every setting of every task in one table, and the headline findings drawn from it. */
public final class SummaryAnalysis {

    private SummaryAnalysis() {
    }

    /** One row per (task, setting): means and standard deviations over seeds, epochs run, seconds per epoch. */
    public static Table table(Map<String, Map<String, List<RunResult>>> tasks) {
        StringColumn task = StringColumn.create("task");
        StringColumn setting = StringColumn.create("setting");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn valAcc = DoubleColumn.create("val_accuracy");
        DoubleColumn valAccStd = DoubleColumn.create("val_accuracy std");
        DoubleColumn valLoss = DoubleColumn.create("val_loss");
        DoubleColumn valLossStd = DoubleColumn.create("val_loss std");
        DoubleColumn bestValAcc = DoubleColumn.create("best val_accuracy");
        DoubleColumn testAcc = DoubleColumn.create("test_accuracy");
        DoubleColumn testAccStd = DoubleColumn.create("test_accuracy std");
        DoubleColumn epochs = DoubleColumn.create("epochs");
        DoubleColumn seconds = DoubleColumn.create("s/epoch");
        tasks.forEach((t, settings) -> settings.forEach((label, runs) -> {
            SeedSummary s = SeedSummary.of(label, runs);
            task.append(t);
            setting.append(label);
            seeds.append(runs.size());
            valAcc.append(s.valAccuracy().mean());
            valAccStd.append(s.valAccuracy().std());
            valLoss.append(s.valLoss().mean());
            valLossStd.append(s.valLoss().std());
            bestValAcc.append(runs.stream().mapToDouble(r -> r.history().best().valAccuracy()).average().orElse(Double.NaN));
            testAcc.append(s.testAccuracy().mean());
            testAccStd.append(s.testAccuracy().std());
            epochs.append(runs.stream().mapToInt(r -> r.history().epochsRun()).average().orElse(Double.NaN));
            seconds.append(runs.stream().mapToDouble(r -> RunSummary.of(label, r).secondsPerEpoch()).average().orElse(Double.NaN));
        }));
        return Table.create("All settings (means over seeds)", task, setting, seeds, valAcc, valAccStd, valLoss, valLossStd,
                bestValAcc, testAcc, testAccStd, epochs, seconds);
    }

    public static String markdown(Map<String, Map<String, List<RunResult>>> tasks, String dataset) {
        StringBuilder sb = new StringBuilder("# Summary — every setting of the study\n\n");
        sb.append("_Generated from the cached runs of all task notebooks (data: ").append(dataset).append(")._\n\n");
        List<Row> rows = new ArrayList<>();
        tasks.forEach((t, settings) -> settings.forEach((label, runs) -> rows.add(new Row(t, SeedSummary.of(label, runs),
                runs.get(0).config()))));
        MarkdownTable mt = new MarkdownTable("task", "setting", "seeds", "val_accuracy", "val_loss", "test accuracy");
        rows.stream().sorted(Comparator.comparingDouble((Row r) -> r.s().valAccuracy().mean()).reversed())
                .forEach(r -> mt.row(r.task(), r.s().label(), r.s().seeds(), Findings.interval(r.s().valAccuracy(), true),
                        Findings.interval(r.s().valLoss(), false), Findings.interval(r.s().testAccuracy(), true)));
        sb.append("## All settings, by mean validation accuracy\n\n").append(mt).append('\n');
        sb.append("## Headline findings\n\n");
        Row best = rows.stream().max(Comparator.comparingDouble(r -> r.s().valAccuracy().mean())).orElseThrow();
        Row worst = rows.stream().min(Comparator.comparingDouble(r -> r.s().valAccuracy().mean())).orElseThrow();
        sb.append("- Highest mean validation accuracy: **").append(best.s().label()).append("** (").append(best.task())
                .append(", ").append(Findings.interval(best.s().valAccuracy(), true)).append("); lowest: **")
                .append(worst.s().label()).append("** (").append(worst.task()).append(", ")
                .append(Findings.interval(worst.s().valAccuracy(), true)).append(").\n");
        // a model shared by several tasks (e.g. the plain 5-epoch model) counts once here
        List<Row> distinct = new ArrayList<>();
        for (Row r : rows) {
            if (distinct.stream().noneMatch(d -> d.config().equals(r.config()))) {
                distinct.add(r);
            }
        }
        long others = distinct.size() - 1;
        long separatedFromBest = distinct.stream().filter(r -> !r.config().equals(best.config())
                && best.s().valAccuracy().separatedFrom(r.s().valAccuracy())).count();
        long overlapping = others - separatedFromBest;
        sb.append("- ").append(overlapping).append(" of the other ").append(others)
                .append(" distinct models (a model several tasks share counted once) have a mean ± std interval that overlaps the best one's")
                .append(best.s().seeds() < 2 ? " (one seed: no intervals, so none can be told apart)."
                        : overlapping * 2 > others
                        ? ": most ablations move validation accuracy by less than the seed-to-seed spread at this budget."
                        : ": most settings are separated from the best one by more than the seed-to-seed spread.").append('\n');
        Map<String, List<Row>> byTask = new LinkedHashMap<>();
        rows.forEach(r -> byTask.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r));
        byTask.forEach((t, rs) -> {
            if (rs.size() < 2) {
                return;
            }
            List<Row> sorted = new ArrayList<>(rs);
            sorted.sort(Comparator.comparingDouble((Row r) -> r.s().valAccuracy().mean()).reversed());
            Row first = sorted.get(0);
            Row second = sorted.get(1);
            sb.append("- ").append(t).append(": ").append(first.s().label()).append(" leads ")
                    .append(first.s().valAccuracy().separatedFrom(second.s().valAccuracy())
                            ? "and its interval separates from " + second.s().label() + "'s"
                            : "but overlaps " + second.s().label() + (first.s().seeds() < 2 ? " (one seed: untested)" : ""))
                    .append(".\n");
        });
        return sb.toString();
    }

    /**
     * Which per-task findings hold on both datasets: for every task present in both, the setting with the highest
     * mean validation accuracy on each, and whether it is the same one.
     */
    public static String acrossDatasets(String nameA, Map<String, Map<String, List<RunResult>>> a,
                                        String nameB, Map<String, Map<String, List<RunResult>>> b) {
        StringBuilder sb = new StringBuilder("## Across datasets: ").append(nameA).append(" and ").append(nameB).append("\n\n");
        MarkdownTable t = new MarkdownTable("task", "leader on " + nameA, "leader on " + nameB, "same leader");
        int same = 0;
        int compared = 0;
        for (String task : a.keySet()) {
            Map<String, List<RunResult>> ra = a.get(task);
            Map<String, List<RunResult>> rb = b.get(task);
            if (rb == null || ra.size() < 2 || rb.size() < 2 || !ra.keySet().equals(rb.keySet())) {
                continue;
            }
            SeedSummary la = leader(ra);
            SeedSummary lb = leader(rb);
            boolean match = la.label().equals(lb.label());
            compared++;
            same += match ? 1 : 0;
            t.row(task, la.label() + " (" + Findings.interval(la.valAccuracy(), true) + ")",
                    lb.label() + " (" + Findings.interval(lb.valAccuracy(), true) + ")", match ? "yes" : "no");
        }
        if (compared == 0) {
            return sb.append("No task has complete runs on both datasets yet: run the notebooks with STUDY_DATASET=")
                    .append(nameB).append(" first.\n").toString();
        }
        sb.append(t).append('\n');
        sb.append("The same setting leads on both datasets in ").append(same).append(" of ").append(compared)
                .append(" tasks. A leader that is not separated from the runner-up on either dataset (see the task "
                        + "analyses) is not a finding that transfers, whichever way this column points.\n");
        return sb.toString();
    }

    private static SeedSummary leader(Map<String, List<RunResult>> runs) {
        return runs.entrySet().stream().map(e -> SeedSummary.of(e.getKey(), e.getValue()))
                .max(Comparator.comparingDouble(s -> s.valAccuracy().mean())).orElseThrow();
    }

    private record Row(String task, SeedSummary s, org.mnistablation.model.RunConfig config) {
    }
}
