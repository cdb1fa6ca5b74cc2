package org.mnistablation.analysis;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** One setting (one model definition) with its runs, one per seed, and the per-seed values the findings compare. */
public record Setting(String label, List<RunResult> runs) {

    public Setting {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("setting '" + label + "' has no runs");
        }
    }

    public int seeds() {
        return runs.size();
    }

    public RunConfig config() {
        return runs.get(0).config();
    }

    public RunResult first() {
        return runs.get(0);
    }

    public List<Long> seedList() {
        return runs.stream().map(r -> r.config().seed()).toList();
    }

    public Stats.Sample sample(ToDoubleFunction<RunResult> f) {
        return new Stats.Sample(runs.stream().mapToDouble(f).toArray());
    }

    /** Test accuracy of the kept model (the last epoch's, or the restored best epoch's). */
    public Stats.Sample testAccuracy() {
        return sample(r -> r.test().accuracy());
    }

    public Stats.Sample keptValAccuracy() {
        return sample(r -> r.history().kept().valAccuracy());
    }

    public Stats.Sample keptValLoss() {
        return sample(r -> r.history().kept().valLoss());
    }

    public Stats.Sample epochsRun() {
        return sample(r -> r.history().epochsRun());
    }

    /** The epoch whose weights each run's model holds. */
    public Stats.Sample keptEpoch() {
        return sample(r -> r.history().kept().epoch());
    }

    /** The epoch of the lowest validation loss. */
    public Stats.Sample bestEpoch() {
        return sample(r -> r.history().bestEpoch());
    }

    /** Wall-clock seconds of the whole fit (every epoch, each with its validation pass). */
    public Stats.Sample totalSeconds() {
        return sample(r -> r.history().epochs().stream().mapToDouble(EpochStats::seconds).sum());
    }

    public Stats.Sample secondsPerEpoch() {
        return sample(r -> r.history().epochs().stream().mapToDouble(EpochStats::seconds).sum() / r.history().epochsRun());
    }

    /** val_loss − loss at the last epoch run. */
    public Stats.Sample lastGap() {
        return sample(r -> r.history().last().valLoss() - r.history().last().loss());
    }

    /** val_loss − loss at the epoch the model holds. */
    public Stats.Sample keptGap() {
        return sample(r -> r.history().kept().valLoss() - r.history().kept().loss());
    }

    /** test loss − training loss of the kept epoch: a gap whose unseen side was not used to choose the epoch. */
    public Stats.Sample keptTestGap() {
        return sample(r -> r.test().loss() - r.history().kept().loss());
    }

    /** Validation accuracy after epoch {@code e} (from 1); the last epoch's for runs that stopped before it. */
    public Stats.Sample valAccuracyAfter(int e) {
        return sample(r -> epoch(r.history(), e).valAccuracy());
    }

    public Stats.Sample valLossAfter(int e) {
        return sample(r -> epoch(r.history(), e).valLoss());
    }

    static EpochStats epoch(History h, int e) {
        return h.epochs().get(Math.min(e, h.epochsRun()) - 1);
    }

    /** True when some run's model holds the weights of an epoch chosen on validation (restored best weights). */
    public boolean selectedOnValidation() {
        return runs.stream().anyMatch(r -> r.history().restoredBest());
    }

    /** True when every run's model holds its last epoch's weights. */
    public boolean lastEpochModels() {
        return runs.stream().noneMatch(r -> r.history().restoredBest());
    }
}
