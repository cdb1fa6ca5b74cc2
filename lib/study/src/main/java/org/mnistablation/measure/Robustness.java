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
        return of(weights, test, List.of(p)).get(0);
    }

    /**
     * Several families at once, in one sweep over the images: the clean pass of each block of images is shared (and
     * so is the clean accuracy of every curve).
     */
    public static List<Robustness> of(DenseWeights weights, LabeledImages test, List<Perturbation> families) {
        weights.requireInputs(test);
        List<Passes> passes = new ArrayList<>();
        long[][] correct = new long[families.size()][];
        boolean removal = false;
        for (int i = 0; i < families.size(); i++) {
            Perturbation p = families.get(i);
            passes.add(p instanceof Perturbation.Noise n ? new NoisePasses(n, test.pixelsPerImage())
                    : p instanceof Perturbation.Shift s ? new ShiftPasses(s, test.rows(), test.cols())
                    : new RemovalPasses(weights, (Perturbation.UnitRemoval) p));
            correct[i] = new long[p.sizes().size() + 1];
            removal |= p instanceof Perturbation.UnitRemoval;
        }
        int units0 = weights.layer(0).out();
        try (Forward f = new Forward(weights)) {
            float[] clean0 = removal ? new float[Forward.BLOCK * units0] : null;
            for (int from = 0; from < test.count(); from += Forward.BLOCK) {
                int rows = Math.min(Forward.BLOCK, test.count() - from);
                int clean = f.run(test.pixels(), from, rows, null).correct(test.labels(), from);
                if (removal) {
                    System.arraycopy(f.activations(0), 0, clean0, 0, rows * units0);
                }
                for (int i = 0; i < passes.size(); i++) {
                    correct[i][0] += clean;
                    passes.get(i).block(f, test, from, rows, clean0, correct[i]);
                }
            }
        }
        List<Robustness> out = new ArrayList<>();
        for (int i = 0; i < families.size(); i++) {
            List<Double> accuracies = new ArrayList<>();
            for (int k = 0; k < correct[i].length; k++) {
                accuracies.add(correct[i][k] / (k == 0 ? 1 : passes.get(i).perSize()) / test.count());
            }
            out.add(from(families.get(i), accuracies.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }

    /** A family's passes over one block of images, after the shared clean pass. */
    private interface Passes {

        /** Adds the correctly classified images of each size to {@code correct[1..]}. */
        void block(Forward f, LabeledImages test, int from, int rows, float[] cleanFirstHidden, long[] correct);

        /** Passes averaged per size (one noise field, four moves, the removal draws). */
        double perSize();
    }

    /** One standard-normal field per image, seeded by the image's index, scaled by each σ, clipped to [0, 1]. */
    private static final class NoisePasses implements Passes {
        private final Perturbation.Noise p;
        private final int size;
        private final float[] eps;
        private final float[] noisy;

        NoisePasses(Perturbation.Noise p, int size) {
            this.p = p;
            this.size = size;
            this.eps = new float[Forward.BLOCK * size];
            this.noisy = new float[Forward.BLOCK * size];
        }

        @Override
        public void block(Forward f, LabeledImages test, int from, int rows, float[] clean0, long[] correct) {
            for (int r = 0; r < rows; r++) {
                SplittableRandom rng = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + from + r);
                for (int i = r * size; i < (r + 1) * size; i++) {
                    eps[i] = (float) rng.nextGaussian();
                }
            }
            float[] px = test.pixels();
            int base = from * size;
            for (int s = 0; s < p.sigmas().size(); s++) {
                float sigma = p.sigmas().get(s).floatValue();
                for (int i = 0; i < rows * size; i++) {
                    noisy[i] = Math.min(1f, Math.max(0f, px[base + i] + sigma * eps[i]));
                }
                correct[s + 1] += f.run(noisy, 0, rows, null).correct(test.labels(), from);
            }
        }

        @Override
        public double perSize() {
            return 1;
        }
    }

    /** Moves right, left, down and up by each number of pixels. */
    private static final class ShiftPasses implements Passes {
        private static final int[][] DIRECTIONS = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}}; // (dy, dx)
        private final Perturbation.Shift p;
        private final int h;
        private final int w;
        private final float[] moved;

        ShiftPasses(Perturbation.Shift p, int h, int w) {
            this.p = p;
            this.h = h;
            this.w = w;
            this.moved = new float[Forward.BLOCK * h * w];
        }

        @Override
        public void block(Forward f, LabeledImages test, int from, int rows, float[] clean0, long[] correct) {
            for (int s = 0; s < p.pixels().size(); s++) {
                int k = p.pixels().get(s);
                for (int[] d : DIRECTIONS) {
                    shiftBlock(test.pixels(), from, rows, h, w, d[0] * k, d[1] * k, moved);
                    correct[s + 1] += f.run(moved, 0, rows, null).correct(test.labels(), from);
                }
            }
        }

        @Override
        public double perSize() {
            return DIRECTIONS.length;
        }
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

    /**
     * Units removed from the clean pass's first hidden layer (and the masks of the layers above applied as they are
     * run again); the layers below are not run again.
     */
    private static final class RemovalPasses implements Passes {
        private final Perturbation.UnitRemoval p;
        private final float[][][][] keep;
        private final int units0;

        RemovalPasses(DenseWeights w, Perturbation.UnitRemoval p) {
            if (w.hiddenLayers() == 0) {
                throw new IllegalArgumentException("unit removal needs a hidden layer; the model has none");
            }
            this.p = p;
            this.keep = masks(w, p);
            this.units0 = w.layer(0).out();
        }

        @Override
        public void block(Forward f, LabeledImages test, int from, int rows, float[] clean0, long[] correct) {
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

        @Override
        public double perSize() {
            return p.draws();
        }
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
