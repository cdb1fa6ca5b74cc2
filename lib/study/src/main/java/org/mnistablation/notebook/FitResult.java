package org.mnistablation.notebook;

import java.util.List;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.History;

/**
 * What {@code model.fit(...)} returns in a notebook: the model's name and one finished run per seed. {@link #history()}
 * is the first seed's Keras history; {@link #runs()} has every seed's, for statistics.
 */
public record FitResult(String name, List<RunResult> runs) {

    public FitResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a fit needs at least one run");
        }
    }

    /** The first seed's history (what Keras's {@code model.fit} returns). */
    public History history() {
        return runs.get(0).history();
    }

    /** The first seed's run. */
    public RunResult first() {
        return runs.get(0);
    }

    public RunConfig config() {
        return runs.get(0).config();
    }

    @Override
    public String toString() {
        return "FitResult[" + name + ", " + runs.size() + " seed(s), " + config().describe() + "]";
    }
}
