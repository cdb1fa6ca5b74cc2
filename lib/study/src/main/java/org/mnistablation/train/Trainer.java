package org.mnistablation.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code model.fit(x, y, batch_size, epochs, validation_data, shuffle=True, callbacks=[EarlyStopping])}
 * for the DL4J network {@link KerasMlp} builds: the training set is reshuffled every epoch (seeded), each minibatch is
 * one update, the history's loss/accuracy are running means over the epoch's minibatches weighted by their size
 * (taken from the training forward pass, dropout active), and val_loss/val_accuracy are measured at the epoch's end.
 * <p>The steps run on the {@link Engine#FUSED} engine unless another is asked for: the same gradient and update as
 * DL4J's {@code fit}, computed without its per-operation overhead (see the README's performance section).
 */
public final class Trainer {

    /** How the minibatch steps are computed. */
    public enum Engine {
        /** Hand-written forward/backward and Keras update on the network's own parameters ({@link FusedEngine}). */
        FUSED,
        /** One {@code MultiLayerNetwork.fit} per minibatch ({@link Dl4jFitEngine}); the reference. */
        DL4J_FIT
    }

    private final TrainingProgress progress;
    private final Engine engine;

    public Trainer(TrainingProgress progress, Engine engine) {
        this.progress = progress == null ? TrainingProgress.NONE : progress;
        this.engine = engine == null ? Engine.FUSED : engine;
    }

    public Trainer(TrainingProgress progress) {
        this(progress, Engine.FUSED);
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

        progress.onStart(config, steps);
        try (StepEngine stepper = engine == Engine.FUSED ? new FusedEngine(net, config, train)
                : new Dl4jFitEngine(net, config, train)) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                stepper.startEpoch(Shuffle.permutation(n, shuffleRng));
                double lossSum = 0;
                long correct = 0;
                long seen = 0;
                for (int step = 1; step <= steps; step++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new TrainingInterruptedException(epoch, step);
                    }
                    int from = (step - 1) * batch;
                    int to = Math.min(n, from + batch);
                    StepEngine.StepOutcome outcome = stepper.step(from, to);
                    if (!Double.isFinite(outcome.meanLoss())) {
                        throw new TrainingDivergedException(config, epoch, step, outcome.meanLoss());
                    }
                    int count = to - from;
                    lossSum += outcome.meanLoss() * count;
                    correct += outcome.correct();
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
                        if (bestParams != null) {
                            bestParams.close();
                        }
                        bestParams = net.params().dup();
                    }
                    if (tracker.shouldStop(epoch) && epoch < config.epochs()) {
                        stoppedEarly = true;
                        break;
                    }
                }
            }
        } finally {
            valX.close();
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
