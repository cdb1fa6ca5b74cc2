package org.mnistablation.measure;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;
import org.mnistablation.plot.Bars;
import org.mnistablation.plot.IntervalCharts;
import org.mnistablation.plot.Panels;

/**
 * One figure per measure, over settings and their seeds: every value is the mean over a setting's seeds with the
 * half-width of its 95 % t-interval as error bar ({@link SeedSummary}). {@code settings} maps each setting's label to
 * its runs' measures, one per seed, in the order the figure shows them.
 */
public final class MeasureFigures {

    private MeasureFigures() {
    }

    /** Accuracy against the perturbation's size, one line per setting (the same family for every setting). */
    public static BufferedImage robustness(String title, Map<String, List<Robustness>> settings) {
        Robustness any = first(settings);
        double[] x = any.sizes().stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, IntervalCharts.Band> bands = new LinkedHashMap<>();
        settings.forEach((label, runs) -> bands.put(label, band(runs, x.length, (r, i) -> r.accuracies().get(i))));
        return IntervalCharts.lines(title, any.perturbation().axis(), "test accuracy", x, bands, false, false);
    }

    /** The accuracy each hidden unit costs when removed alone, ranked, next to the mean |correlation| of the units. */
    public static BufferedImage unitDrops(String title, Map<String, List<Redundancy>> settings) {
        Map<String, double[][]> drops = new LinkedHashMap<>();
        settings.forEach((label, runs) -> drops.put(label, runs.stream()
                .map(r -> r.unitDrops().stream().mapToDouble(d -> 100 * d).toArray()).toArray(double[][]::new)));
        return Panels.sideBySide(
                IntervalCharts.ranked(title + ": accuracy lost without one unit", "percentage points", drops),
                bars(title + ": mean |r| between hidden units", "mean |Pearson r|", settings,
                        Redundancy::meanAbsCorrelation));
    }

    /** E‖g_B − g‖² against B on log–log axes with a 1/B line, next to the noise scale tr(Σ)/‖g‖². */
    public static BufferedImage gradientNoise(String title, Map<String, List<GradientNoise>> settings) {
        GradientNoise any = first(settings);
        double[] x = any.batches().stream().mapToDouble(GradientNoise.AtBatch::batchSize).toArray();
        Map<String, IntervalCharts.Band> bands = new LinkedHashMap<>();
        settings.forEach((label, runs) -> bands.put(label,
                band(runs, x.length, (g, i) -> g.batches().get(i).meanSquaredDeviation())));
        return Panels.sideBySide(
                IntervalCharts.linesWithPowerLaw(title + ": minibatch gradient variance", "batch size B",
                        "E‖g_B − g‖²", x, bands, -1, "∝ 1/B"),
                bars(title + ": gradient noise scale", "tr(Σ)/‖g‖²", settings, GradientNoise::noiseScale));
    }

    /** The top Hessian eigenvalue next to the loss increase under random perturbations. */
    public static BufferedImage sharpness(String title, Map<String, List<Sharpness>> settings) {
        return Panels.sideBySide(bars(title + ": top Hessian eigenvalue", "λ_max", settings, Sharpness::topEigenvalue),
                bars(title + ": loss increase, random perturbation", "Δ loss", settings, Sharpness::meanLossIncrease));
    }

    /** Mean input-gradient norm of the loss next to the mean Frobenius norm of the logits' Jacobian. */
    public static BufferedImage smoothness(String title, Map<String, List<Smoothness>> settings) {
        return Panels.sideBySide(
                bars(title + ": mean ‖∂loss/∂x‖", "‖∂loss/∂x‖", settings, Smoothness::meanInputGradientNorm),
                bars(title + ": mean ‖∂logits/∂x‖_F", "‖∂logits/∂x‖_F", settings, Smoothness::meanJacobianNorm));
    }

    /** First-to-last kernel gradient ratio and the first hidden layer's mean f′, at initial and kept weights. */
    public static BufferedImage gradientFlow(String title, Map<String, List<GradientFlow.AtInitAndKept>> settings) {
        List<String> labels = new ArrayList<>(settings.keySet());
        Map<String, IntervalCharts.Band> ratio = new LinkedHashMap<>();
        ratio.put("initial weights", bandPerSetting(settings.values(), f -> f.initial().firstToLast()));
        ratio.put("kept weights", bandPerSetting(settings.values(), f -> f.kept().firstToLast()));
        Map<String, IntervalCharts.Band> derivative = new LinkedHashMap<>();
        derivative.put("initial weights", bandPerSetting(settings.values(), f -> f.initial().meanDerivatives().get(0)));
        derivative.put("kept weights", bandPerSetting(settings.values(), f -> f.kept().meanDerivatives().get(0)));
        return Panels.sideBySide(
                IntervalCharts.groupedBars(title + ": ‖∂W_first‖ / ‖∂W_last‖", "ratio", labels, ratio),
                IntervalCharts.groupedBars(title + ": mean f′ of the first hidden layer", "mean f′(z)", labels,
                        derivative));
    }

