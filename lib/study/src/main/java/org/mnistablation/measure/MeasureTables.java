package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables of measures over seeds: one row per setting, one column per quantity, each cell the mean over the setting's
 * seeds ± the half-width of its 95 % t-interval ({@link SeedSummary}).
 */
public final class MeasureTables {

    /** A column: a value of each run's measure, shown × {@code scale} with {@code decimals} decimals. */
    public record Quantity<T>(String name, ToDoubleFunction<T> value, double scale, int decimals) {
    }

    private MeasureTables() {
    }

    /** Any measure: {@code settings} maps each setting's label to its runs' measures, one per seed. */
    public static <T> Table table(String title, Map<String, List<T>> settings, List<Quantity<T>> quantities) {
        Table t = Table.create(title);
        t.addColumns(StringColumn.create("setting", new ArrayList<>(settings.keySet())),
                IntColumn.create("seeds", settings.values().stream().mapToInt(List::size).toArray()));
        for (Quantity<T> q : quantities) {
            List<String> cells = new ArrayList<>();
            for (List<T> runs : settings.values()) {
                cells.add(SeedSummary.of(runs, q.value()).format(q.scale(), q.decimals()));
            }
            t.addColumns(StringColumn.create(q.name(), cells));
        }
        return t;
    }

    public static Table trainEvaluation(String title, Map<String, List<LossAccuracy>> s) {
        return table(title, s, List.of(new Quantity<>("training loss (dropout off)", LossAccuracy::loss, 1, 4),
                new Quantity<>("training accuracy %", LossAccuracy::accuracy, 100, 2)));
    }

    public static Table gradientNoise(String title, Map<String, List<GradientNoise>> s) {
        List<Quantity<GradientNoise>> q = new ArrayList<>();
        q.add(new Quantity<>("training loss", GradientNoise::loss, 1, 4));
        q.add(new Quantity<>("‖g‖²", GradientNoise::gradientSquaredNorm, 1, 5));
        GradientNoise any = s.values().iterator().next().get(0);
        for (GradientNoise.AtBatch b : any.batches()) {
            int size = b.batchSize();
            q.add(new Quantity<>("E‖g_B − g‖², B = " + size, g -> g.at(size).meanSquaredDeviation(), 1, 4));
        }
        q.add(new Quantity<>("tr(Σ)", g -> g.batches().stream().mapToDouble(GradientNoise.AtBatch::traceCovariance)
                .average().orElse(Double.NaN), 1, 3));
        q.add(new Quantity<>("noise scale tr(Σ)/‖g‖²", GradientNoise::noiseScale, 1, 0));
        return table(title, s, q);
    }

    public static Table sharpness(String title, Map<String, List<Sharpness>> s) {
        return table(title, s, List.of(new Quantity<>("top Hessian eigenvalue", Sharpness::topEigenvalue, 1, 3),
                new Quantity<>("loss (subset)", Sharpness::loss, 1, 4),
                new Quantity<>("loss increase, random perturbation", Sharpness::meanLossIncrease, 1, 4)));
    }

    /** Accuracy % at each size of the family (the same family for every setting). */
    public static Table robustness(String title, Map<String, List<Robustness>> s) {
        Robustness any = s.values().iterator().next().get(0);
        List<Quantity<Robustness>> q = new ArrayList<>();
        for (int i = 0; i < any.sizes().size(); i++) {
            int k = i;
            String name = i == 0 ? "clean %" : any.perturbation().kind() + " " + plain(any.sizes().get(i)) + " %";
            q.add(new Quantity<>(name, r -> r.accuracies().get(k), 100, 2));
        }
        return table(title, s, q);
    }

