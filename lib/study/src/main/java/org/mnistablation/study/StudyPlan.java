package org.mnistablation.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.train.Activation;
import org.mnistablation.train.EarlyStopping;
import org.mnistablation.train.ExperimentConfig;
import org.mnistablation.train.OptimizerConfig;

/**
 * The settings of every task, as in the seed study. Settings that describe the same model share one
 * configuration, so the run cache trains them once (e.g. the plain 5-epoch model of Task03, Task05, Task09 and
 * Task10, or Task06's λ = 0.01 model reused by Task10).
 */
public final class StudyPlan {

    private StudyPlan() {
    }

    /** Dense 128 ReLU, Adam, batch 32, 5 epochs, no dropout, no L2, seed 42. */
    public static ExperimentConfig plain() {
        return ExperimentConfig.baseline();
    }

    /** notebook.ipynb: dropout 0.1, up to 20 epochs, EarlyStopping(patience 3, restore_best_weights). */
    public static ExperimentConfig overviewBaseline() {
        return plain().withDropout(0.1).withEpochs(20).withEarlyStopping(new EarlyStopping(3, true));
    }

    public static List<Setting> task03Epochs() {
        return List.of(new Setting("5 epochs", plain().withEpochs(5)),
                new Setting("10 epochs", plain().withEpochs(10)),
                new Setting("20 epochs", plain().withEpochs(20)));
    }

    public static List<Setting> task04EarlyStopping() {
        ExperimentConfig base = plain().withEpochs(20);
        return List.of(new Setting("patience 3", base.withEarlyStopping(new EarlyStopping(3, true))),
                new Setting("patience 5", base.withEarlyStopping(new EarlyStopping(5, true))));
    }

    public static List<Setting> task05Dropout() {
        return List.of(new Setting("dropout 0", plain()),
                new Setting("dropout 0.1", plain().withDropout(0.1)),
                new Setting("dropout 0.3", plain().withDropout(0.3)));
    }

    public static List<Setting> task06L2() {
        ExperimentConfig base = plain().withDropout(0.1);
        return List.of(new Setting("L2 1e-4", base.withL2(1e-4)),
                new Setting("L2 1e-3", base.withL2(1e-3)),
                new Setting("L2 1e-2", base.withL2(1e-2)));
    }

    public static List<Setting> task07Optimizers() {
        ExperimentConfig base = plain().withDropout(0.1);
        return List.of(new Setting("SGD lr 0.01", base.withOptimizer(OptimizerConfig.sgd(0.01))),
                new Setting("SGD momentum 0.9", base.withOptimizer(OptimizerConfig.sgdMomentum(0.01, 0.9))),
                new Setting("Adam", base.withOptimizer(OptimizerConfig.adam())),
                new Setting("AdamW wd 0.01", base.withOptimizer(OptimizerConfig.adamW(1e-3, 0.01))));
    }

    public static List<Setting> task08BatchSize() {
        return List.of(new Setting("batch 8", plain().withBatchSize(8)),
                new Setting("batch 32", plain().withBatchSize(32)),
                new Setting("batch 128", plain().withBatchSize(128)));
    }

    public static List<Setting> task09Activations() {
        return List.of(new Setting("relu", plain()),
                new Setting("tanh", plain().withActivation(Activation.TANH)),
                new Setting("softsign", plain().withActivation(Activation.SOFTSIGN)),
                new Setting("gelu", plain().withActivation(Activation.GELU)));
    }

    public static List<Setting> task10Weights() {
        return List.of(new Setting("plain", plain()),
                new Setting("dropout 0.3", plain().withDropout(0.3)),
                new Setting("L2 0.01", plain().withDropout(0.1).withL2(1e-2)));
    }

    /** Every task's settings by task name, in study order (the overview baseline first). */
    public static Map<String, List<Setting>> all() {
        Map<String, List<Setting>> m = new LinkedHashMap<>();
        m.put("Overview", List.of(new Setting("baseline (dropout 0.1, early stopping)", overviewBaseline())));
        m.put("Task03_Epochs", task03Epochs());
        m.put("Task04_EarlyStopping", task04EarlyStopping());
        m.put("Task05_Dropout", task05Dropout());
        m.put("Task06_L2", task06L2());
        m.put("Task07_Optimizers", task07Optimizers());
        m.put("Task08_BatchSize", task08BatchSize());
        m.put("Task09_Activations", task09Activations());
        m.put("Task10_Weights", task10Weights());
        return m;
    }

    /** The distinct configurations of the whole study (what actually gets trained). */
    public static List<ExperimentConfig> distinctConfigs() {
        List<ExperimentConfig> out = new ArrayList<>();
        for (List<Setting> settings : all().values()) {
            for (Setting s : settings) {
                if (!out.contains(s.config())) {
                    out.add(s.config());
                }
            }
        }
        return out;
    }
}
