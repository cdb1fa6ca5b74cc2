package org.mnistablation.analysis;

import java.util.function.ToDoubleFunction;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;

/**
 * A number measured on every run of a setting, with what it may be compared on. The study's rules are enforced
 * here, not left to each analysis: a validation number of an epoch that validation chose (restored best weights,
 * or an epoch where EarlyStopping decided) is {@link Basis#VALIDATION_CHOSEN}, and wall times recorded while the
 * study trained are {@link Basis#SHOWN_ONLY}; {@link Comparison#of} refuses both.
 *
 * <pre>{@code
 * Measure acc = new Measure("test accuracy", Unit.PERCENT, Basis.HELD_OUT, r -> r.test().accuracy());
 * Comparison c = Comparison.of(acc, dropout01, dropout0);   // a Welch test over the seeds
 * }</pre>
 *
 * @param name  a short noun phrase, e.g. "test accuracy" (it labels table columns and evidence)
 * @param basis what makes the values comparable, or why they are not
 * @param perRun the value of one run
 */
public record Measure(String name, Unit unit, Basis basis, ToDoubleFunction<RunResult> perRun,
                      ToDoubleFunction<RunResult> cap) {

    /** What a measure's values rest on. */
    public enum Basis {
        /** measured on data no decision was taken on (test set, training set with dropout off, counts, weights) */
        HELD_OUT,
        /** a validation number at an epoch fixed in advance (epoch 1, 1,720 updates): comparable */
        VALIDATION_FIXED,
        /**
         * a validation number of the kept epoch, or of the last epochs of a run EarlyStopping ended: comparable only
         * where no run's epochs were chosen on validation
         */
        VALIDATION_CHOSEN,
        /** a time measured under control (one core, interleaved repetitions): comparable */
        CONTROLLED_TIME,
        /** shown as information (study wall times, Keras's running-mean training loss with dropout on): never compared */
        SHOWN_ONLY
    }

    public Measure {
        if (name == null || name.isBlank() || unit == null || basis == null || perRun == null) {
            throw new IllegalArgumentException("a measure needs a name, a unit, a basis and a per-run function");
        }
    }

    /** A measure without a cap. */
    public Measure(String name, Unit unit, Basis basis, ToDoubleFunction<RunResult> perRun) {
        this(name, unit, basis, perRun, null);
    }

    /**
     * True when every run of {@code s} reached the measure's cap (e.g. epochs run = the epochs asked for): the true
     * value is then at least what was measured, and a difference a lower bound.
     */
    public boolean capped(Setting s) {
        return cap != null && s.runs().stream().allMatch(r -> perRun.applyAsDouble(r) >= cap.applyAsDouble(r));
    }

    /** This measure's values over a setting's runs, in seed order. */
    public Stats.Sample of(Setting s) {
        return new Stats.Sample(s.runs().stream().mapToDouble(perRun).toArray());
    }

    /** The same measure under another name (e.g. to say which epoch it was read at). */
    public Measure named(String newName) {
        return new Measure(newName, unit, basis, perRun, cap);
    }
}
