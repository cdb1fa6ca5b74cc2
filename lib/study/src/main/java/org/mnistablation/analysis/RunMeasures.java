package org.mnistablation.analysis;

import org.mnistablation.analysis.Measure.Basis;
import org.mnistablation.cache.RunResult;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/**
 * The measures that need nothing but a run: its test evaluation, its history, its weights. Each is defined once
 * here; the notebook vocabulary, the Summary's table and the overview use these.
 */
public final class RunMeasures {

    private RunMeasures() {
    }

    public static Measure testAccuracy() {
        return new Measure("test accuracy", Unit.PERCENT, Basis.HELD_OUT, r -> r.test().accuracy());
    }

    public static Measure testLoss() {
        return new Measure("test loss", Unit.LOSS, Basis.HELD_OUT, r -> r.test().loss());
    }

    /** 1 when val_loss was higher at the last epoch run than at its minimum. */
    public static Measure valLossRose() {
        return new Measure("val_loss rose after its minimum", Unit.FLAG, Basis.HELD_OUT,
                r -> r.history().bestEpoch() < r.history().epochsRun() ? 1 : 0);
    }

    public static Measure epochsSinceMinimum() {
        return new Measure("epochs after the val_loss minimum", Unit.EPOCHS, Basis.HELD_OUT,
                r -> r.history().epochsRun() - r.history().bestEpoch());
    }

    public static Measure epochsRun() {
        return new Measure("epochs run", Unit.EPOCHS, Basis.HELD_OUT, r -> r.history().epochsRun(), r -> r.config().epochs());
    }

    /** The epoch whose weights the model holds (the restored best, or the last). */
    public static Measure keptEpoch() {
        return new Measure("kept epoch", Unit.EPOCHS, Basis.HELD_OUT, r -> r.history().kept().epoch());
    }

    /** 1 when EarlyStopping ended training before the requested epochs. */
    public static Measure stoppedEarly() {
        return new Measure("stopped before the epoch cap", Unit.FLAG, Basis.HELD_OUT, r -> r.history().stoppedEarly() ? 1 : 0);
    }

    public static Measure valAccuracyAtEpoch(int epoch) {
        return new Measure("val_accuracy after epoch " + epoch, Unit.PERCENT, Basis.VALIDATION_FIXED,
                r -> atEpoch(r, epoch).valAccuracy());
    }

    public static Measure valLossAtEpoch(int epoch) {
        return new Measure("val_loss after epoch " + epoch, Unit.LOSS, Basis.VALIDATION_FIXED, r -> atEpoch(r, epoch).valLoss());
    }

    /** Epoch {@code epoch} (from 1) of the run; a clear error when the run stopped before it. */
    public static EpochStats atEpoch(RunResult r, int epoch) {
        History h = r.history();
        if (epoch < 1 || epoch > h.epochsRun()) {
            throw new IllegalArgumentException("a run of " + r.config().describe() + " ran " + h.epochsRun()
                    + " epochs, so it has no epoch " + epoch + " to compare");
        }
        return h.epochs().get(epoch - 1);
    }

    /** Validation loss of the kept epoch: refused in comparisons wherever validation chose that epoch. */
    public static Measure keptValLoss() {
        return new Measure("val_loss of the kept epoch", Unit.LOSS, Basis.VALIDATION_CHOSEN, r -> r.history().kept().valLoss());
    }

    /** Keras's training loss of the kept epoch: a running mean with dropout on, shown as Keras shows it. */
    public static Measure kerasLoss() {
        return new Measure("Keras loss of the kept epoch (running mean, dropout on)", Unit.LOSS, Basis.SHOWN_ONLY,
                r -> r.history().kept().loss());
    }

    /** Seconds per epoch as recorded while the study trained (other work shared the cores): information only. */
    public static Measure studySecondsPerEpoch() {
        return new Measure("study s/epoch (shared cores, not compared)", Unit.SECONDS, Basis.SHOWN_ONLY,
                r -> r.history().epochs().stream().mapToDouble(EpochStats::seconds).sum() / r.history().epochsRun());
    }

    public static Measure kernelNorm() {
        return new Measure("‖W‖ of the first kernel", Unit.PLAIN, Basis.HELD_OUT, r -> WeightStats.of(r.hiddenKernelValues()).norm());
    }

    public static Measure maxAbsWeight() {
        return new Measure("max |w| of the first kernel", Unit.PLAIN, Basis.HELD_OUT,
                r -> WeightStats.of(r.hiddenKernelValues()).maxAbs());
    }

    /** Seconds of the whole fit as recorded while the study trained: information only. */
    public static Measure studySeconds() {
        return new Measure("study s (shared cores, not compared)", Unit.SECONDS, Basis.SHOWN_ONLY,
                r -> r.history().epochs().stream().mapToDouble(EpochStats::seconds).sum());
    }
}
