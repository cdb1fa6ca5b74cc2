package org.mnistablation.study;

import java.util.List;
import java.util.Locale;
import org.mnistablation.cache.RunResult;
import org.mnistablation.train.ExperimentConfig;

/**
 * Trains every distinct configuration of the study into the run cache (what the notebooks would train on first
 * execution), printing one line per epoch. Useful before executing the notebooks, e.g. overnight:
 * {@code java -cp lib/study/target/mnist-study.jar org.mnistablation.study.TrainAll}.
 */
public final class TrainAll {

    private TrainAll() {
    }

    public static void main(String[] args) {
        Study study = Study.get();
        List<ExperimentConfig> configs = StudyPlan.distinctConfigs();
        System.out.println("study: " + study.dataset() + ", " + study.mode().label() + " mode, " + study.data().shapes()
                + "; " + configs.size() + " distinct runs");
        long start = System.nanoTime();
        int i = 0;
        for (ExperimentConfig c : configs) {
            i++;
            RunResult r = study.run(new Setting("run " + i + "/" + configs.size(), c));
            System.out.printf(Locale.ROOT, "[%d/%d] %s: %d epochs, val_acc %.4f, test_acc %.4f (%.0f s so far)%n", i,
                    configs.size(), c.describe(), r.history().epochsRun(), r.history().last().valAccuracy(),
                    r.test().accuracy(), (System.nanoTime() - start) / 1e9);
        }
    }
}
