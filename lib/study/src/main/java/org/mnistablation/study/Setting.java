package org.mnistablation.study;

import org.mnistablation.train.ExperimentConfig;

/** One setting of an ablation: the label the notebooks show (e.g. "dropout 0.3") and its configuration. */
public record Setting(String label, ExperimentConfig config) {

    public Setting {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a setting needs a label");
        }
        if (config == null) {
            throw new IllegalArgumentException("setting '" + label + "' needs a configuration");
        }
    }

    public Setting withSeed(long seed) {
        return new Setting(label, config.withSeed(seed));
    }
}