    public static Table redundancy(String title, Map<String, List<Redundancy>> s) {
        return table(title, s, List.of(new Quantity<>("accuracy %", Redundancy::accuracy, 100, 2),
                new Quantity<>("mean drop of one unit (pp)", Redundancy::meanDrop, 100, 3),
                new Quantity<>("largest drop (pp)", Redundancy::maxDrop, 100, 2),
                new Quantity<>("units costing > 0.1 pp (%)", r -> r.shareAbove(0.001), 100, 1),
                new Quantity<>("mean |r| between units", Redundancy::meanAbsCorrelation, 1, 3),
                new Quantity<>("dead units", Redundancy::deadUnits, 1, 1)));
    }

    public static Table smoothness(String title, Map<String, List<Smoothness>> s) {
        return table(title, s, List.of(new Quantity<>("mean ‖∂loss/∂x‖", Smoothness::meanInputGradientNorm, 1, 4),
                new Quantity<>("mean ‖∂logits/∂x‖_F", Smoothness::meanJacobianNorm, 1, 3)));
    }

    public static Table gradientFlow(String title, Map<String, List<GradientFlow.AtInitAndKept>> s) {
        return table(title, s, List.of(
                new Quantity<>("‖∂W_first‖/‖∂W_last‖ at init", f -> f.initial().firstToLast(), 1, 3),
                new Quantity<>("… kept weights", f -> f.kept().firstToLast(), 1, 3),
                new Quantity<>("mean f′ first hidden layer, init", f -> f.initial().meanDerivatives().get(0), 1, 3),
                new Quantity<>("… kept weights", f -> f.kept().meanDerivatives().get(0), 1, 3),
                new Quantity<>("mean f′ last hidden layer, kept", f -> last(f.kept().meanDerivatives()), 1, 3)));
    }

    /**
     * Gradient flow layer by layer (stacks of one depth): each Dense layer's kernel gradient norm and each hidden
     * layer's mean f′, at the initial and at the kept weights.
     */
    public static Table gradientProfile(String title, Map<String, List<GradientFlow.AtInitAndKept>> s) {
        GradientFlow any = s.values().iterator().next().get(0).kept();
        List<Quantity<GradientFlow.AtInitAndKept>> q = new ArrayList<>();
        for (int l = 0; l < any.kernelGradientNorms().size(); l++) {
            int k = l;
            q.add(new Quantity<>("‖∂W" + (l + 1) + "‖ init", f -> f.initial().kernelGradientNorms().get(k), 1, 4));
            q.add(new Quantity<>("‖∂W" + (l + 1) + "‖ kept", f -> f.kept().kernelGradientNorms().get(k), 1, 4));
        }
        for (int l = 0; l < any.meanDerivatives().size(); l++) {
            int k = l;
            q.add(new Quantity<>("f′ layer " + (l + 1) + " init", f -> f.initial().meanDerivatives().get(k), 1, 3));
            q.add(new Quantity<>("f′ layer " + (l + 1) + " kept", f -> f.kept().meanDerivatives().get(k), 1, 3));
        }
        return table(title, s, q);
    }

    /** Late val_loss and weight growth, and the spread over the seeds: the sd of the last val_loss. */
    public static Table stability(String title, Map<String, List<Stability>> s) {
        Table t = table(title, s, List.of(new Quantity<>("late epochs", Stability::lateEpochs, 1, 0),
                new Quantity<>("late val_loss mean", Stability::lateValLossMean, 1, 4),
                new Quantity<>("late val_loss sd", Stability::lateValLossSd, 1, 4),
                new Quantity<>("val_loss slope / epoch", Stability::lateValLossSlope, 1, 5),
                new Quantity<>("last val_loss", Stability::lastValLoss, 1, 4),
                new Quantity<>("‖θ‖ kept / initial", Stability::normGrowth, 1, 3)));
        List<String> spread = new ArrayList<>();
        for (List<Stability> runs : s.values()) {
            spread.add(String.format(java.util.Locale.ROOT, "%.4f", SeedSummary.of(runs, Stability::lastValLoss).sd()));
        }
        t.addColumns(StringColumn.create("sd of last val_loss over seeds", spread));
        return t;
    }

    private static double last(List<Double> v) {
        return v.get(v.size() - 1);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
