package org.mnistablation.notebook;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnistablation.analysis.Measure;
import org.mnistablation.analysis.Measure.Basis;
import org.mnistablation.analysis.RunMeasures;
import org.mnistablation.analysis.Unit;
import org.mnistablation.cache.MeasureCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.measure.GradientFlow;
import org.mnistablation.measure.GradientNoise;
import org.mnistablation.measure.Perturbation;
import org.mnistablation.measure.Robustness;
import org.mnistablation.measure.Sharpness;
import org.mnistablation.measure.StudyMeasures;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Machine;
import org.mnistablation.train.StepTimer;

/**
 * The measures a notebook can state claims with, each defined once. Those that need the study's data (the
 * training set for the dropout-off training evaluation, its size for update counts) receive it here.
 */
final class Measures {

    /** Steps per timed block of the controlled step timing (one round per run of a setting). */
    static final int TIMED_STEPS = 50;

    private final LabeledImages train;
    private final StudyMeasures measures;
    private final MeasureCache cache;

    /**
     * Versioned id of the controlled step times; they are kept in the measure cache under the timed fits and the
     * {@link Machine}, so every notebook that times the same fits on this machine shows the same times.
     */
    static final String STEP_TIME_ID = "step-time-v2";

    Measures(StudySplit data, MeasureCache cache) {
        this.train = data.train();
        this.cache = cache;
        this.measures = new StudyMeasures(cache, data);
    }

    private static double[] flat(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }

    StudyMeasures study() {
        return measures;
    }

    /** Test accuracy under {@code family} at {@code size} (σ, pixels or share of hidden units removed). */
    Measure accuracyUnder(Perturbation family, double size) {
        return new Measure(String.format(Locale.ROOT, "test accuracy under %s %s", family.kind(), Double.toString(size)
                .replaceAll("\\.0$", "")), Unit.PERCENT, Basis.HELD_OUT, r -> {
                    Robustness rb = measures.robustness(r, family);
                    int i = rb.sizes().indexOf(size);
                    if (i < 0) {
                        throw new IllegalArgumentException("size " + size + " is not one of " + rb.sizes());
                    }
                    return rb.accuracies().get(i);
                });
    }

    /** E‖g_B − g‖² at the kept weights for the run's own batch size B (dropout off, whole training set). */
    Measure gradientNoise() {
        return new Measure("gradient noise E‖g_B − g‖² at the run's batch size", Unit.PLAIN, Basis.HELD_OUT,
                r -> measures.gradientNoise(r, noiseSpec(r.config().batchSize())).at(r.config().batchSize())
                        .meanSquaredDeviation());
    }

    /** McCandlish et al.'s simple noise scale tr(Σ)/‖g‖² at the kept weights. */
    Measure gradientNoiseScale() {
        return new Measure("gradient noise scale tr(Σ)/‖g‖²", Unit.PLAIN, Basis.HELD_OUT,
                r -> measures.gradientNoise(r, noiseSpec(r.config().batchSize())).noiseScale());
    }

    static GradientNoise.Spec noiseSpec(int batch) {
        GradientNoise.Spec standard = GradientNoise.Spec.standard();
        if (standard.batchSizes().contains(batch)) {
            return standard;
        }
        List<Integer> sizes = new java.util.ArrayList<>(standard.batchSizes());
        sizes.add(batch);
        return new GradientNoise.Spec(sizes, standard.minibatches(), standard.seed());
    }

    /** Largest eigenvalue of the training loss's Hessian at the kept weights. */
    Measure sharpness() {
        return new Measure("top Hessian eigenvalue (sharpness)", Unit.PLAIN, Basis.HELD_OUT,
                r -> measures.sharpness(r, Sharpness.Spec.standard()).topEigenvalue());
    }

    /** Mean training-loss increase under random weight perturbations of a fixed relative size per layer. */
    Measure perturbedLossIncrease() {
        return new Measure("loss increase under random weight perturbations", Unit.LOSS, Basis.HELD_OUT,
                r -> measures.sharpness(r, Sharpness.Spec.standard()).meanLossIncrease());
    }

    /** Mean accuracy drop when one hidden unit is removed (lower: the work is spread over more units). */
    Measure unitDrop() {
        return new Measure("mean accuracy drop with one hidden unit removed", Unit.PERCENT, Basis.HELD_OUT,
                r -> measures.redundancy(r).meanDrop());
    }

    Measure unitCorrelation() {
        return new Measure("mean |correlation| of hidden units", Unit.PLAIN, Basis.HELD_OUT,
                r -> measures.redundancy(r).meanAbsCorrelation());
    }

    /** Mean ‖∂loss/∂pixels‖ over test images (lower: a smoother function of the input). */
    Measure inputGradient() {
        return new Measure("mean ‖∂loss/∂input‖", Unit.PLAIN, Basis.HELD_OUT,
                r -> measures.smoothness(r).meanInputGradientNorm());
    }

    /** First kernel's gradient norm over the last kernel's, at the kept weights. */
    Measure gradientFlow() {
        return new Measure("gradient norm first / last kernel", Unit.PLAIN, Basis.HELD_OUT,
                r -> measures.gradientFlow(r, GradientFlow.Spec.standard()).kept().firstToLast());
    }

    /** Epochs at the end of a run over which its stability is read. */
    static final int LATE_EPOCHS = 5;

    /**
     * Sample sd of val_loss over the last {@value #LATE_EPOCHS} epochs: where EarlyStopping decided when the run
     * ended, those epochs were chosen on validation and comparisons refuse the measure.
     */
    Measure lateValLossSpread() {
        return new Measure("sd of val_loss over the last " + LATE_EPOCHS + " epochs", Unit.LOSS, Basis.VALIDATION_CHOSEN,
                r -> measures.stability(r, LATE_EPOCHS).lateValLossSd());
    }

