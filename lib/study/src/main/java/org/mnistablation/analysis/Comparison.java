package org.mnistablation.analysis;

import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;

/**
 * One measure compared between two settings over their seeds: the difference of means, its 95 % interval and
 * Welch's p (from {@link Stats#welch}), and — once the analysis has collected its family — the Holm-adjusted p
 * that decides the verdict. A difference of the same sign and size in every seed (paired by seed) and identical
 * values are decided without a test, on both datasets alike.
 *
 * @param pAdjusted Holm-adjusted p within the analysis's family; equal to the raw p until {@link #adjusted} is called
 */
public record Comparison(Measure measure, Setting a, Setting b, Stats.Welch test, double pAdjusted) {

    /**
     * Compares {@code measure} of {@code a} with {@code b}.
     *
     * @throws IllegalArgumentException for a comparison the study's rules forbid: a validation number where
     *                                  validation chose a side's epoch, or a wall time recorded during the study
     */
    public static Comparison of(Measure measure, Setting a, Setting b) {
        refuseForbidden(measure, a, b);
        Stats.Welch w = Stats.welch(measure.of(a), measure.of(b));
        return new Comparison(measure, a, b, w, w.p());
    }

    static void refuseForbidden(Measure measure, Setting a, Setting b) {
        switch (measure.basis()) {
            case SHOWN_ONLY -> throw new IllegalArgumentException(measure.name() + " is shown for information only and "
                    + "is never compared (" + a.label() + " vs " + b.label() + "): compare a held-out measure, or a time "
                    + "measured under control (stepTime)");
            case VALIDATION_CHOSEN -> {
                for (Setting s : new Setting[]{a, b}) {
                    if (s.runs().stream().anyMatch(Comparison::epochChosenOnValidation)) {
                        throw new IllegalArgumentException(measure.name() + " cannot be compared between " + a.label()
                                + " and " + b.label() + ": validation chose the kept epoch of " + s.label()
                                + " (EarlyStopping), so its validation numbers are biased upwards; compare test accuracy "
                                + "or another held-out measure instead");
                    }
                }
            }
            default -> {
            }
        }
    }

    /** True when EarlyStopping decided which epoch's weights the run holds (restored best, or stopped at it). */
    public static boolean epochChosenOnValidation(RunResult r) {
        return r.config().earlyStopping() != null;
    }

    /** This comparison with its p adjusted within a family. */
    public Comparison adjusted(double p) {
        return new Comparison(measure, a, b, test, p);
    }

    /** Whether the comparison was tested (two seeds or more, not identical, not a constant paired shift). */
    public boolean tested() {
        return test.verdict() == Stats.Verdict.INDISTINGUISHABLE
                || (test.significant() && !test.constantShift() && Double.isFinite(test.df()));
    }

    /** The verdict after adjustment: a tested difference counts only at adjusted p < 0.05. */
    public Stats.Verdict verdict() {
        Stats.Verdict raw = test.verdict();
        if (!tested()) {
            return raw;
        }
        if (pAdjusted >= Stats.ALPHA) {
            return Stats.Verdict.INDISTINGUISHABLE;
        }
        return test.diff() > 0 ? Stats.Verdict.HIGHER : Stats.Verdict.LOWER;
    }

    public Stats.Sample sampleA() {
        return measure.of(a);
    }

    public Stats.Sample sampleB() {
        return measure.of(b);
    }
}
