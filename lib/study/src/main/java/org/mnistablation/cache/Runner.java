package org.mnistablation.cache;

import java.util.Optional;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.Evaluator;
import org.mnistablation.train.TrainedModel;
import org.mnistablation.train.Trainer;
import org.mnistablation.train.TrainingProgress;

/** Gets a run from the cache, or trains it, evaluates it on the test set and stores it. */
public final class Runner {

    private final RunCache cache;
    private final StudySplit data;

    public Runner(RunCache cache, StudySplit data) {
        this.cache = cache;
        this.data = data;
        cache.cleanTemporaries();
    }

    public StudySplit data() {
        return data;
    }

    public RunCache cache() {
        return cache;
    }

    /** The cached run of {@code config}, if there is one. */
    public Optional<RunResult> cached(RunConfig config) {
        return cache.load(config, data.identity());
    }

    public RunResult run(RunConfig config, TrainingProgress progress) {
        Optional<RunResult> stored = cached(config);
        if (stored.isPresent()) {
            return stored.get();
        }
        TrainedModel model = new Trainer(progress).fit(config, data.train(), data.validation());
        Evaluation test = Evaluator.evaluate(model.network(), config.model(), data.test());
        RunResult result = new RunResult(config, data.identity(), model.history(),
                model.network().params().dup().data().asFloat(), test, model.engine().describe(), false);
        cache.store(result);
        return result;
    }
}
