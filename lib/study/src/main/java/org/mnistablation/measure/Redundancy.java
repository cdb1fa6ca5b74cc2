package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.List;
import org.mnistablation.data.LabeledImages;

/**
 * How evenly a network spreads its work over its hidden units, on a test set (dropout off): the accuracy lost when
 * each hidden unit alone is removed (its output set to 0), and the mean absolute correlation between the activations
 * of the units of a layer over the images. Redundant features show as many small drops and correlated units; a
 * network that leans on a few units shows a few large drops.
 *
 * @param accuracy            accuracy with every unit (predictions from the largest logit)
 * @param unitDrops           per hidden unit, layer after layer: accuracy − accuracy without that unit
 * @param unitsPerLayer       hidden units of each hidden layer (how {@code unitDrops} splits)
 * @param meanAbsCorrelation  mean |Pearson r| over pairs of units of the same layer, dead units left out
 * @param deadUnits           units whose activation does not vary over the images (no correlation defined)
 */
public record Redundancy(double accuracy, List<Double> unitDrops, List<Integer> unitsPerLayer,
                         double meanAbsCorrelation, int deadUnits) {

    public Redundancy {
        unitDrops = List.copyOf(unitDrops);
        unitsPerLayer = List.copyOf(unitsPerLayer);
    }

    /** The cache id of this measure on a test set. */
    static final String ID = "redundancy-v1";

    public double meanDrop() {
        return unitDrops.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public double maxDrop() {
        return unitDrops.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** The share of units whose removal alone costs more than {@code threshold} accuracy. */
    public double shareAbove(double threshold) {
        return unitDrops.stream().filter(d -> d > threshold).count() / (double) unitDrops.size();
    }

    /** Measures {@code weights} on every image of {@code test}. */
    public static Redundancy of(DenseWeights weights, LabeledImages test) {
        weights.requireInputs(test);
        int hidden = weights.hiddenLayers();
        if (hidden == 0) {
            throw new IllegalArgumentException("redundancy is a measure of hidden units; the model has none");
        }
        int n = test.count();
        int classes = weights.classes();
        int last = hidden - 1;
        DenseWeights.Layer out = weights.layer(hidden);
        long correct = 0;
        long[][] correctWithout = new long[hidden][];
        Correlations[] corr = new Correlations[hidden];
        for (int l = 0; l < hidden; l++) {
            correctWithout[l] = new long[weights.layer(l).out()];
            corr[l] = new Correlations(weights.layer(l).out());
        }
        float[] logits = new float[classes];
        try (Forward f = new Forward(weights)) {
            for (int from = 0; from < n; from += Forward.BLOCK) {
                int rows = Math.min(Forward.BLOCK, n - from);
                f.run(test.pixels(), from, rows, null);
                for (int l = 0; l < hidden; l++) {
                    corr[l].add(f.activations(l), rows);
                }
                float[] z = f.preActivations(hidden);
                float[] h = f.activations(last);
                int units = weights.layer(last).out();
                for (int r = 0; r < rows; r++) {
                    int label = test.labels()[from + r];
                    if (argMax(z, r * classes, classes) == label) {
                        correct++;
                    }
                    // without unit u of the last hidden layer the logits lose h_u·W[u, :]
                    for (int u = 0; u < units; u++) {
                        float a = h[r * units + u];
                        for (int c = 0; c < classes; c++) {
                            logits[c] = z[r * classes + c] - (a == 0 ? 0 : a * out.weight(u, c));
                        }
                        if (argMax(logits, 0, classes) == label) {
                            correctWithout[last][u]++;
                        }
                    }
                }
                // lower layers: remove the unit and run the layers above again; from the top down, so the layers at and
                // below the one being changed still hold the clean pass
                for (int l = last - 1; l >= 0; l--) {
                    float[] act = f.activations(l);
                    int units0 = weights.layer(l).out();
                    float[] saved = new float[rows];
                    for (int u = 0; u < units0; u++) {
                        for (int r = 0; r < rows; r++) {
                            saved[r] = act[r * units0 + u];
                            act[r * units0 + u] = 0;
                        }
                        f.rerunAbove(l, null);
                        float[] zz = f.preActivations(hidden);
                        for (int r = 0; r < rows; r++) {
                            if (argMax(zz, r * classes, classes) == test.labels()[from + r]) {
                                correctWithout[l][u]++;
                            }
                            act[r * units0 + u] = saved[r];
                        }
                    }
                }
            }
        }
        double accuracy = (double) correct / n;
        List<Double> drops = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        double sumAbs = 0;
        long pairs = 0;
        int dead = 0;
        for (int l = 0; l < hidden; l++) {
            for (long c : correctWithout[l]) {
                drops.add(accuracy - (double) c / n);
            }
            sizes.add(correctWithout[l].length);
            Correlations.Summary s = corr[l].summary();
            sumAbs += s.sumAbs();
            pairs += s.pairs();
            dead += s.dead();
        }
        return new Redundancy(accuracy, drops, sizes, pairs == 0 ? Double.NaN : sumAbs / pairs, dead);
    }

    private static int argMax(float[] v, int from, int k) {
        return org.mnistablation.train.KerasCrossEntropy.argMax(v, from, k);
    }

    /** Running sums of one layer's activations and their products, in double. */
    static final class Correlations {

        record Summary(double sumAbs, long pairs, int dead) {
        }

        private final int units;
        private final double[] sum;
        private final double[] products; // upper triangle, row-major: products[u*units + v], v ≥ u
        private long count;

        Correlations(int units) {
            this.units = units;
            this.sum = new double[units];
            this.products = new double[units * units];
        }

        void add(float[] act, int rows) {
            for (int r = 0; r < rows; r++) {
                int base = r * units;
                for (int u = 0; u < units; u++) {
                    double a = act[base + u];
                    sum[u] += a;
                    if (a == 0) {
                        continue;
                    }
                    int row = u * units;
                    for (int v = u; v < units; v++) {
                        products[row + v] += a * act[base + v];
                    }
                }
            }
            count += rows;
        }

        /** Pearson r of units u < v, or NaN when either does not vary. */
        double r(int u, int v) {
            double varU = variance(u);
            double varV = variance(v);
            if (!(varU > 0) || !(varV > 0)) {
                return Double.NaN;
            }
            double cov = products[u * units + v] / count - (sum[u] / count) * (sum[v] / count);
            return cov / Math.sqrt(varU * varV);
        }

        private double variance(int u) {
            double m = sum[u] / count;
            double v = products[u * units + u] / count - m * m;
            // differences of sums in double: a constant unit can leave rounding noise
            return v > 1e-12 * Math.max(1, m * m) ? v : 0;
        }

        Summary summary() {
            int dead = 0;
            for (int u = 0; u < units; u++) {
                if (!(variance(u) > 0)) {
                    dead++;
                }
            }
            double sumAbs = 0;
            long pairs = 0;
            for (int u = 0; u < units; u++) {
                for (int v = u + 1; v < units; v++) {
                    double r = r(u, v);
                    if (!Double.isNaN(r)) {
                        sumAbs += Math.abs(r);
                        pairs++;
                    }
                }
            }
            return new Summary(sumAbs, pairs, dead);
        }
    }

    double[] values() {
        double[] v = new double[4 + unitsPerLayer.size() + unitDrops.size()];
        v[0] = accuracy;
        v[1] = meanAbsCorrelation;
        v[2] = deadUnits;
        v[3] = unitsPerLayer.size();
        for (int i = 0; i < unitsPerLayer.size(); i++) {
            v[4 + i] = unitsPerLayer.get(i);
        }
        for (int i = 0; i < unitDrops.size(); i++) {
            v[4 + unitsPerLayer.size() + i] = unitDrops.get(i);
        }
        return v;
    }

    static Redundancy from(double[] v) {
        int layers = (int) v[3];
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            sizes.add((int) v[4 + i]);
        }
        List<Double> drops = new ArrayList<>();
        for (int i = 4 + layers; i < v.length; i++) {
            drops.add(v[i]);
        }
        return new Redundancy(v[0], drops, sizes, v[1], (int) v[2]);
    }
}
