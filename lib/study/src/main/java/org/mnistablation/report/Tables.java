package org.mnistablation.report;

import java.util.Arrays;
import java.util.Map;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables of the study: histories and pandas-describe-style summaries of weights. */
public final class Tables {

    static final String[] DESCRIBE_ROWS = {"count", "mean", "std", "min", "25%", "50%", "75%", "max"};

    private Tables() {
    }

    /** epoch, loss, accuracy, val_loss, val_accuracy, seconds — as Keras's {@code history.history}. */
    public static Table history(String name, History h) {
        Table t = Table.create(name);
        t.addColumns(IntColumn.create("epoch", h.epochs().stream().mapToInt(EpochStats::epoch).toArray()),
                DoubleColumn.create("loss", h.epochs().stream().mapToDouble(EpochStats::loss).toArray()),
                DoubleColumn.create("accuracy", h.epochs().stream().mapToDouble(EpochStats::accuracy).toArray()),
                DoubleColumn.create("val_loss", h.epochs().stream().mapToDouble(EpochStats::valLoss).toArray()),
                DoubleColumn.create("val_accuracy", h.epochs().stream().mapToDouble(EpochStats::valAccuracy).toArray()),
                DoubleColumn.create("seconds", h.epochs().stream().mapToDouble(EpochStats::seconds).toArray()));
        return t;
    }

    /**
     * {@code pandas.Series.describe()} of each sample, one column per sample: count, mean, std (sample, ddof 1),
     * min, quartiles (linear interpolation, as numpy's default) and max.
     */
    public static Table describe(String name, Map<String, float[]> samples) {
        Table t = Table.create(name);
        t.addColumns(StringColumn.create("statistic", DESCRIBE_ROWS));
        samples.forEach((label, values) -> t.addColumns(DoubleColumn.create(label, describe(values))));
        return t;
    }

    /** count, mean, std, min, 25%, 50%, 75%, max of {@code values}. */
    public static double[] describe(float[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("describe needs at least one value");
        }
        double[] v = new double[values.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
            sum += v[i];
        }
        double mean = sum / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        Arrays.sort(v);
        double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN;
        return new double[]{v.length, mean, std, v[0], quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v[v.length - 1]};
    }

    /** numpy's default (linear) quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** One row per hidden unit with the describe() statistics of its incoming weights (the first {@code limit}). */
    public static Table describeUnits(String name, float[][] units, int limit) {
        int n = Math.min(limit, units.length);
        Table t = Table.create(name);
        t.addColumns(IntColumn.create("unit", java.util.stream.IntStream.range(0, n).toArray()));
        double[][] d = new double[n][];
        for (int u = 0; u < n; u++) {
            d[u] = describe(units[u]);
        }
        for (int s = 1; s < DESCRIBE_ROWS.length; s++) {
            final int col = s;
            t.addColumns(DoubleColumn.create(DESCRIBE_ROWS[s], Arrays.stream(d).mapToDouble(r -> r[col]).toArray()));
        }
        return t;
    }
}
