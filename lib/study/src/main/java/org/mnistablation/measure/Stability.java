package org.mnistablation.measure;

import java.util.List;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/**
 * How steady a run's late training is: over its last epochs, the mean, the sample standard deviation and the least-
 * squares slope (per epoch) of val_loss, and how far the weights grew, ‖θ_kept‖ / ‖θ_initial‖. The spread over the
 * seeds is that of the per-run values (e.g. of {@link #lastValLoss}) in a setting's table.
 *
 * @param lateEpochs the epochs the late values cover (the last ones run)
 */
public record Stability(int lateEpochs, double lateValLossMean, double lateValLossSd, double lateValLossSlope,
                        double lastValLoss, double initialNorm, double keptNorm) {

    /** The cache id of this measure with a late window of {@code lateEpochs}. */
    static String id(int lateEpochs) {
        return MeasureIds.id("stability-v1", lateEpochs);
    }

    public double normGrowth() {
        return keptNorm / initialNorm;
    }

    /** Over the last {@code lateEpochs} epochs run (all of them when fewer ran). */
    public static Stability of(History history, DenseWeights initial, DenseWeights kept, int lateEpochs) {
        if (lateEpochs < 2) {
            throw new IllegalArgumentException("a spread needs at least 2 late epochs, got " + lateEpochs);
        }
        List<EpochStats> epochs = history.epochs();
        List<EpochStats> late = epochs.subList(Math.max(0, epochs.size() - lateEpochs), epochs.size());
        int n = late.size();
        double meanX = 0;
        double meanY = 0;
        for (EpochStats e : late) {
            meanX += e.epoch() / (double) n;
            meanY += e.valLoss() / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (EpochStats e : late) {
            sxx += (e.epoch() - meanX) * (e.epoch() - meanX);
            sxy += (e.epoch() - meanX) * (e.valLoss() - meanY);
            syy += (e.valLoss() - meanY) * (e.valLoss() - meanY);
        }
        return new Stability(n, meanY, n > 1 ? Math.sqrt(syy / (n - 1)) : Double.NaN, n > 1 ? sxy / sxx : Double.NaN,
                history.last().valLoss(), initial.norm(), kept.norm());
    }

    double[] values() {
        return new double[]{lateEpochs, lateValLossMean, lateValLossSd, lateValLossSlope, lastValLoss, initialNorm, keptNorm};
    }

    static Stability from(double[] v) {
        return new Stability((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
