package org.mnistablation.model;

import java.util.ArrayList;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.train.Dl4jModel;
import java.util.List;

/**
 * Test fixture: the study's one-hidden-layer model (Flatten 28×28, Dense(units, activation) with optional L2,
 * optional Dropout, Dense(10, softmax)) and its fit arguments, varied one value at a time.
 */
public record Mlp(int units, Activation activation, double dropout, double l2, Optimizer optimizer, int batchSize,
                  int epochs, EarlyStopping earlyStopping, long seed) {

    /** The seed study's baseline: Dense 128 ReLU, Adam, batch 32, 5 epochs, no dropout, no L2, no callback, seed 42. */
    public static Mlp baseline() {
        return new Mlp(128, Activation.RELU, 0, 0, Optimizer.adam(), 32, 5, null, 42);
    }

    public ModelDefinition model() {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten(28, 28));
        layers.add(new Dense(units, activation, l2));
        if (dropout > 0) {
            layers.add(new Dropout(dropout));
        }
        layers.add(new Dense(10, Activation.SOFTMAX));
        return new ModelDefinition(layers, optimizer);
    }

    /** A freshly initialised DL4J network of this model (seeded by {@link #seed()}). */
    public MultiLayerNetwork network() {
        return Dl4jModel.build(model(), seed);
    }

    public RunConfig config() {
        return new RunConfig(model(), epochs, batchSize, earlyStopping, seed);
    }

    public Mlp withUnits(int v) {
        return new Mlp(v, activation, dropout, l2, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public Mlp withActivation(Activation v) {
        return new Mlp(units, v, dropout, l2, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public Mlp withDropout(double v) {
        return new Mlp(units, activation, v, l2, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public Mlp withL2(double v) {
        return new Mlp(units, activation, dropout, v, optimizer, batchSize, epochs, earlyStopping, seed);
    }

    public Mlp withOptimizer(Optimizer v) {
        return new Mlp(units, activation, dropout, l2, v, batchSize, epochs, earlyStopping, seed);
    }

    public Mlp withBatchSize(int v) {
        return new Mlp(units, activation, dropout, l2, optimizer, v, epochs, earlyStopping, seed);
    }

    public Mlp withEpochs(int v) {
        return new Mlp(units, activation, dropout, l2, optimizer, batchSize, v, earlyStopping, seed);
    }

    public Mlp withEarlyStopping(EarlyStopping v) {
        return new Mlp(units, activation, dropout, l2, optimizer, batchSize, epochs, v, seed);
    }

    public Mlp withSeed(long v) {
        return new Mlp(units, activation, dropout, l2, optimizer, batchSize, epochs, earlyStopping, v);
    }
}
