package org.mnistablation.train;

/**
 * One training run of the study's 784-H-10 MLP: Flatten, Dense(H, activation), Dropout(rate), Dense(10, softmax),
 * sparse categorical cross-entropy. All values mean what they mean in Keras 3 (see {@link KerasMlp}).
 *
 * @param hiddenUnits   H, the width of the hidden layer
 * @param activation    hidden activation
 * @param dropoutRate   Keras {@code Dropout(rate)}: probability of dropping a hidden unit, in [0, 1)
 * @param l2            Keras {@code kernel_regularizer=l2(λ)} on the hidden kernel: adds λ·Σw² to the loss
 * @param optimizer     optimizer and its hyper-parameters
 * @param batchSize     minibatch size
 * @param epochs        maximum number of epochs
 * @param earlyStopping early stopping on val_loss, or null for none
 * @param seed          seeds weight initialisation, dropout masks and the per-epoch shuffles
 */
public record ExperimentConfig(int hiddenUnits, Activation activation, double dropoutRate, double l2,
                               OptimizerConfig optimizer, int batchSize, int epochs, EarlyStopping earlyStopping,
                               long seed) {

    public ExperimentConfig {
        if (hiddenUnits <= 0) {
            throw new IllegalArgumentException("hiddenUnits must be > 0, got " + hiddenUnits);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must be given (relu, tanh, softsign, gelu, sigmoid)");
        }
        if (!(dropoutRate >= 0 && dropoutRate < 1)) {
            throw new IllegalArgumentException("dropoutRate must be in [0, 1) (the probability of dropping a unit), got "
                    + dropoutRate);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be given, e.g. OptimizerConfig.adam()");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
        }
    }

    /** The seed study's baseline: Dense 128 ReLU, no dropout, no L2, Adam, batch 32, 5 epochs, seed 42. */
    public static ExperimentConfig baseline() {
        return new ExperimentConfig(128, Activation.RELU, 0.0, 0.0, OptimizerConfig.adam(), 32, 5, null, 42L);
    }

    public ExperimentConfig withHiddenUnits(int v) {
        return new ExperimentConfig(v, activation, dropoutRate, l2, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public ExperimentConfig withActivation(Activation v) {
        return new ExperimentConfig(hiddenUnits, v, dropoutRate, l2, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public ExperimentConfig withDropout(double v) {
        return new ExperimentConfig(hiddenUnits, activation, v, l2, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public ExperimentConfig withL2(double v) {
        return new ExperimentConfig(hiddenUnits, activation, dropoutRate, v, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public ExperimentConfig withOptimizer(OptimizerConfig v) {
        return new ExperimentConfig(hiddenUnits, activation, dropoutRate, l2, v, batchSize, epochs, earlyStopping, seed);
    }

    public ExperimentConfig withBatchSize(int v) {
        return new ExperimentConfig(hiddenUnits, activation, dropoutRate, l2, optimizer, v, epochs, earlyStopping, seed);
    }

    public ExperimentConfig withEpochs(int v) {
        return new ExperimentConfig(hiddenUnits, activation, dropoutRate, l2, optimizer, batchSize, v, earlyStopping, seed);
    }

    public ExperimentConfig withEarlyStopping(EarlyStopping v) {
        return new ExperimentConfig(hiddenUnits, activation, dropoutRate, l2, optimizer, batchSize, epochs, v, seed);
    }

    public ExperimentConfig withSeed(long v) {
        return new ExperimentConfig(hiddenUnits, activation, dropoutRate, l2, optimizer, batchSize, epochs, earlyStopping, v);
    }

    /** A compact, stable description used in legends, tables and cache keys. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append("dense").append(hiddenUnits).append('-').append(activation.kerasName());
        if (dropoutRate > 0) s.append(" dropout=").append(dropoutRate);
        if (l2 > 0) s.append(" l2=").append(l2);
        s.append(' ').append(optimizer.label()).append(" batch=").append(batchSize).append(" epochs=").append(epochs);
        if (earlyStopping != null) {
            s.append(" early_stopping(patience=").append(earlyStopping.patience())
                    .append(earlyStopping.restoreBestWeights() ? ", restore_best" : "").append(')');
        }
        s.append(" seed=").append(seed);
        return s.toString();
    }
}
