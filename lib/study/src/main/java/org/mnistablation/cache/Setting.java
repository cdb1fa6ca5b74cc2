package org.mnistablation.cache;

import java.util.List;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.History;

/**
 * One setting of a study — a label (the model's name) with its finished runs, one per seed, in seed order: what
 * {@code model.fit(...)} returns in a notebook, what a task's record in the run cache lists ({@link TaskManifest}),
 * and what the analyses compare. {@link #history()} is the first seed's Keras history; {@link #runs()} has every
 * seed's, for statistics.
 */
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

    /** The first seed's configuration (the seeds' differ in the seed only). */
    public RunConfig config() {
        return runs.get(0).config();
    }

    /** The first seed's run. */
    public RunResult first() {
        return runs.get(0);
    }

    /** The first seed's history (what Keras's {@code model.fit} returns). */
    public History history() {
        return runs.get(0).history();
    }

    /** True when every run's model holds its last epoch's weights. */
    public boolean lastEpochModels() {
        return runs.stream().noneMatch(r -> r.history().restoredBest());
    }

    /** The same runs under another label. */
    public Setting labelled(String newLabel) {
        return new Setting(newLabel, runs);
    }

    @Override
    public String toString() {
        return "Setting[" + label + ", " + runs.size() + " seed(s), " + config().describe() + "]";
    }
}
