package org.mnistablation.model;

/**
 * One training run: the compiled model and the arguments of {@code model.fit}. It names everything that decides the
 * result, so the run cache is keyed by it (plus the data).
 *
 * @param earlyStopping the EarlyStopping callback, or null for none
 * @param seed          seeds weight initialisation, dropout masks and the per-epoch shuffles
 */
public record RunConfig(ModelDefinition model, int epochs, int batchSize, EarlyStopping earlyStopping, long seed) {

    public RunConfig {
        if (model == null) {
            throw new IllegalArgumentException("a run needs a compiled model");
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be > 0, got " + batchSize);
        }
    }

    public RunConfig withSeed(long v) {
        return new RunConfig(model, epochs, batchSize, earlyStopping, v);
    }

    public RunConfig withEpochs(int v) {
        return new RunConfig(model, v, batchSize, earlyStopping, seed);
    }

    public RunConfig withBatchSize(int v) {
        return new RunConfig(model, epochs, v, earlyStopping, seed);
    }

    public RunConfig withEarlyStopping(EarlyStopping v) {
        return new RunConfig(model, epochs, batchSize, v, seed);
    }

    public RunConfig withModel(ModelDefinition v) {
        return new RunConfig(v, epochs, batchSize, earlyStopping, seed);
    }

    public Optimizer optimizer() {
        return model.optimizer();
    }

    /** The model and the fit arguments in Keras's spelling. */
    public String describe() {
        return model.keras() + ", fit(epochs=" + epochs + ", batch_size=" + batchSize
                + (earlyStopping != null ? ", callbacks=[" + earlyStopping.keras() + "]" : "") + "), seed " + seed;
    }
}
