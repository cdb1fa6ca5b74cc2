package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.RunConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every distinct model of the study once, ranked on test accuracy, and the seed's claims checked against the runs. */
public final class SummaryAnalysis {

    private SummaryAnalysis() {
    }

    /** One distinct model (one configuration) and the (task, setting) names it appears under. */
    public record Model(String name, List<String> usedBy, Setting setting) {
    }

    /** The distinct models of all tasks, in the order first met: a model shared by several tasks appears once. */
    public static List<Model> distinct(Map<String, Map<String, List<RunResult>>> tasks) {
        Map<RunConfig, List<String>> users = new LinkedHashMap<>();
        Map<RunConfig, Setting> settings = new LinkedHashMap<>();
        tasks.forEach((task, s) -> s.forEach((label, runs) -> {
            RunConfig c = runs.get(0).config();
            users.computeIfAbsent(c, k -> new ArrayList<>()).add(shortTask(task) + " " + label);
            settings.putIfAbsent(c, new Setting(label, runs));
        }));
        List<Model> out = new ArrayList<>();
        users.forEach((c, u) -> {
            Setting s = settings.get(c);
            out.add(new Model(String.join(" = ", u), List.copyOf(u), new Setting(String.join(" = ", u), s.runs())));
        });
        return out;
    }

    static String shortTask(String task) {
        int u = task.indexOf('_');
        return u > 0 ? task.substring(0, u) : task;
    }

    /** One row per distinct model: test accuracy (mean and 95 % CI half-width), kept val_loss, epochs, time. */
    public static Table table(Map<String, Map<String, List<RunResult>>> tasks) {
        StringColumn model = StringColumn.create("model (task setting)");
        IntColumn seeds = IntColumn.create("seeds");
        StringColumn kept = StringColumn.create("kept weights");
        DoubleColumn test = DoubleColumn.create("test_accuracy %");
        DoubleColumn testCi = DoubleColumn.create("test 95% CI ± pp");
        DoubleColumn valLoss = DoubleColumn.create("val_loss (kept epoch)");
        DoubleColumn epochs = DoubleColumn.create("epochs run");
        DoubleColumn total = DoubleColumn.create("train s");
        DoubleColumn perEpoch = DoubleColumn.create("s/epoch");
        for (Model m : distinct(tasks)) {
            Setting s = m.setting();
            model.append(m.name());
            seeds.append(s.seeds());
            kept.append(s.lastEpochModels() ? "last epoch" : "best val_loss epoch");
            test.append(round(100 * s.testAccuracy().mean(), 2));
            testCi.append(round(100 * s.testAccuracy().halfWidth95(), 2));
            valLoss.append(round(s.keptValLoss().mean(), 4));
            epochs.append(round(s.epochsRun().mean(), 1));
            total.append(round(s.totalSeconds().mean(), 2));
            perEpoch.append(round(s.secondsPerEpoch().mean(), 2));
        }
        return Table.create("Every distinct model (means over seeds)", model, seeds, kept, test, testCi, valLoss, epochs,
                total, perEpoch);
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Double.isNaN(v) ? v : Math.round(v * f) / f;
    }

