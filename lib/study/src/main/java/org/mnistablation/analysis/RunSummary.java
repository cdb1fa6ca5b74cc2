package org.mnistablation.analysis;

import org.mnistablation.cache.RunResult;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** The numbers of one run that the analyses compare, taken from its history and test evaluation. */
public record RunSummary(String label, int epochsRun, double loss, double accuracy, double valLoss, double valAccuracy,
                         int bestEpoch, double bestValLoss, double bestValAccuracy, double testLoss,
                         double testAccuracy, double secondsPerEpoch, boolean stoppedEarly, boolean restoredBest) {

    public static RunSummary of(String label, RunResult r) {
        History h = r.history();
        EpochStats last = h.last();
        EpochStats best = h.best();
        double seconds = h.epochs().stream().mapToDouble(EpochStats::seconds).sum() / h.epochsRun();
        return new RunSummary(label, h.epochsRun(), last.loss(), last.accuracy(), last.valLoss(), last.valAccuracy(),
                h.bestEpoch(), best.valLoss(), best.valAccuracy(), r.test().loss(), r.test().accuracy(), seconds,
                h.stoppedEarly(), h.restoredBest());
    }

    /** Generalisation gap at the last epoch: val_loss − loss (positive: the model fits training data better). */
    public double lossGap() {
        return valLoss - loss;
    }
}
