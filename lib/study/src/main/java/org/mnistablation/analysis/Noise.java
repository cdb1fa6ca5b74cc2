package org.mnistablation.analysis;

import java.util.List;
import org.mnistablation.cache.RunResult;

/**
 * Run-to-run noise measured on repeated seeds of one configuration: the sample standard deviation of the final
 * validation accuracy and loss. Two settings whose difference is within {@link #MARGIN} standard deviations are
 * called indistinguishable at this budget.
 */
public record Noise(int seeds, double valAccuracyStd, double valLossStd) {

    /** Differences below this many standard deviations are not called real. */
    public static final double MARGIN = 2.0;

    public static Noise measure(List<RunResult> repeats) {
        if (repeats.size() < 2) {
            throw new IllegalArgumentException("measuring noise needs at least two seeds, got " + repeats.size());
        }
        double[] acc = repeats.stream().mapToDouble(r -> r.history().last().valAccuracy()).toArray();
        double[] loss = repeats.stream().mapToDouble(r -> r.history().last().valLoss()).toArray();
        return new Noise(repeats.size(), std(acc), std(loss));
    }

    static double std(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    public boolean accuracyDiffers(double a, double b) {
        return Math.abs(a - b) > MARGIN * valAccuracyStd;
    }

    public boolean lossDiffers(double a, double b) {
        return Math.abs(a - b) > MARGIN * valLossStd;
    }

    public String describe() {
        return "seed-to-seed standard deviation of the plain model over " + seeds + " seeds: val_accuracy ±"
                + Fmt.points(valAccuracyStd) + " points, val_loss ±" + Fmt.num(valLossStd)
                + "; differences under " + (int) MARGIN + " standard deviations are reported as indistinguishable";
    }
}
