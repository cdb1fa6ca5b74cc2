package org.mnistablation.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.RunConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code model.fit(x, y, batch_size, epochs, validation_data, shuffle=True, callbacks)} for the DL4J network
 * {@link Dl4jModel} builds from a {@link ModelDefinition}: the training set is reshuffled every epoch (seeded), each
 * minibatch is one update, the history's loss/accuracy are running means over the epoch's minibatches weighted by
 * their size (taken from the training forward pass, dropout active), val_loss/val_accuracy are measured at the
 * epoch's end (NaN without validation data, where Keras leaves them out), then the callbacks run
 * ({@link EarlyStoppingCallback}).
 * <p>The steps run on the engine {@link Engine#choose} picks for the model unless one is forced: the fused engine
 * computes the same gradient and update as DL4J's {@code fit} without its per-operation overhead.
 */
public final class Trainer {

    private final TrainingProgress progress;
    private final Engine forced;
    private final int cores;

    /**
     * @param progress receives the run's progress (null: none)
     * @param engine   the engine to use, or null for {@link Engine#choose}'s pick
     * @param cores  the cores this run may use (1 when other runs train at the same time); the result does not
     *               depend on it
     */
    public Trainer(TrainingProgress progress, Engine engine, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("a run needs at least one core, got " + cores);
        }
        this.progress = progress == null ? TrainingProgress.NONE : progress;
        this.forced = engine;
        this.cores = cores;
    }

    /** A trainer without progress, on the engine {@link Engine#choose} picks, with every core of the machine. */
    public Trainer() {
        this(TrainingProgress.NONE, null, Runtime.getRuntime().availableProcessors());
    }

    /** The engine this trainer uses for {@code model}, and why when it is not the fused one. */
    public Engine.Choice engineFor(ModelDefinition model) {
        if (forced == Engine.FUSED) {
            Engine.Choice choice = Engine.choose(model);
            if (choice.engine() != Engine.FUSED) {
                throw new IllegalArgumentException("the fused engine cannot train this model: " + choice.reason());
            }
        }
        return forced != null ? forced.chosen() : Engine.choose(model);
    }

    /** Trains on {@code train}, validating on {@code validation} after each epoch (null: no validation data). */
    public TrainedModel fit(RunConfig config, LabeledImages train, LabeledImages validation) {
        return fit(config, train, validation, Trajectory.NONE);
    }

    /**
     * {@link #fit(RunConfig, LabeledImages, LabeledImages)} as one run of {@code trajectory}: the epochs it has
     * recorded are taken, not trained again, when this run can use them (on the fused engine, with the parameters
     * the run keeps or its early stopping asks for still there); training goes on from its checkpoint, and every
     * epoch trained here is recorded in it. The result is the same as without it, bit for bit.
     */
    public TrainedModel fit(RunConfig config, LabeledImages train, LabeledImages validation, Trajectory recordedIn) {
        checkData(config, train, validation);
        NdRuntime.ensureReady();
        Engine.Choice engine = engineFor(config.model());
        // DL4J's fit keeps its state to itself: only the fused engine continues a trajectory
        Trajectory trajectory = engine.engine() == Engine.FUSED && recordedIn != null ? recordedIn : Trajectory.NONE;
        Nd4j.getRandom().setSeed(config.seed());
        MultiLayerNetwork net = Dl4jModel.build(config.model(), config.seed());
        Weights initial = new Weights(config.model(), net.params().dup().data().asFloat());

        INDArray valX = validation == null ? null : Matrices.features(validation);
        int n = train.count();
        int steps = (n + config.batchSize() - 1) / config.batchSize();
        Checkpoint recorded = trajectory.checkpoint();
        int replay = Replay.epochs(config, recorded, trajectory);
        Lcg48 shuffleRng = new Lcg48(config.seed());
        TrainingState state = new TrainingState(net);
        EarlyStoppingCallback earlyStopping = config.earlyStopping() == null ? null
                : new EarlyStoppingCallback(config.earlyStopping());
        List<Callback> callbacks = earlyStopping == null ? List.of() : List.of(earlyStopping);
        List<EpochStats> epochs = new ArrayList<>();

        progress.onStart(config, steps, engine);
        try (StepEngine stepper = engine.engine() == Engine.FUSED ? new FusedEngine(net, config, train, cores)
                : new Dl4jFitEngine(net, config, train)) {
            callbacks.forEach(c -> c.onTrainBegin(state));
            int epoch = 1;
            for (; epoch <= config.epochs() && !state.stopRequested(); epoch++) {
                if (epoch <= replay) {
                    int e = epoch;
                    EpochStats stats = recorded.epochs().get(epoch - 1);
                    epochs.add(stats);
                    progress.onRecordedEpoch(stats, config.epochs());
                    state.replaying(() -> trajectory.parametersAfter(e));
                    for (Callback c : callbacks) {
                        c.onEpochEnd(epoch, stats, state);
                    }
                    state.replaying(null);
                    continue;
                }
                if (epoch == replay + 1 && replay > 0) { // continue where the recorded epochs end
                    state.load(recorded.parameters());
                    ((FusedEngine) stepper).restore(recorded);
                    shuffleRng = Lcg48.restored(recorded.shuffleState());
                }
                EpochStats stats = trainEpoch(config, epoch, stepper, Shuffle.permutation(n, shuffleRng), net, valX,
                        validation);
                epochs.add(stats);
                if (trajectory != Trajectory.NONE) {
                    trajectory.trained(stats, net.params().dup().data().asFloat());
                }
                progress.onEpochEnd(stats, config.epochs());
                for (Callback c : callbacks) {
                    c.onEpochEnd(epoch, stats, state);
                }
            }
            int last = epoch - 1;
            if (last > replay) { // trained here: the state after the last epoch, before any restore
                FusedEngine fused = stepper instanceof FusedEngine f ? f : null;
                if (fused != null) {
                    trajectory.ended(new Checkpoint(epochs, net.params().dup().data().asFloat(),
                            fused.optimizerState(), shuffleRng.state(), fused.dropoutState()));
                }
            } else { // ended among the recorded epochs: their last one's parameters
                state.load(trajectory.parametersAfter(last));
            }
            callbacks.forEach(c -> c.onTrainEnd(state));
        } finally {
            if (valX != null) {
                valX.close();
            }
        }
        History history = earlyStopping == null
                ? new History(epochs, validation == null ? epochs.size() : lowestValLoss(epochs), false, false)
                : new History(epochs, earlyStopping.bestEpoch(), earlyStopping.stoppedEpoch() > 0, earlyStopping.restored());
        progress.onEnd(history);
        return new TrainedModel(config, history, net, engine, initial);
    }

    /** One epoch's minibatch steps in {@code order}, then the validation pass (when there is validation data). */
    private EpochStats trainEpoch(RunConfig config, int epoch, StepEngine stepper, int[] order, MultiLayerNetwork net,
                                  INDArray valX, LabeledImages validation) {
        long start = System.nanoTime();
        int n = order.length;
        int batch = config.batchSize();
        int steps = (n + batch - 1) / batch;
        stepper.startEpoch(order);
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
        stepper.endEpoch();
        double valLoss = Double.NaN;
        double valAccuracy = Double.NaN;
        if (valX != null) {
            Evaluation val = Evaluator.evaluate(net, config.model(), valX, validation.labels());
            if (!Double.isFinite(val.loss())) {
                throw new TrainingDivergedException(config, epoch, steps, val.loss());
            }
            valLoss = val.loss();
            valAccuracy = val.accuracy();
        }
        return new EpochStats(epoch, lossSum / seen, (double) correct / seen, valLoss, valAccuracy,
                (System.nanoTime() - start) / 1e9);
    }

    private static void checkData(RunConfig config, LabeledImages train, LabeledImages validation) {
        if (train == null) {
            throw new IllegalArgumentException("fit needs training images, got null");
        }
        if (validation == null && config.earlyStopping() != null) {
            throw new IllegalArgumentException("EarlyStopping monitors " + config.earlyStopping().monitor() + ", which "
                    + "needs validation data: pass validationData(...) to fit, or leave out the callback");
        }
        LabeledImages val = validation == null ? train : validation;
        if (train.count() == 0 || val.count() == 0) {
            throw new IllegalArgumentException("training needs data: got " + train.count() + " training and "
                    + val.count() + " validation images");
        }
        var input = config.model().input();
        if (input.height() != train.rows() || input.width() != train.cols()
                || val.rows() != train.rows() || val.cols() != train.cols()) {
            throw new IllegalArgumentException("the model's " + input.keras() + " does not fit the images: training "
                    + train.rows() + "×" + train.cols() + ", validation " + val.rows() + "×" + val.cols());
        }
        int classes = Math.max(maxLabel(train), maxLabel(val)) + 1;
        if (config.model().outputs() < classes) {
            throw new IllegalArgumentException("the last layer has " + config.model().outputs() + " units but the labels go up to "
                    + (classes - 1) + ": use Dense(" + classes + ", \"softmax\")");
        }
        if (config.batchSize() > train.count()) {
            throw new IllegalArgumentException("batch_size " + config.batchSize() + " is larger than the "
                    + train.count() + " training images; use at most " + train.count());
        }
    }

    private static int maxLabel(LabeledImages images) {
        int max = 0;
        for (int l : images.labels()) {
            max = Math.max(max, l);
        }
        return max;
    }

    /** The first epoch with the lowest validation loss, counted from 1. */
    static int lowestValLoss(List<EpochStats> epochs) {
        int best = 0;
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).valLoss() < epochs.get(best).valLoss()) {
                best = i;
            }
        }
        return best + 1;
    }
}
