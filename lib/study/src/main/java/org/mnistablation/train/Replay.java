package org.mnistablation.train;

import java.util.List;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.RunConfig;

/**
 * How many of a {@link Trajectory}'s recorded epochs a run takes instead of training them: all it would run of them
 * (its epoch count or its early stop decides, as {@link EarlyStoppingRule} replays on their val_loss), provided every
 * parameter vector the run will ask for is kept — the epoch it ends on when it ends among them, each new best epoch
 * when it restores the best weights — and, when it runs past them, the checkpoint after the last one is there.
 * Otherwise none: the run trains from its first epoch.
 */
final class Replay {

    private Replay() {
    }

    static int epochs(RunConfig config, Checkpoint recorded, Trajectory trajectory) {
        if (recorded == null) {
            return 0;
        }
        List<EpochStats> epochs = recorded.epochs();
        int available = Math.min(epochs.size(), config.epochs());
        EarlyStopping es = config.earlyStopping();
        EarlyStoppingRule rule = es == null ? null : new EarlyStoppingRule(es.patience());
        int end = -1;
        for (int epoch = 1; epoch <= available; epoch++) {
            EpochStats stats = epochs.get(epoch - 1);
            if (stats.epoch() != epoch) {
                return 0; // not a trajectory's history
            }
            if (rule != null) {
                EarlyStoppingRule.Step step = rule.onEpochEnd(epoch, stats.valLoss());
                if (step.improved() && es.restoreBestWeights() && trajectory.parametersAfter(epoch) == null) {
                    return 0;
                }
                if (step.stop()) {
                    end = epoch;
                    break;
                }
            }
        }
        if (end < 0 && config.epochs() <= epochs.size()) {
            end = config.epochs();
        }
        if (end > 0) { // the run ends among the recorded epochs
            return trajectory.parametersAfter(end) == null ? 0 : end;
        }
        return epochs.size(); // and trains on from the checkpoint
    }
}
