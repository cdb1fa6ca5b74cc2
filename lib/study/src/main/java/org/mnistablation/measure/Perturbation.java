package org.mnistablation.measure;

import java.util.Arrays;
import java.util.List;

/**
 * A family of test-time perturbations of growing size, for robustness curves (accuracy against size, size 0 being
 * the clean test set). Every perturbation is deterministic: the same seed gives the same noise and the same removed
 * units for every run, so settings are compared on identical perturbed inputs.
 */
public sealed interface Perturbation permits Perturbation.Noise, Perturbation.Shift, Perturbation.UnitRemoval {

    /** The sizes measured (without the clean 0). */
    List<Double> sizes();

    /** The size's name on a chart axis, e.g. "pixel noise σ". */
    String axis();

    /** A short name of the family, e.g. "noise". */
    String kind();

    /** The cache id of a robustness curve under this family. */
    String id();

    /**
     * Gaussian pixel noise: every pixel gets σ·ε added, ε standard normal, then is clipped to [0, 1]. One ε field per
     * test image (seeded by the image's index) serves every σ, so the curve's points differ in σ alone.
     */
    record Noise(List<Double> sigmas, long seed) implements Perturbation {

        public Noise {
            sigmas = List.copyOf(sigmas);
            if (sigmas.isEmpty() || sigmas.stream().anyMatch(s -> !(s > 0))) {
                throw new IllegalArgumentException("noise needs standard deviations > 0, e.g. noise(0.1, 0.2, 0.3); got "
                        + sigmas);
            }
        }

        @Override
        public List<Double> sizes() {
            return sigmas;
        }

        @Override
        public String axis() {
            return "pixel noise σ (then clipped to [0, 1])";
        }

        @Override
        public String kind() {
            return "noise";
        }

        @Override
        public String id() {
            return MeasureIds.id("robustness-noise-v1", sigmas, seed);
        }
    }

    /**
     * The image moved by a number of pixels, the uncovered border filled with 0; each size is the mean accuracy over
     * the four moves right, left, down and up.
     */
    record Shift(List<Integer> pixels) implements Perturbation {

        public Shift {
            pixels = List.copyOf(pixels);
            if (pixels.isEmpty() || pixels.stream().anyMatch(p -> p < 1)) {
                throw new IllegalArgumentException("shifts are whole pixels ≥ 1, e.g. shift(1, 2); got " + pixels);
            }
        }

        @Override
        public List<Double> sizes() {
            return pixels.stream().map(Integer::doubleValue).toList();
        }

        @Override
        public String axis() {
            return "shift in pixels (mean of right, left, down, up)";
        }

        @Override
        public String kind() {
            return "shift";
        }

        @Override
        public String id() {
            return MeasureIds.id("robustness-shift-v1", pixels);
        }
    }

    /**
     * A random share of every hidden layer's units removed at test time (their output set to 0, the others left as
     * they are), the same units for every image; each size is the mean accuracy over {@code draws} random choices.
     */
    record UnitRemoval(List<Double> fractions, int draws, long seed) implements Perturbation {

        public UnitRemoval {
            fractions = List.copyOf(fractions);
            if (fractions.isEmpty() || fractions.stream().anyMatch(f -> !(f > 0 && f < 1)) || draws < 1) {
                throw new IllegalArgumentException("unit removal needs shares between 0 and 1, e.g. "
                        + "unitRemoval(0.1, 0.3, 0.5), and at least one draw; got " + fractions + ", " + draws);
            }
        }

        @Override
        public List<Double> sizes() {
            return fractions;
        }

        @Override
        public String axis() {
            return "share of hidden units removed";
        }

        @Override
        public String kind() {
            return "unit removal";
        }

        @Override
        public String id() {
            return MeasureIds.id("robustness-units-v1", fractions, draws, seed);
        }
    }

    /** Gaussian pixel noise of each σ (seed 1). */
    public static Noise noise(double... sigmas) {
        return new Noise(Arrays.stream(sigmas).boxed().toList(), 7);
    }

    /** Shifts by each number of pixels. */
    public static Shift shift(int... pixels) {
        return new Shift(Arrays.stream(pixels).boxed().toList());
    }

    /** Each share of hidden units removed, mean of 5 random draws (seed 1). */
    public static UnitRemoval unitRemoval(double... fractions) {
        return new UnitRemoval(Arrays.stream(fractions).boxed().toList(), 5, 11);
    }
}
