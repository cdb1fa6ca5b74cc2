package org.mnistablation.analysis;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.RunConfig;

/** One setting (one model definition) with its runs, one per seed; {@link Measure}s read their values from it. */
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

    public Stats.Sample sample(ToDoubleFunction<RunResult> f) {
        return new Stats.Sample(runs.stream().mapToDouble(f).toArray());
    }

    /** True when every run's model holds its last epoch's weights. */
    public boolean lastEpochModels() {
        return runs.stream().noneMatch(r -> r.history().restoredBest());
    }
}
