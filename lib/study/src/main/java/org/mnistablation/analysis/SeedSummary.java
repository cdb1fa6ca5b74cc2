package org.mnistablation.analysis;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.mnistablation.cache.RunResult;

/**
 * One setting trained with several seeds: mean, sample standard deviation, min and max of the kept model's
 * validation accuracy and loss (the last epoch's, or the best epoch's when early stopping restored it) and of its
 * test accuracy. With one seed the spread is unknown (NaN).
 */
public record SeedSummary(String label, int seeds, Stat valAccuracy, Stat valLoss, Stat testAccuracy) {

    /** mean ± std over seeds, with the range. */
    public record Stat(double mean, double std, double min, double max) {

        static Stat of(double[] v) {
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                mean += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            mean /= v.length;
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return new Stat(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN, min, max);
        }

        /** True when mean ± std of the two do not overlap (never with a single seed). */
        public boolean separatedFrom(Stat other) {
            if (Double.isNaN(std) || Double.isNaN(other.std)) {
                return false;
            }
            return mean - std > other.mean + other.std || other.mean - other.std > mean + std;
        }
    }

    public static SeedSummary of(String label, List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("setting '" + label + "' has no runs");
        }
        return new SeedSummary(label, runs.size(),
                stat(runs, r -> kept(r).valAccuracy()),
                stat(runs, r -> kept(r).valLoss()),
                stat(runs, r -> r.test().accuracy()));
    }

    /** The epoch whose weights the run's model holds. */
    static org.mnistablation.train.EpochStats kept(RunResult r) {
        return r.history().kept();
    }

    private static Stat stat(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return Stat.of(runs.stream().mapToDouble(f).toArray());
    }
}
