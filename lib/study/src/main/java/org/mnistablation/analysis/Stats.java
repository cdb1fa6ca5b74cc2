package org.mnistablation.analysis;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics every finding uses: mean, sample standard deviation and a 95 % Student-t interval of a setting's
 * values over its seeds, a two-sided Welch t-test between two settings, and the binomial standard error of an
 * accuracy measured on a finite evaluation set. Student-t quantiles and CDF come from commons-math3 (a dependency of
 * DL4J already on the class path).
 */
public final class Stats {

    /** Two settings count as different only below this two-sided p-value. */
    public static final double ALPHA = 0.05;

    private Stats() {
    }

    /** One setting's values over its seeds. */
    public record Sample(double[] values) {

        public Sample {
            values = values.clone();
            if (values.length == 0) {
                throw new IllegalArgumentException("a sample needs at least one value");
            }
        }

        public static Sample of(double... v) {
            return new Sample(v);
        }

        public int n() {
            return values.length;
        }

        public double mean() {
            return Arrays.stream(values).average().orElse(Double.NaN);
        }

        /** Sample standard deviation (n − 1); NaN with one value. */
        public double sd() {
            if (values.length < 2) {
                return Double.NaN;
            }
            double m = mean();
            double ss = 0;
            for (double x : values) {
                ss += (x - m) * (x - m);
            }
            return Math.sqrt(ss / (values.length - 1));
        }

        /** Half-width of the 95 % t-interval of the mean, t(0.975, n−1)·sd/√n; NaN with one value. */
        public double halfWidth95() {
            if (values.length < 2) {
                return Double.NaN;
            }
            return tQuantile(0.975, values.length - 1) * sd() / Math.sqrt(values.length);
        }

        public double min() {
            return Arrays.stream(values).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(values).max().orElse(Double.NaN);
        }

        /** True when every value equals the other sample's value at the same position (same seeds, same results). */
        public boolean identicalTo(Sample o) {
            return Arrays.equals(values, o.values);
        }
    }

    /** The Student-t quantile: P(T ≤ t) = p with {@code df} degrees of freedom. */
    public static double tQuantile(double p, double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(p);
    }

    /** The Student-t CDF P(T ≤ t). */
    public static double tCdf(double t, double df) {
        return new TDistribution(null, df).cumulativeProbability(t);
    }

    /** The outcome of comparing two settings. */
    public enum Verdict {
        /** identical values in every seed */
        TIE,
        /** a is higher, p < 0.05 */
        HIGHER,
        /** a is lower, p < 0.05 */
        LOWER,
        /** p ≥ 0.05 */
        INDISTINGUISHABLE,
        /** fewer than two seeds on a side: no test possible */
        UNTESTED
    }

    /**
     * Welch's two-sided t-test of a against b: the difference of means (a − b), Welch's degrees of freedom, the
     * p-value and the 95 % interval of the difference.
     */
    public record Welch(double diff, double df, double t, double p, double halfWidth95, int nA, int nB, Verdict verdict,
                        boolean constantShift) {

        Welch(double diff, double df, double t, double p, double halfWidth95, int nA, int nB, Verdict verdict) {
            this(diff, df, t, p, halfWidth95, nA, nB, verdict, false);
        }

        public boolean significant() {
            return verdict == Verdict.HIGHER || verdict == Verdict.LOWER;
        }
    }

    public static Welch welch(Sample a, Sample b) {
        double diff = a.mean() - b.mean();
        if (a.identicalTo(b)) {
            return new Welch(0, Double.NaN, 0, 1, 0, a.n(), b.n(), Verdict.TIE);
        }
        if (a.n() < 2 || b.n() < 2) {
            return new Welch(diff, Double.NaN, Double.NaN, Double.NaN, Double.NaN, a.n(), b.n(), Verdict.UNTESTED);
        }
        if (constantShift(a, b)) {
            // paired by seed, the difference is the same non-zero value in every seed: no test is needed
            double d = a.values()[0] - b.values()[0];
            return new Welch(d, Double.NaN, Double.POSITIVE_INFINITY, 0, 0, a.n(), b.n(), d > 0 ? Verdict.HIGHER : Verdict.LOWER, true);
        }
        double va = a.sd() * a.sd() / a.n();
        double vb = b.sd() * b.sd() / b.n();
        double se2 = va + vb;
        if (se2 == 0) {
            // no spread on either side: the means differ exactly in every seed
            return new Welch(diff, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, diff == 0 ? 1 : 0, 0, a.n(), b.n(),
                    diff == 0 ? Verdict.INDISTINGUISHABLE : diff > 0 ? Verdict.HIGHER : Verdict.LOWER);
        }
        double df = se2 * se2 / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
        double t = diff / Math.sqrt(se2);
        double p = 2 * tCdf(-Math.abs(t), df);
        double hw = tQuantile(0.975, df) * Math.sqrt(se2);
        Verdict v = p < ALPHA ? (diff > 0 ? Verdict.HIGHER : Verdict.LOWER) : Verdict.INDISTINGUISHABLE;
        return new Welch(diff, df, t, p, hw, a.n(), b.n(), v);
    }

    /** Same number of seeds, and a − b is the same non-zero value in every seed (to rounding). */
    static boolean constantShift(Sample a, Sample b) {
        if (a.n() != b.n() || a.n() < 2) {
            return false;
        }
        double d = a.values()[0] - b.values()[0];
        if (Math.abs(d) < 1e-12) {
            return false;
        }
        for (int i = 1; i < a.n(); i++) {
            if (Math.abs(a.values()[i] - b.values()[i] - d) > 1e-9 * Math.max(1, Math.abs(d))) {
                return false;
            }
        }
        return true;
    }

    /** Binomial standard error of an accuracy p measured on n images: √(p(1 − p)/n). */
    public static double binomialSe(double p, int n) {
        return n <= 0 ? Double.NaN : Math.sqrt(p * (1 - p) / n);
    }
}