    /** The chart's y-axis range: from the lowest interval's lower end to the highest upper end, padded by 1 pp. */
    public static double[] axisRange(List<Model> models) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Model m : models) {
            Stats.Sample t = m.setting().testAccuracy();
            double hw = Double.isNaN(t.halfWidth95()) ? 0 : t.halfWidth95();
            lo = Math.min(lo, t.mean() - hw);
            hi = Math.max(hi, t.mean() + hw);
        }
        return new double[]{Math.max(0, Math.floor(100 * lo - 1)) / 100, Math.min(100, Math.ceil(100 * hi + 1)) / 100};
    }

    public static String markdown(Map<String, Map<String, List<RunResult>>> tasks, Context ctx,
                                  Map<String, List<HiddenActivity>> activations) {
        StringBuilder sb = new StringBuilder("# Summary — every model of the study\n\n");
        List<Model> models = distinct(tasks);
        int rows = tasks.values().stream().mapToInt(Map::size).sum();
        sb.append("_Generated from the recorded runs of all task notebooks (data: ").append(ctx.dataset().displayName())
                .append(", ").append(Analyses.count(ctx.testCount())).append(" test images). ").append(rows)
                .append(" (task, setting) pairs are ").append(models.size())
                .append(" distinct models: a model several tasks share is listed once, named by every task that uses it._\n\n");
        List<Setting> all = models.stream().map(Model::setting).toList();
        List<Setting> ranked = new ArrayList<>(all);
        ranked.sort(Comparator.comparingDouble((Setting s) -> s.testAccuracy().mean()).reversed());
        MarkdownTable t = new MarkdownTable("rank by mean", "model (task setting)", "seeds", "kept weights", "test accuracy (%)",
                "vs the best (Welch)", "epochs run", "train s", "s/epoch");
        Setting best = ranked.get(0);
        for (int i = 0; i < ranked.size(); i++) {
            Setting s = ranked.get(i);
            Stats.Welch w = Stats.welch(s.testAccuracy(), best.testAccuracy());
            String vs = i == 0 ? "—" : switch (w.verdict()) {
                case TIE -> "tie";
                case UNTESTED -> "untested (one seed)";
                case INDISTINGUISHABLE -> "indistinguishable, " + Findings.p(w.p());
                case LOWER -> "lower, " + Findings.p(w.p());
                case HIGHER -> "higher, " + Findings.p(w.p());
            };
            t.row(i + 1, s.label(), s.seeds(), s.lastEpochModels() ? "last epoch" : "best val_loss epoch (restored)",
                    Findings.cell(s.testAccuracy(), Unit.PERCENT), vs, Findings.perSeed(s.epochsRun(), Unit.EPOCHS),
                    Unit.SECONDS.number(s.totalSeconds().mean()), Unit.SECONDS.number(s.secondsPerEpoch().mean()));
        }
        sb.append("## Every distinct model, by mean test accuracy\n\n").append(t).append('\n');
        sb.append("Ranking rule: models are ranked on test accuracy (never on validation numbers, because early "
                + "stopping chose some models' kept epoch on the validation set); ").append(Findings.RANKING_RULE)
                .append(". ± is the 95 % t-interval half-width over the seeds; one model's test accuracy also carries a "
                        + "binomial standard error of ").append(Unit.PERCENT.spread(Stats.binomialSe(best.testAccuracy().mean(), ctx.testCount())))
                .append(" on ").append(Analyses.count(ctx.testCount())).append(" images. Seconds are mean training time per run as "
                        + "recorded when the runs were trained (this kernel: ").append(ctx.machine()).append(").\n\n");
        double[] range = axisRange(models);
        sb.append("The chart shows each distinct model's mean test accuracy with its 95 % interval as an error bar; its "
                + "y-axis runs from ").append(Unit.PERCENT.value(range[0])).append(" to ").append(Unit.PERCENT.value(range[1]))
                .append(" (the lowest interval end minus 1 pp to the highest plus 1 pp).\n\n");
        sb.append("## Findings\n\n");
        List<Setting> top = Findings.topGroup(all, Setting::testAccuracy, true);
        sb.append("- Highest mean test accuracy: **").append(best.label()).append("** (").append(Findings.value(best.testAccuracy(), Unit.PERCENT))
                .append("). ");
        if (best.seeds() < 2) {
            sb.append("One seed per model: no model is tested against another.\n");
        } else {
            sb.append(top.size() - 1).append(" of the other ").append(all.size() - 1)
                    .append(" distinct models are indistinguishable from it (or tied) at p < 0.05: ")
                    .append(top.size() > 1 ? String.join(", ", top.subList(1, top.size()).stream().map(Setting::label).toList()) : "none")
                    .append(".\n");
        }
        tasks.forEach((task, settings) -> {
            if (settings.size() < 2) {
                return;
            }
            sb.append("- ").append(task).append(": ").append(Findings.ranking("test accuracy", Analyses.settings(settings),
                    Setting::testAccuracy, true, Unit.PERCENT)).append('\n');
        });
        sb.append("\n## The seed's claims, checked\n\n");
        sb.append("Each claim of the seed's README gets a verdict from this study's runs: **supported** when its measurable "
                + "part holds at p < 0.05 (Welch), **contradicted** when the opposite holds at p < 0.05, **not shown** when "
                + "the test does not separate the settings, **partly supported** when only some parts are measured or hold, "
                + "**not measured here** with the reason, **not tested** with one seed per setting.\n\n");
        sb.append(Claims.table(Claims.check(tasks, activations))).append('\n');
        return sb.toString();
    }

    /**
     * Whether each task's leader on test accuracy is the same on both datasets, and whether it is separated from its
     * runner-up on each (Welch p < 0.05).
     */
    public static String acrossDatasets(String nameA, Map<String, Map<String, List<RunResult>>> a,
                                        String nameB, Map<String, Map<String, List<RunResult>>> b) {
        StringBuilder sb = new StringBuilder("## Across datasets: ").append(nameA).append(" and ").append(nameB).append("\n\n");
        MarkdownTable t = new MarkdownTable("task", "leader on " + nameA, "separated from runner-up", "leader on " + nameB,
                "separated from runner-up", "same leader");
        int same = 0;
        int compared = 0;
        int transfers = 0;
        for (String task : a.keySet()) {
            Map<String, List<RunResult>> ra = a.get(task);
            Map<String, List<RunResult>> rb = b.get(task);
            if (rb == null || ra.size() < 2 || rb.size() < 2 || !ra.keySet().equals(rb.keySet())) {
                continue;
            }
            Setting[] la = leaders(ra);
            Setting[] lb = leaders(rb);
            Stats.Welch wa = Stats.welch(la[0].testAccuracy(), la[1].testAccuracy());
            Stats.Welch wb = Stats.welch(lb[0].testAccuracy(), lb[1].testAccuracy());
            boolean match = la[0].label().equals(lb[0].label());
            compared++;
            same += match ? 1 : 0;
            transfers += match && wa.significant() && wb.significant() ? 1 : 0;
            t.row(task, la[0].label() + " (" + Findings.value(la[0].testAccuracy(), Unit.PERCENT) + ")", Claims.pv(wa),
                    lb[0].label() + " (" + Findings.value(lb[0].testAccuracy(), Unit.PERCENT) + ")", Claims.pv(wb), match ? "yes" : "no");
        }
        if (compared == 0) {
            return sb.append("No task has complete runs on both datasets yet: run the notebooks with STUDY_DATASET=")
                    .append(nameB).append(" first.\n").toString();
        }
        sb.append("Leaders by mean test accuracy; \"separated\" gives the Welch p-value of the leader against the runner-up.\n\n");
        sb.append(t).append('\n');
        sb.append("The same setting has the highest mean test accuracy on both datasets in ").append(same).append(" of ")
                .append(compared).append(" tasks; in ").append(transfers)
                .append(" of them it is separated from the runner-up (p < 0.05) on both datasets, which is what a "
                        + "finding that transfers requires.\n");
        return sb.toString();
    }

    private static Setting[] leaders(Map<String, List<RunResult>> runs) {
        List<Setting> s = new ArrayList<>(Analyses.settings(runs));
        s.sort(Comparator.comparingDouble((Setting x) -> x.testAccuracy().mean()).reversed());
        return new Setting[]{s.get(0), s.get(1)};
    }
}
