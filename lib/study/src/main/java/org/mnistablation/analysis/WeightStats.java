package org.mnistablation.analysis;

/** Summary statistics of a weight matrix's values. */
public record WeightStats(int count, double mean, double std, double meanAbs, double maxAbs, double norm,
                          double fractionNearZero) {

    /** |w| below this counts as near zero. */
    public static final double NEAR_ZERO = 0.01;

    public static WeightStats of(float[] w) {
        double sum = 0;
        double sumAbs = 0;
        double sumSq = 0;
        double max = 0;
        int near = 0;
        for (float v : w) {
            sum += v;
            sumAbs += Math.abs(v);
            sumSq += (double) v * v;
            max = Math.max(max, Math.abs(v));
            if (Math.abs(v) < NEAR_ZERO) {
                near++;
            }
        }
        int n = w.length;
        double mean = sum / n;
        double var = (sumSq - n * mean * mean) / (n - 1);
        return new WeightStats(n, mean, Math.sqrt(Math.max(0, var)), sumAbs / n, max, Math.sqrt(sumSq), (double) near / n);
    }
}
