package org.mnistablation.train;

import org.mnistablation.model.EarlyStopping;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 3's {@code EarlyStopping} at work (keras/src/callbacks/early_stopping.py, monitor val_loss, min_delta 0):
 * {@link EarlyStoppingRule} decides at every epoch end; with restore_best_weights the weights of every new best epoch
 * are kept (the first epoch's to begin with), and at the end of training they are put back whenever
 * restore_best_weights is set, also when training ran every epoch.
 */
final class EarlyStoppingCallback implements Callback {

    private final EarlyStopping spec;
    private EarlyStoppingRule rule;
    private int bestEpoch;
    private int stoppedEpoch;
    private INDArray bestWeights;
    private boolean restored;

    EarlyStoppingCallback(EarlyStopping spec) {
        this.spec = spec;
    }

    @Override
    public void onTrainBegin(TrainingState state) {
        rule = new EarlyStoppingRule(spec.patience());
        bestEpoch = 0;
        stoppedEpoch = 0;
        restored = false;
        release();
    }

    @Override
    public void onEpochEnd(int epoch, EpochStats logs, TrainingState state) {
        if (spec.restoreBestWeights() && bestWeights == null) {
            // the first epoch's weights are the best until one beats them
            bestWeights = state.weights();
            bestEpoch = epoch;
        }
        EarlyStoppingRule.Step step = rule.onEpochEnd(epoch, logs.valLoss());
        if (step.improved()) {
            bestEpoch = epoch;
            if (spec.restoreBestWeights()) {
                release();
                bestWeights = state.weights();
            }
        } else if (step.stop()) {
            stoppedEpoch = epoch;
            state.stopTraining();
        }
    }

    @Override
    public void onTrainEnd(TrainingState state) {
        if (spec.restoreBestWeights() && bestWeights != null) {
            state.setWeights(bestWeights);
            restored = true;
        }
        release();
    }

    private void release() {
        if (bestWeights != null) {
            bestWeights.close();
            bestWeights = null;
        }
    }

    /** The epoch (from 1) with the lowest val_loss, 0 before any. */
    int bestEpoch() {
        return bestEpoch;
    }

    /** The epoch after which training stopped, 0 when it ran every epoch. */
    int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** Whether the best epoch's weights were put back at the end of training. */
    boolean restored() {
        return restored;
    }
}
