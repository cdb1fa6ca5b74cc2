package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RecordedTask;
import org.mnistablation.cache.Setting;
import org.mnistablation.model.RunConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Every distinct model of the study once, ranked on test accuracy, and the seed's claims checked against the runs. */
public final class SummaryAnalysis {

    private SummaryAnalysis() {
    }

    /**
     * One distinct model (one configuration): its runs, labelled with every (task, setting) name it appears under
     * joined by " = ", and those names.
     */
    public record Model(Setting setting, List<String> usedBy) {

        /** The names it appears under, joined by " = ". */
        public String name() {
            return setting.label();
        }
    }

    /** The distinct models of all tasks, in the order first met: a model shared by several tasks appears once. */
    public static List<Model> distinct(List<RecordedTask> tasks) {
        Map<RunConfig, List<String>> users = new LinkedHashMap<>();
        Map<RunConfig, Setting> settings = new LinkedHashMap<>();
        for (RecordedTask task : tasks) {
            for (Setting s : task.settings()) {
                users.computeIfAbsent(s.config(), k -> new ArrayList<>()).add(shortTask(task.name()) + " " + s.label());
                settings.putIfAbsent(s.config(), s);
            }
        }
        List<Model> out = new ArrayList<>();
        users.forEach((c, u) -> out.add(new Model(settings.get(c).labelled(String.join(" = ", u)), List.copyOf(u))));
        return out;
    }

    static String shortTask(String task) {
        int u = task.indexOf('_');
        return u > 0 ? task.substring(0, u) : task;
    }

    /** One row per distinct model: test accuracy (mean and 95 % CI half-width), kept val_loss, epochs, time. */
    public static Table table(List<RecordedTask> tasks) {
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
            test.append(round(100 * RunMeasures.testAccuracy().of(s).mean(), 2));
            testCi.append(round(100 * RunMeasures.testAccuracy().of(s).halfWidth95(), 2));
            valLoss.append(round(RunMeasures.keptValLoss().of(s).mean(), 4));
            epochs.append(round(RunMeasures.epochsRun().of(s).mean(), 1));
            total.append(round(RunMeasures.studySeconds().of(s).mean(), 2));
            perEpoch.append(round(RunMeasures.studySecondsPerEpoch().of(s).mean(), 2));
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
            Stats.Sample t = RunMeasures.testAccuracy().of(m.setting());
            double hw = Double.isNaN(t.halfWidth95()) ? 0 : t.halfWidth95();
            lo = Math.min(lo, t.mean() - hw);
            hi = Math.max(hi, t.mean() + hw);
        }
        return new double[]{Math.max(0, Math.floor(100 * lo - 1)) / 100, Math.min(100, Math.ceil(100 * hi + 1)) / 100};
    }
}
