package org.mnistablation.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras's {@code model.fit(x, y, batch_size, epochs, validation_data, shuffle=True, callbacks=[EarlyStopping])}
 * on DL4J: the training set is reshuffled every epoch (seeded), each minibatch is one {@code fit} step, the
 * history's loss/accuracy are running means over the epoch's minibatches weighted by their size (taken from the
 * training forward pass, dropout active), and val_loss/val_accuracy are measured at the epoch's end.
 */
public final class Trainer {

    private final TrainingProgress progress;

    public Trainer(TrainingProgress progress) {
        this.progress = progress == null ? TrainingProgress.NONE : progress;
    }

    public Trainer() {
        this(TrainingProgress.NONE);
    }

    public TrainedModel fit(ExperimentConfig config, LabeledImages train, LabeledImages validation) {
        if (train.count() == 0 || validation.count() == 0) {
            throw new IllegalArgumentException("training needs data: got " + train.count() + " training and "
                    + validation.count() + " validation images");
        }
        if (config.batchSize() > train.count()) {
            throw new IllegalArgumentException("batchSize " + config.batchSize() + " is larger than the "
                    + train.count() + " training images; use at most " + train.count());
        }
        NdRuntime.ensureReady();
        Nd4j.getRandom().setSeed(config.seed());
        MultiLayerNetwork net = KerasMlp.build(config);
        KerasCrossEntropy lossFn = (KerasCrossEntropy) ((BaseOutputLayer) net.getLayer(1).conf().getLayer()).getLossFn();

        INDArray x = Matrices.features(train);
        INDArray y = Matrices.oneHot(train.labels());
        INDArray valX = Matrices.features(validation);
        int n = train.count();
        int batch = config.batchSize();
        int steps = (n + batch - 1) / batch;
        Random shuffleRng = new Random(config.seed());
        EarlyStoppingTracker tracker = config.earlyStopping() == null ? null
                : new EarlyStoppingTracker(config.earlyStopping().patience());
        INDArray bestParams = null;
        List<EpochStats> epochs = new ArrayList<>();
        boolean stoppedEarly = false;

        // one buffer for the shuffled copy, refilled every epoch: a fresh 170 MB copy per epoch is released only
        // when the garbage collector happens to run, and drove a notebook kernel's memory past 4 GB
        INDArray xs = x.ulike();
        INDArray ys = y.ulike();
        // The minibatches are fixed row ranges of that buffer, so their views are made once per run, not per step.
        DataSet[] minibatches = new DataSet[steps];
        for (int s = 0; s < steps; s++) {
            int from = s * batch;
            int to = Math.min(n, from + batch);
            minibatches[s] = new DataSet(xs.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()),
                    ys.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
        }
        progress.onStart(config, steps);
        try {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                int[] order = Shuffle.permutation(n, shuffleRng);
                Nd4j.pullRows(x, xs, 1, order);
                Nd4j.pullRows(y, ys, 1, order);
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                for (int step = 1; step <= steps; step++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new TrainingInterruptedException(epoch, step);
                    }
                    int from = (step - 1) * batch;
                    int to = Math.min(n, from + batch);
                    double penalty = Evaluator.l2Penalty(net, config.l2());
                    net.fit(minibatches[step - 1]);
                    // Keras's batch loss: mean cross-entropy + λ·Σw² at the weights the forward pass used.
                    double loss = lossFn.lastMeanLoss() + penalty;
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(config, epoch, step, loss);
                    }
                    int count = to - from;
                    lossSum += loss * count;
                    correct += lossFn.lastCorrect();
                    seen += count;
                    progress.onBatch(epoch, step, steps, lossSum / seen, (double) correct / seen,
                            (System.nanoTime() - start) / 1e9);
                }
                Evaluation val = Evaluator.evaluate(net, config.l2(), valX, validation.labels());
                if (!Double.isFinite(val.loss())) {
                    throw new TrainingDivergedException(config, epoch, steps, val.loss());
                }
                EpochStats stats = new EpochStats(epoch, lossSum / seen, (double) correct / seen, val.loss(),
                        val.accuracy(), (System.nanoTime() - start) / 1e9);
                epochs.add(stats);
                progress.onEpochEnd(stats, config.epochs());
                if (tracker != null) {
                    if (tracker.record(epoch, val.loss()) && config.earlyStopping().restoreBestWeights()) {
                        bestParams = net.params().dup();
                    }
                    if (tracker.shouldStop(epoch) && epoch < config.epochs()) {
                        stoppedEarly = true;
                        break;
                    }
                }
            }
        } finally {
            for (INDArray a : new INDArray[]{x, y, xs, ys, valX}) {
                a.close();
            }
        }
        int bestEpoch = bestEpoch(epochs);
        boolean restored = false;
        if (bestParams != null && bestEpoch != epochs.size()) {
            net.setParams(bestParams);
            restored = true;
        }
        History history = new History(epochs, bestEpoch, stoppedEarly, restored);
        progress.onEnd(history);
        return new TrainedModel(config, history, net);
    }

    /** The first epoch with the lowest validation loss, counted from 1. */
    static int bestEpoch(List<EpochStats> epochs) {
        int best = 0;
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).valLoss() < epochs.get(best).valLoss()) {
                best = i;
            }
        }
        return best + 1;
    }
}
