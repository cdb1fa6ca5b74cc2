package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.mnistablation.data.LabeledImages;

/**
 * One run's accuracy on a test set under a {@link Perturbation} family, size by size: {@code sizes} starts with 0
 * (the clean images) and {@code accuracies} holds the accuracy at each size. Dropout is off.
 */
public record Robustness(Perturbation perturbation, List<Double> sizes, List<Double> accuracies) {

    public Robustness {
        sizes = List.copyOf(sizes);
        accuracies = List.copyOf(accuracies);
        if (sizes.size() != accuracies.size()) {
            throw new IllegalArgumentException(sizes.size() + " sizes but " + accuracies.size() + " accuracies");
        }
    }

    public double clean() {
        return accuracies.get(0);
    }

    /** The accuracy at the largest size. */
    public double worst() {
        return accuracies.get(accuracies.size() - 1);
    }

    /** Measures {@code weights} on every image of {@code test}. */
    public static Robustness of(DenseWeights weights, LabeledImages test, Perturbation p) {
        weights.requireInputs(test);
        List<Double> sizes = new ArrayList<>();
        sizes.add(0.0);
        sizes.addAll(p.sizes());
        long[] correct;
        double per; // passes per size: one noise field, four moves, the removal draws
        if (p instanceof Perturbation.Noise n) {
            correct = noise(weights, test, n);
            per = 1;
        } else if (p instanceof Perturbation.Shift s) {
            correct = shift(weights, test, s);
            per = 4;
        } else {
            Perturbation.UnitRemoval u = (Perturbation.UnitRemoval) p;
            correct = removal(weights, test, u);
            per = u.draws();
        }
        List<Double> accuracies = new ArrayList<>();
        for (int i = 0; i < correct.length; i++) {
            accuracies.add(correct[i] / (i == 0 ? 1 : per) / test.count());
        }
        return new Robustness(p, sizes, accuracies);
    }

