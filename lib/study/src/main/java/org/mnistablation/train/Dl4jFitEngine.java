package org.mnistablation.train;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.RunConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The reference engine: every step is one {@code MultiLayerNetwork.fit(DataSet)} on a minibatch of a shuffled copy
 * of the training set, with the Keras conventions carried by the configuration {@link Dl4jModel} builds. Kept to check
 * the fused engine against, as the fallback for models the fused engine cannot run, and for the benchmark.
 */
final class Dl4jFitEngine implements StepEngine {

    private final MultiLayerNetwork net;
    private final KerasCrossEntropy lossFn;
    private final ModelDefinition model;
    private final INDArray x;
    private final INDArray y;
    private final INDArray xs;
    private final INDArray ys;
    private final DataSet[] minibatches;
    private final int batch;

    Dl4jFitEngine(MultiLayerNetwork net, RunConfig config, LabeledImages train) {
        this.net = net;
        this.lossFn = (KerasCrossEntropy) ((BaseOutputLayer) net.getOutputLayer().conf().getLayer()).getLossFn();
        this.model = config.model();
        this.batch = config.batchSize();
        int n = train.count();
        int steps = (n + batch - 1) / batch;
        x = Matrices.features(train);
        y = Matrices.oneHot(train.labels(), config.model().outputs());
        // one buffer for the shuffled copy, refilled every epoch (a fresh copy per epoch drove a kernel past 4 GB)
        xs = x.ulike();
        ys = y.ulike();
        // the minibatches are fixed row ranges of that buffer, so their views are made once per run
        minibatches = new DataSet[steps];
        for (int s = 0; s < steps; s++) {
            int from = s * batch;
            int to = Math.min(n, from + batch);
            minibatches[s] = new DataSet(xs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                    ys.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
        }
    }

    @Override
    public void startEpoch(int[] order) {
        Nd4j.pullRows(x, xs, 1, order);
        Nd4j.pullRows(y, ys, 1, order);
    }

    @Override
    public StepOutcome step(int from, int to) {
        if (from % batch != 0) {
            throw new IllegalArgumentException("steps start at multiples of the batch size, got " + from);
        }
        double penalty = Evaluator.l2Penalty(net, model);
        net.fit(minibatches[from / batch]);
        // Keras's batch loss: mean cross-entropy + the λ·Σw² terms at the weights the forward pass used
        return new StepOutcome(lossFn.lastMeanLoss() + penalty, (int) lossFn.lastCorrect());
    }

    @Override
    public void close() {
        for (INDArray a : new INDArray[]{x, y, xs, ys}) {
            a.close();
        }
    }
}
