package org.mnistablation.notebook;

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
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.Evaluator;
import org.mnistablation.train.StepTimer;

/**
 * The measures a notebook can state claims with, each defined once. Those that need the study's data (the
 * training set for the dropout-off training evaluation, its size for update counts) receive it here.
 */
final class Measures {

    /** Steps per timed block of the controlled step timing (one round per run of a setting). */
    static final int TIMED_STEPS = 50;

    private final LabeledImages train;
    private final MeasureCache cache;

    Measures(LabeledImages train, MeasureCache cache) {
        this.train = train;
        this.cache = cache;
    }

    /** The kept weights on the training set with dropout off, as Keras's {@code evaluate}: {loss, accuracy}. */
    double[] trainingEvaluation(RunResult r) {
        return cache.get(r, "train-eval-v1", () -> {
            Evaluation e = Evaluator.evaluate(r.network(), r.config().model(), train);
            return new double[]{e.loss(), e.accuracy()};
        });
    }

    Measure trainingLoss() {
        return new Measure("training loss (dropout off)", Unit.LOSS, Basis.HELD_OUT, r -> trainingEvaluation(r)[0]);
    }

    Measure trainingAccuracy() {
        return new Measure("training accuracy (dropout off)", Unit.PERCENT, Basis.HELD_OUT, r -> trainingEvaluation(r)[1]);
    }

    /** Test loss − training loss, both of the kept weights with dropout off: overfitting on equal terms. */
    Measure generalisationGap() {
        return new Measure("generalisation gap (test − training loss, dropout off)", Unit.LOSS, Basis.HELD_OUT,
                r -> r.test().loss() - trainingEvaluation(r)[0]);
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
    Measure stepTime(List<FitResult> fits) {
        int rounds = fits.stream().mapToInt(f -> f.runs().size()).min().orElse(1);
        double[][] t = StepTimer.secondsPerStep(fits.stream().map(FitResult::config).toList(), train, TIMED_STEPS, rounds);
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
    static double commonTarget(List<FitResult> fits) {
        double t = fits.stream().flatMap(f -> f.runs().stream())
                .mapToDouble(r -> r.history().epochs().stream().mapToDouble(EpochStats::valAccuracy).max().orElse(0))
                .min().orElse(0);
        return Math.floor(t * 1000) / 1000;
    }
}