    /** Least-squares slope of val_loss per epoch over the last {@value #LATE_EPOCHS} epochs (above 0: rising). */
    Measure lateValLossSlope() {
        return new Measure("val_loss slope per epoch over the last " + LATE_EPOCHS + " epochs", Unit.LOSS,
                Basis.VALIDATION_CHOSEN, r -> measures.stability(r, LATE_EPOCHS).lateValLossSlope());
    }

    /** ‖θ_kept‖ / ‖θ_initial‖ over every kernel and bias: how far the weights grew. */
    Measure weightNormGrowth() {
        return new Measure("‖θ‖ kept / initial", Unit.PLAIN, Basis.HELD_OUT,
                r -> measures.stability(r, LATE_EPOCHS).normGrowth());
    }

    Measure trainingLoss() {
        return new Measure("training loss (dropout off)", Unit.LOSS, Basis.HELD_OUT,
                r -> measures.trainEvaluation(r).loss());
    }

    Measure trainingAccuracy() {
        return new Measure("training accuracy (dropout off)", Unit.PERCENT, Basis.HELD_OUT,
                r -> measures.trainEvaluation(r).accuracy());
    }

    /** Test loss − training loss, both of the kept weights with dropout off: overfitting on equal terms. */
    Measure generalisationGap() {
        return new Measure("generalisation gap (test − training loss, dropout off)", Unit.LOSS, Basis.HELD_OUT,
                r -> r.test().loss() - measures.trainEvaluation(r).loss());
    }

    /** Validation accuracy at the end of the epoch that ends within 3 % of {@code updates} minibatch steps. */
    Measure valAccuracyAfterUpdates(long updates) {
        return new Measure(String.format(Locale.ROOT, "val_accuracy after ≈%,d updates", updates), Unit.PERCENT,
                Basis.VALIDATION_FIXED, r -> {
                    long perEpoch = stepsPerEpoch(r.config());
                    int epoch = (int) Math.round((double) updates / perEpoch);
                    if (epoch < 1 || Math.abs(epoch * perEpoch - updates) > 0.03 * updates) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "no epoch of batch %d ends within 3 %% "
                                + "of %,d updates (%,d per epoch)", r.config().batchSize(), updates, perEpoch));
                    }
                    return RunMeasures.atEpoch(r, epoch).valAccuracy();
                });
    }

    long stepsPerEpoch(RunConfig c) {
        return (train.count() + c.batchSize() - 1) / c.batchSize();
    }

    /** Minibatch updates of the whole run. */
    Measure updates() {
        return new Measure("updates", Unit.COUNT, Basis.HELD_OUT, r -> stepsPerEpoch(r.config()) * r.history().epochsRun());
    }

    /**
     * The training step time of each fit's model under control ({@link StepTimer}): round i is timed with seed i's
     * configuration, so each run of a setting gets one repetition.
     */
    Measure stepTime(List<Setting> fits) {
        int rounds = fits.stream().mapToInt(f -> f.runs().size()).min().orElse(1);
        double[] stored = cache.getJoint(fits.stream().map(Setting::first).toList(),
                STEP_TIME_ID + "-" + TIMED_STEPS + "x" + rounds, Machine.current().describe(), () -> flat(
                        StepTimer.secondsPerStep(fits.stream().map(Setting::config).toList(), train, TIMED_STEPS, rounds)));
        double[][] t = new double[fits.size()][];
        for (int i = 0; i < fits.size(); i++) {
            t[i] = Arrays.copyOfRange(stored, i * rounds, (i + 1) * rounds);
        }
        Map<RunResult, Double> perRun = new IdentityHashMap<>();
        for (int i = 0; i < fits.size(); i++) {
            List<RunResult> runs = fits.get(i).runs();
            for (int r = 0; r < runs.size(); r++) {
                perRun.put(runs.get(r), t[i][r % rounds]);
            }
        }
        return new Measure("training step time (one core, interleaved)", Unit.MICROSECONDS, Basis.CONTROLLED_TIME, r -> {
            Double v = perRun.get(r);
            if (v == null) {
                throw new IllegalArgumentException("the step time was not measured for " + r.config().describe()
                        + ": pass every fit you compare to stepTime(...)");
            }
            return v;
        });
    }

    /**
     * Training seconds (steps × controlled step time, validation passes left out) until val_accuracy first reached
     * {@code target}; the target should be one every run reaches (see {@link #commonTarget}).
     */
    Measure secondsToReach(double target, Measure stepTime) {
        return new Measure(String.format(Locale.ROOT, "training seconds to val_accuracy %.2f %%", 100 * target),
                Unit.SECONDS, Basis.CONTROLLED_TIME, r -> {
                    for (EpochStats e : r.history().epochs()) {
                        if (e.valAccuracy() >= target) {
                            return e.epoch() * stepsPerEpoch(r.config()) * stepTime.perRun().applyAsDouble(r);
                        }
                    }
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "a run of %s never reached "
                            + "val_accuracy %.2f %%: choose a lower target", r.config().describe(), 100 * target));
                });
    }

    /** The highest val_accuracy every run of these fits reached at some epoch (floored to 0.1 pp). */
    static double commonTarget(List<Setting> fits) {
        double t = fits.stream().flatMap(f -> f.runs().stream())
                .mapToDouble(r -> r.history().epochs().stream().mapToDouble(EpochStats::valAccuracy).max().orElse(0))
                .min().orElse(0);
        return Math.floor(t * 1000) / 1000;
    }
}
