package org.mnistablation.measure;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.mnistablation.analysis.Stats;

/**
 * One quantity of a setting over its seeds: the mean and the half-width of its 95 % Student-t interval
 * ({@link Stats.Sample}; NaN with one seed), the sample standard deviation and the values.
 */
public record SeedSummary(double mean, double halfWidth95, double sd, double[] values) {

    public SeedSummary {
        values = values.clone();
    }

    public static SeedSummary of(double... values) {
        Stats.Sample s = new Stats.Sample(values);
        return new SeedSummary(s.mean(), s.halfWidth95(), s.sd(), values);
    }

    /** {@code f} of every run's measure. */
    public static <T> SeedSummary of(List<T> perSeed, ToDoubleFunction<T> f) {
        return of(perSeed.stream().mapToDouble(f).toArray());
    }

    public int seeds() {
        return values.length;
    }

    /** The values as a {@link Stats.Sample}, for comparisons between settings (Welch's test). */
    public Stats.Sample sample() {
        return new Stats.Sample(values);
    }

    /** "0.9812 ± 0.0011" (× {@code scale}, with {@code decimals} decimals); the mean alone with one seed. */
    public String format(double scale, int decimals) {
        String f = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, f, mean * scale);
        return Double.isFinite(halfWidth95) ? m + " ± " + String.format(Locale.ROOT, f, halfWidth95 * scale) : m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedSummary s && java.util.Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return format(1, 4) + " (" + values.length + " seeds)";
    }
}