    /**
     * Gradient flow through depth: the norm of each Dense layer's kernel gradient, input side first, at the initial
     * and at the kept weights (log axes), one line per setting; the settings must have the same number of layers.
     */
    public static BufferedImage gradientProfile(String title, Map<String, List<GradientFlow.AtInitAndKept>> settings) {
        int layers = first(settings).kept().kernelGradientNorms().size();
        for (Map.Entry<String, List<GradientFlow.AtInitAndKept>> e : settings.entrySet()) {
            for (GradientFlow.AtInitAndKept f : e.getValue()) {
                if (f.kept().kernelGradientNorms().size() != layers) {
                    throw new IllegalArgumentException("a gradient profile compares stacks of one depth: '" + e.getKey()
                            + "' has " + f.kept().kernelGradientNorms().size() + " Dense layers, the first setting "
                            + layers);
                }
            }
        }
        double[] x = new double[layers];
        java.util.Arrays.setAll(x, i -> i + 1);
        Map<String, IntervalCharts.Band> initial = new LinkedHashMap<>();
        Map<String, IntervalCharts.Band> kept = new LinkedHashMap<>();
        settings.forEach((label, runs) -> {
            initial.put(label, band(runs, layers, (f, i) -> f.initial().kernelGradientNorms().get(i)));
            kept.put(label, band(runs, layers, (f, i) -> f.kept().kernelGradientNorms().get(i)));
        });
        String axis = "Dense layer (1 = first, " + layers + " = output)";
        return Panels.sideBySide(
                IntervalCharts.lines(title + ": ‖∂CE/∂W‖ per layer, initial weights", axis, "‖∂CE/∂W‖", x, initial,
                        false, true),
                IntervalCharts.lines(title + ": ‖∂CE/∂W‖ per layer, kept weights", axis, "‖∂CE/∂W‖", x, kept,
                        false, true));
    }

    /** The sd of val_loss over the late epochs next to the weights' growth from their initial norm. */
    public static BufferedImage stability(String title, Map<String, List<Stability>> settings) {
        return Panels.sideBySide(bars(title + ": sd of late val_loss", "sd", settings, Stability::lateValLossSd),
                bars(title + ": ‖θ‖ kept / initial", "ratio", settings, Stability::normGrowth));
    }

    /** Training loss (dropout off) and test loss per setting, both evaluated as Keras's evaluate. */
    public static BufferedImage trainTestLoss(String title, List<Setting> settings,
                                              Map<String, List<LossAccuracy>> train) {
        List<String> labels = settings.stream().map(Setting::label).toList();
        Map<String, IntervalCharts.Band> groups = new LinkedHashMap<>();
        groups.put("training set", bandPerSetting(train.values(), LossAccuracy::loss));
        groups.put("test set", bandPerSetting(settings.stream().map(Setting::runs).toList(), r -> r.test().loss()));
        return IntervalCharts.groupedBars(title + ": loss with dropout off", "loss", labels, groups);
    }

    private interface PointValue<T> {
        double at(T run, int point);
    }

    private static <T> IntervalCharts.Band band(List<T> runs, int points, PointValue<T> f) {
        double[] mean = new double[points];
        double[] half = new double[points];
        for (int i = 0; i < points; i++) {
            int k = i;
            SeedSummary s = SeedSummary.of(runs, r -> f.at(r, k));
            mean[i] = s.mean();
            half[i] = s.halfWidth95();
        }
        return new IntervalCharts.Band(mean, half, runs.size());
    }

    /** One point per setting, in the settings' order. */
    private static <T> IntervalCharts.Band bandPerSetting(Collection<List<T>> settings, ToDoubleFunction<T> f) {
        double[] mean = new double[settings.size()];
        double[] half = new double[settings.size()];
        int i = 0;
        for (List<T> runs : settings) {
            SeedSummary s = SeedSummary.of(runs, f);
            mean[i] = s.mean();
            half[i++] = s.halfWidth95();
        }
        return new IntervalCharts.Band(mean, half, settings.stream().mapToInt(List::size).min().orElse(0));
    }

    private static <T> BufferedImage bars(String title, String yTitle, Map<String, List<T>> settings,
                                          ToDoubleFunction<T> f) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        settings.forEach((label, runs) -> {
            SeedSummary s = SeedSummary.of(runs, f);
            values.put(label, s.mean());
            errors.put(label, Double.isFinite(s.halfWidth95()) ? s.halfWidth95() : 0);
        });
        return Bars.barWithErrors(title + " (mean ± 95 % CI over seeds)", yTitle, values, errors);
    }

    private static <T> T first(Map<String, List<T>> settings) {
        if (settings.isEmpty() || settings.values().iterator().next().isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one setting with a run");
        }
        return settings.values().iterator().next().get(0);
    }
}
