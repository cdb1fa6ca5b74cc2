package org.mnistablation.study;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnistablation.cache.RunResult;

/**
 * Trains every setting of the study with every seed into the run cache (what the notebooks would train on first
 * execution; runs already cached are skipped), printing one line per epoch. Handy before executing the notebooks:
 * {@code java -cp lib/study/target/mnist-study.jar org.mnistablation.study.TrainAll}.
 */
public final class TrainAll {

    private TrainAll() {
    }

    public static void main(String[] args) {
        Study study = Study.get();
        System.out.println("study: " + study.dataset() + ", " + study.mode().label() + " mode, " + study.data().shapes()
                + ", seeds " + study.seeds() + "; " + StudyPlan.distinctConfigs().size() + " distinct settings");
        long start = System.nanoTime();
        for (Map.Entry<String, List<Setting>> task : StudyPlan.all().entrySet()) {
            Map<String, List<RunResult>> runs = study.repeat(task.getValue());
            System.out.printf(Locale.ROOT, "%s: %d settings x %d seeds ready (%.0f s so far)%n", task.getKey(),
                    runs.size(), study.seeds().size(), (System.nanoTime() - start) / 1e9);
        }
    }
}
