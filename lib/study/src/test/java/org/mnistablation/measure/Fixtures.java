package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.Layer;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Dl4jModel;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluator;
import org.mnistablation.train.History;
import org.mnistablation.train.NdRuntime;

/** Small fixtures of the measure tests: fake "digits", models on them and runs that hold their weights. */
final class Fixtures {

    static final String DATA = "synthetic-test-data";

    private Fixtures() {
    }

    /** Class k lights up pixel block k (70 pixels) on a faint noisy background; most pixels stay 0, as in MNIST. */
    static LabeledImages images(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(10);
            labels[i] = label;
            for (int p = 0; p < 784; p++) {
                px[i * 784 + p] = r.nextFloat() < 0.2f ? r.nextFloat() * 0.5f : 0f;
            }
            for (int p = label * 70; p < label * 70 + 70; p++) {
                px[i * 784 + p] = 0.5f + r.nextFloat() * 0.5f;
            }
        }
        return new LabeledImages(px, labels, 28, 28);
    }

    /** Flatten(28, 28), the given layers, Dense(10, softmax), Adam. */
    static ModelDefinition model(Layer... hidden) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Flatten(28, 28));
        layers.addAll(List.of(hidden));
        layers.add(new Dense(10, Activation.SOFTMAX));
        return new ModelDefinition(layers, Optimizer.adam());
    }

    /** A freshly initialised network of {@code model} with its biases moved away from zero. */
    static MultiLayerNetwork network(ModelDefinition model, long seed) {
        NdRuntime.ensureReady();
        MultiLayerNetwork net = Dl4jModel.build(model, seed);
        for (int l = 0; l < net.getnLayers(); l++) {
            net.getParam(l + "_b").assign(0.05 * (l % 2 == 0 ? 1 : -1));
        }
        return net;
    }

    /** {@code model} trained for {@code epochs} epochs on {@code train} (batch 32, Adam, seeded). */
    static MultiLayerNetwork trained(ModelDefinition model, LabeledImages train, int epochs, long seed) {
        RunConfig config = new RunConfig(model, epochs, 32, null, seed);
        return new org.mnistablation.train.Trainer().fit(config, train, train.slice(0, Math.min(100, train.count())))
                .network();
    }

    /** A run of {@code model} whose kept weights are {@code net}'s, as the run cache would hand it out. */
    static RunResult run(ModelDefinition model, MultiLayerNetwork net, long seed, LabeledImages test) {
        RunConfig config = new RunConfig(model, 1, 32, null, seed);
        History history = new History(List.of(new EpochStats(1, 0.5, 0.8, 0.6, 0.75, 1.0)), 1, false, false);
        return new RunResult(config, DATA, history, net.params().dup().data().asFloat(),
                Evaluator.evaluate(net, model, test), Engine.Choice.UNRECORDED, false);
    }
}
