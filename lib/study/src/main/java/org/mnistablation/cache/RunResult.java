package org.mnistablation.cache;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.DataIdentity;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Dl4jModel;
import org.mnistablation.train.Engine;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.History;
import org.mnistablation.train.InitialWeights;
import org.mnistablation.train.NdRuntime;
import org.mnistablation.train.Weights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a notebook needs from one finished run, as stored in the run cache: the history, the final (or
 * restored best) parameters in DL4J's flattened order, and the test-set evaluation.
 *
 * @param data      the data it was trained, validated and tested on
 * @param engine    the engine that trained it (stored as its description, e.g. "fused engine")
 * @param fromCache true when this result was loaded rather than trained just now
 * @param initial   the weights it started from (kept by training, or rebuilt once when first asked for)
 */
public record RunResult(RunConfig config, DataIdentity data, History history, float[] parameters,
                        Evaluation test, Engine.Choice engine, boolean fromCache, InitialWeights initial) {

    /** A run whose initial weights are rebuilt from its configuration when first asked for. */
    public RunResult(RunConfig config, DataIdentity data, History history, float[] parameters, Evaluation test,
                     Engine.Choice engine, boolean fromCache) {
        this(config, data, history, parameters, test, engine, fromCache, InitialWeights.rebuiltWhenNeeded(config));
    }

    /** A run on the study's own training and validation sets of the split {@code splitIdentity}. */
    public RunResult(RunConfig config, String splitIdentity, History history, float[] parameters, Evaluation test,
                     Engine.Choice engine, boolean fromCache) {
        this(config, new DataIdentity(splitIdentity, null, null), history, parameters, test, engine, fromCache);
    }

    /** The identity of the split whose test set evaluated this run. */
    public String dataIdentity() {
        return data.split();
    }

    /** What names this run in the run cache. */
    public RunDefinition definition() {
        return new RunDefinition(config, data);
    }

    /** A new network holding this run's parameters, for predictions (built anew on every call: keep it). */
    public MultiLayerNetwork buildNetwork() {
        NdRuntime.ensureReady();
        MultiLayerNetwork net = Dl4jModel.build(config.model(), config.seed());
        net.setParams(Nd4j.create(parameters, new long[]{1, parameters.length}, 'c'));
        return net;
    }

    /** This run's weights, layer by layer. */
    public Weights weights() {
        return new Weights(config.model(), parameters);
    }

    /** The weights this run started from, layer by layer (DL4J's initialisation with its seed). */
    public Weights initialWeights() {
        return initial.get();
    }

    /** The first Dense layer's kernel as {@code [input pixel][unit]} (784 × H), like Keras's {@code get_weights()[0]}. */
    public float[][] hiddenKernel() {
        return weights().kernel(0);
    }

    /** All hidden-kernel values in one array (for histograms and summary statistics). */
    public float[] hiddenKernelValues() {
        return weights().kernelValues(0);
    }

    /** The incoming weights of each hidden unit as a 784-vector (viewable as a 28×28 image): {@code [unit][pixel]}. */
    public float[][] hiddenUnitImages() {
        return weights().units(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunResult r && r.config.equals(config) && r.data.equals(data)
                && r.history.equals(history) && Arrays.equals(r.parameters, parameters);
    }

    @Override
    public int hashCode() {
        return config.hashCode() * 31 + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "RunResult[" + config.describe() + ", epochs " + history.epochsRun() + ", test accuracy "
                + test.accuracy() + (fromCache ? ", from cache" : "") + "]";
    }
}