    private static long[] noise(DenseWeights w, LabeledImages test, Perturbation.Noise p) {
        int size = test.pixelsPerImage();
        long[] correct = new long[p.sigmas().size() + 1];
        float[] eps = new float[Forward.BLOCK * size];
        float[] noisy = new float[Forward.BLOCK * size];
        try (Forward f = new Forward(w)) {
            for (int from = 0; from < test.count(); from += Forward.BLOCK) {
                int rows = Math.min(Forward.BLOCK, test.count() - from);
                correct[0] += f.run(test.pixels(), from, rows, null).correct(test.labels(), from);
                for (int r = 0; r < rows; r++) {
                    SplittableRandom rng = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + from + r);
                    for (int i = r * size; i < (r + 1) * size; i++) {
                        eps[i] = (float) rng.nextGaussian();
                    }
                }
                for (int s = 0; s < p.sigmas().size(); s++) {
                    float sigma = p.sigmas().get(s).floatValue();
                    float[] px = test.pixels();
                    int base = from * size;
                    for (int i = 0; i < rows * size; i++) {
                        noisy[i] = Math.min(1f, Math.max(0f, px[base + i] + sigma * eps[i]));
                    }
                    correct[s + 1] += f.run(noisy, 0, rows, null).correct(test.labels(), from);
                }
            }
        }
        return correct;
    }

    private static long[] shift(DenseWeights w, LabeledImages test, Perturbation.Shift p) {
        int h = test.rows();
        int wd = test.cols();
        int size = h * wd;
        long[] correct = new long[p.pixels().size() + 1];
        float[] moved = new float[Forward.BLOCK * size];
        int[][] directions = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}}; // (dy, dx): right, left, down, up
        try (Forward f = new Forward(w)) {
            for (int from = 0; from < test.count(); from += Forward.BLOCK) {
                int rows = Math.min(Forward.BLOCK, test.count() - from);
                correct[0] += f.run(test.pixels(), from, rows, null).correct(test.labels(), from);
                for (int s = 0; s < p.pixels().size(); s++) {
                    int k = p.pixels().get(s);
                    for (int[] d : directions) {
                        shiftBlock(test.pixels(), from, rows, h, wd, d[0] * k, d[1] * k, moved);
                        correct[s + 1] += f.run(moved, 0, rows, null).correct(test.labels(), from);
                    }
                }
            }
        }
        return correct;
    }

    /** Images {@code from..from+rows} moved by (dy, dx) pixels into {@code out}, the uncovered border 0. */
    static void shiftBlock(float[] px, int from, int rows, int h, int w, int dy, int dx, float[] out) {
        int size = h * w;
        java.util.Arrays.fill(out, 0, rows * size, 0f);
        for (int r = 0; r < rows; r++) {
            int src = (from + r) * size;
            int dst = r * size;
            for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
                int x0 = Math.max(0, dx);
                int x1 = Math.min(w, w + dx);
                System.arraycopy(px, src + (y - dy) * w + (x0 - dx), out, dst + y * w + x0, x1 - x0);
            }
        }
    }

    private static long[] removal(DenseWeights w, LabeledImages test, Perturbation.UnitRemoval p) {
        int hidden = w.hiddenLayers();
        if (hidden == 0) {
            throw new IllegalArgumentException("unit removal needs a hidden layer; the model has none");
        }
        float[][][][] keep = masks(w, p);
        long[] correct = new long[keep.length + 1];
        int units0 = w.layer(0).out();
        try (Forward f = new Forward(w)) {
            float[] clean0 = new float[Forward.BLOCK * units0];
            for (int from = 0; from < test.count(); from += Forward.BLOCK) {
                int rows = Math.min(Forward.BLOCK, test.count() - from);
                correct[0] += f.run(test.pixels(), from, rows, null).correct(test.labels(), from);
                System.arraycopy(f.activations(0), 0, clean0, 0, rows * units0);
                for (int s = 0; s < keep.length; s++) {
                    for (int d = 0; d < p.draws(); d++) {
                        float[] h0 = f.activations(0);
                        float[] k0 = keep[s][d][0];
                        for (int r = 0; r < rows; r++) {
                            for (int u = 0; u < units0; u++) {
                                h0[r * units0 + u] = clean0[r * units0 + u] * k0[u];
                            }
                        }
                        correct[s + 1] += f.rerunAbove(0, keep[s][d]).correct(test.labels(), from);
                    }
                }
            }
        }
        return correct;
    }

    /**
     * The units each draw keeps: {@code [fraction][draw][hidden layer][unit]}, 1 kept, 0 removed; the same for every
     * image and, the seed being fixed, for every run of the same layer sizes.
     */
    static float[][][][] masks(DenseWeights w, Perturbation.UnitRemoval p) {
        Random rng = new Random(p.seed());
        float[][][][] keep = new float[p.fractions().size()][p.draws()][w.hiddenLayers()][];
        for (int s = 0; s < keep.length; s++) {
            for (int d = 0; d < p.draws(); d++) {
                for (int l = 0; l < w.hiddenLayers(); l++) {
                    keep[s][d][l] = keepMask(w.layer(l).out(), p.fractions().get(s), rng);
                }
            }
        }
        return keep;
    }

    /** 1 for kept units, 0 for the round(fraction·units) removed ones, chosen at random. */
    static float[] keepMask(int units, double fraction, Random rng) {
        int[] order = GradientNoise.permutation(units, rng);
        float[] keep = new float[units];
        java.util.Arrays.fill(keep, 1f);
        int removed = (int) Math.round(fraction * units);
        for (int i = 0; i < removed; i++) {
            keep[order[i]] = 0f;
        }
        return keep;
    }

    double[] values() {
        return accuracies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Robustness from(Perturbation p, double[] v) {
        List<Double> sizes = new ArrayList<>();
        sizes.add(0.0);
        sizes.addAll(p.sizes());
        return new Robustness(p, sizes, java.util.Arrays.stream(v).boxed().toList());
    }
}
