package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;

class TrainerTest {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    static final LabeledImages TRAIN = Synthetic.images(100, 1);
    static final LabeledImages VAL = Synthetic.images(40, 2);

    static Mlp small() {
        return Mlp.baseline().withUnits(16).withBatchSize(32).withEpochs(2);
    }

    static TrainedModel fit(Mlp m) {
        return new Trainer().fit(m.config(), TRAIN, VAL);
    }

    @Test
    void trainLossAndAccuracyAreBatchSizeWeightedRunningMeans() {
        // With a learning rate of ~0 the weights stay put, so the running mean over the batches (32, 32, 32, 4) must
        // equal the loss of the whole training set; a plain mean of batch means would not.
        Mlp cfg = small().withOptimizer(Optimizer.sgd().learningRate(1e-12)).withEpochs(1);
        TrainedModel m = fit(cfg);
        Evaluation whole = Evaluator.evaluate(m.network(), cfg.model(), TRAIN);
        EpochStats e = m.history().epochs().get(0);
        assertEquals(whole.loss(), e.loss(), 1e-5);
        assertEquals(whole.accuracy(), e.accuracy(), 1e-9);
    }

    @Test
    void dropoutIsActiveInTheTrainingMetricsAndValidationIsMeasuredAtEpochEnd() {
        Mlp cfg = small().withOptimizer(Optimizer.sgd().learningRate(1e-12)).withEpochs(1).withDropout(0.5);
        TrainedModel m = fit(cfg);
        Evaluation noDropout = Evaluator.evaluate(m.network(), cfg.model(), TRAIN);
        assertTrue(m.history().last().loss() > noDropout.loss() + 1e-3,
                "train loss with half the hidden units dropped should be higher: " + m.history().last().loss()
                        + " vs " + noDropout.loss());
        Evaluation val = Evaluator.evaluate(m.network(), cfg.model(), VAL);
        assertEquals(val.loss(), m.history().last().valLoss(), 1e-6);
        assertEquals(val.accuracy(), m.history().last().valAccuracy(), 1e-9);
    }

    @Test
    void reportedLossIncludesL2ButNotDecoupledWeightDecay() {
        Mlp tiny = small().withEpochs(1);
        double adam = fit(tiny.withOptimizer(Optimizer.adam().learningRate(1e-12))).history().last().loss();
        double adamW = fit(tiny.withOptimizer(Optimizer.adamW().learningRate(1e-12).weightDecay(0.5))).history().last().loss();
        assertEquals(adam, adamW, 1e-6);
        Mlp withL2 = tiny.withOptimizer(Optimizer.sgd().learningRate(1e-12)).withL2(0.01);
        TrainedModel l2 = fit(withL2);
        double penalty = Evaluator.l2Penalty(l2.network(), withL2.model());
        assertTrue(penalty > 0.01);
        double plain = fit(tiny.withOptimizer(Optimizer.sgd().learningRate(1e-12))).history().last().loss();
        assertEquals(plain + penalty, l2.history().last().loss(), 1e-5);
        assertEquals(l2.history().last().valLoss(),
                Evaluator.evaluate(l2.network(), tiny.model(), VAL).loss() + penalty, 1e-5);
    }

    @Test
    void sameSeedSameHistoryDifferentSeedDifferent() {
        Mlp cfg = small().withDropout(0.2).withEpochs(3);
        History a = fit(cfg).history();
        History b = fit(cfg).history();
        History c = fit(cfg.withSeed(43)).history();
        assertEquals(strip(a), strip(b));
        assertNotEquals(strip(a), strip(c));
    }

    private static List<String> strip(History h) {
        List<String> s = new ArrayList<>();
        for (EpochStats e : h.epochs()) {
            s.add(e.loss() + " " + e.accuracy() + " " + e.valLoss() + " " + e.valAccuracy());
        }
        return s;
    }

    /** A stack of ReLU Dense layers of the given widths, softmax output, optional Dropout before every hidden one. */
    static ModelDefinition stack(Optimizer opt, double dropout, int... widths) {
        List<org.mnistablation.model.Layer> layers = new ArrayList<>();
        layers.add(new Flatten(28, 28));
        for (int w : widths) {
            layers.add(new Dense(w, Activation.TANH, 0.001));
            if (dropout > 0) {
                layers.add(new Dropout(dropout));
            }
        }
        layers.add(new Dense(10, Activation.SOFTMAX));
        return new ModelDefinition(layers, opt);
    }

    private static void assertSameHistories(RunConfig cfg, double tol) {
        TrainedModel fused = new Trainer(null, Engine.FUSED, CORES).fit(cfg, TRAIN, VAL);
        TrainedModel dl4j = new Trainer(null, Engine.DL4J_FIT, CORES).fit(cfg, TRAIN, VAL);
        assertEquals(Engine.FUSED, fused.engine().engine());
        assertEquals(Engine.DL4J_FIT, dl4j.engine().engine());
        for (int e = 0; e < cfg.epochs(); e++) {
            EpochStats a = fused.history().epochs().get(e);
            EpochStats b = dl4j.history().epochs().get(e);
            String what = cfg.describe() + " epoch " + (e + 1);
            assertEquals(b.loss(), a.loss(), tol, what + " loss");
            assertEquals(b.accuracy(), a.accuracy(), 1e-9, what + " accuracy");
            assertEquals(b.valLoss(), a.valLoss(), tol, what + " val_loss");
            assertEquals(b.valAccuracy(), a.valAccuracy(), 1e-9, what + " val_accuracy");
        }
        assertTrue(fused.network().params().equalsWithEps(dl4j.network().params(), tol), cfg.describe());
    }

    @Test
    void fusedAndDl4jFitEnginesTrainTheSameModel() {
        // same initial weights, same shuffles, no dropout: the two engines differ only in float rounding
        for (Mlp cfg : List.of(small().withEpochs(3).withL2(0.001),
                small().withEpochs(3).withActivation(Activation.GELU).withOptimizer(Optimizer.adamW().learningRate(1e-3).weightDecay(0.01)),
                small().withEpochs(3).withOptimizer(Optimizer.sgd().learningRate(0.05).momentum(0.9)))) {
            assertSameHistories(cfg.config(), 1e-4);
        }
    }

    @Test
    void fusedAndDl4jFitEnginesTrainTheSameDeeperModels() {
        assertSameHistories(new RunConfig(stack(Optimizer.adam(), 0, 24, 12), 3, 32, null, 42), 1e-4);
        assertSameHistories(new RunConfig(stack(Optimizer.sgd().learningRate(0.05).momentum(0.9), 0, 20, 16, 12), 3, 16,
                null, 42), 1e-4);
        // large enough minibatches and layers to split the products across the cores
        assertSameHistories(new RunConfig(stack(Optimizer.adam(), 0, 96, 90), 2, FusedStep.PAIR_MIN_ROWS, null, 42), 1e-4);
    }

    @Test
    void largeBatchesSplitAcrossCoresTrainLikeTheReferenceEvenWithOneHiddenUnit() {
        for (int hidden : new int[]{1, 3, 16}) {
            RunConfig cfg = small().withUnits(hidden).withBatchSize(FusedStep.PAIR_MIN_ROWS).withEpochs(2).config();
            History fused = new Trainer(null, Engine.FUSED, CORES).fit(cfg, TRAIN, VAL).history();
            History dl4j = new Trainer(null, Engine.DL4J_FIT, CORES).fit(cfg, TRAIN, VAL).history();
            assertEquals(dl4j.last().loss(), fused.last().loss(), 1e-4, "hidden " + hidden);
            assertEquals(dl4j.last().valLoss(), fused.last().valLoss(), 1e-4, "hidden " + hidden);
        }
    }

    @Test
    void aModelTheFusedEngineCannotRunFallsBackToDl4jFit() {
        ModelDefinition elu = new ModelDefinition(List.of(new Flatten(28, 28), new Dense(16, Activation.ELU),
                new Dense(10, Activation.SOFTMAX)), Optimizer.adam());
        Engine.Choice choice = Engine.choose(elu);
        assertEquals(Engine.DL4J_FIT, choice.engine());
        assertTrue(choice.describe().contains("elu"), choice.describe());
        TrainedModel m = new Trainer().fit(new RunConfig(elu, 2, 32, null, 42), TRAIN, VAL);
        assertEquals(Engine.DL4J_FIT, m.engine().engine());
        assertEquals(2, m.history().epochsRun());
        assertTrue(m.history().last().valAccuracy() > 0.3, "it learned: " + m.history().last());
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(null, Engine.FUSED, CORES).fit(new RunConfig(elu, 1, 32, null, 42), TRAIN, VAL));
        assertEquals(Engine.FUSED, Engine.choose(small().model()).engine());
    }

    @Test
    void everyEpochGetsANewPermutation() {
        Lcg48 r = new Lcg48(42);
        int[] first = Shuffle.permutation(50, r);
        int[] second = Shuffle.permutation(50, r);
        assertFalse(Arrays.equals(first, second));
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    /** Epoch (from 1) at which the rule stops on this val_loss sequence, or -1. */
    private static int stopEpoch(int patience, double... valLoss) {
        EarlyStoppingRule rule = new EarlyStoppingRule(patience);
        for (int e = 1; e <= valLoss.length; e++) {
            if (rule.onEpochEnd(e, valLoss[e - 1]).stop()) {
                return e;
            }
        }
        return -1;
    }

    @Test
    void earlyStoppingRuleIsKeras3s() {
        assertEquals(5, stopEpoch(3, 1.0, 0.8, 0.85, 0.9, 0.95, 0.7), "patience 3 after the best epoch 2");
        assertEquals(2, stopEpoch(1, 0.5, 0.5), "an equal value is no improvement (min_delta 0)");
        assertEquals(-1, stopEpoch(0, 0.5), "never on the first epoch");
        assertEquals(-1, stopEpoch(0, 0.9, 0.8, 0.7, 0.6), "patience 0 never stops while every epoch improves");
        assertEquals(3, stopEpoch(0, 0.9, 0.8, 0.85), "patience 0 stops at the first epoch without improvement");
        assertEquals(4, stopEpoch(3, 0.5, 0.6, 0.7, 0.8, 0.1), "best at epoch 1: stops patience epochs later");
        EarlyStoppingRule rule = new EarlyStoppingRule(2);
        rule.onEpochEnd(1, 0.5);
        rule.onEpochEnd(2, 0.4);
        rule.onEpochEnd(3, 0.45);
        assertEquals(2, rule.bestEpoch());
    }

    /** Training on random labels: the network can only memorise, so validation loss soon rises. */
    private static TrainedModel noisyFit(int epochs, EarlyStopping es) {
        Random r = new Random(3);
        LabeledImages noisyTrain = new LabeledImages(TRAIN.pixels(), r.ints(TRAIN.count(), 0, 10).toArray(), 28, 28);
        LabeledImages noisyVal = new LabeledImages(VAL.pixels(), r.ints(VAL.count(), 0, 10).toArray(), 28, 28);
        Mlp cfg = small().withUnits(64).withOptimizer(Optimizer.adam().learningRate(0.01)).withEpochs(epochs)
                .withEarlyStopping(es);
        TrainedModel m = new Trainer().fit(cfg.config(), noisyTrain, noisyVal);
        // the returned model's val_loss is the one of the epoch whose weights it holds
        assertEquals(m.history().kept().valLoss(), Evaluator.evaluate(m.network(), cfg.model(), noisyVal).loss(), 1e-6);
        return m;
    }

    @Test
    void earlyStoppingStopsAtPatienceAfterTheBestAndRestoresItsWeights() {
        History h = noisyFit(30, EarlyStopping.create().patience(2).restoreBestWeights(true)).history();
        assertTrue(h.stoppedEarly(), "expected an early stop, history " + strip(h));
        assertEquals(h.bestEpoch() + 2, h.epochsRun(), "stops patience epochs after the best");
        assertTrue(h.restoredBest());
        assertTrue(h.last().valLoss() > h.best().valLoss());
    }

    @Test
    void earlyStoppingRestoresTheBestWeightsAtTheEndEvenWithoutStopping() {
        // Keras 3: on_train_end restores the best weights whenever restore_best_weights is set
        History h = noisyFit(4, EarlyStopping.create().patience(10).restoreBestWeights(true)).history();
        assertFalse(h.stoppedEarly());
        assertEquals(4, h.epochsRun());
        assertTrue(h.restoredBest());
        assertTrue(h.bestEpoch() < 4, "on random labels the best epoch comes early: " + strip(h));
        assertNotEquals(h.last().valLoss(), h.kept().valLoss());
    }

    @Test
    void earlyStoppingWithoutRestoreKeepsTheLastWeights() {
        History h = noisyFit(30, EarlyStopping.create().patience(2)).history();
        assertTrue(h.stoppedEarly());
        assertFalse(h.restoredBest());
        assertEquals(h.last(), h.kept());
    }

    @Test
    void earlyStoppingWithPatienceZeroStopsAtTheFirstWorseEpoch() {
        History h = noisyFit(30, EarlyStopping.create().patience(0).restoreBestWeights(true)).history();
        assertTrue(h.stoppedEarly());
        assertEquals(h.bestEpoch() + 1, h.epochsRun());
        for (int e = 1; e < h.epochsRun() - 1; e++) {
            assertTrue(h.epochs().get(e).valLoss() < h.epochs().get(e - 1).valLoss(), "improved until the stop");
        }
    }

    @Test
    void divergenceStopsWithEpochAndStep() {
        Mlp cfg = small().withOptimizer(Optimizer.sgd().learningRate(1e30));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> fit(cfg));
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", step " + e.step()), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"));
    }

    @Test
    void interruptStopsTraining() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                fit(small());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join(60_000);
        assertTrue(thrown.get() instanceof TrainingInterruptedException, String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("epoch 1, step 1"));
    }

    @Test
    void badDataForTheModelIsRejectedWithWhatToChange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(small().withBatchSize(500)));
        assertTrue(e.getMessage().contains("batch_size 500"), e.getMessage());
        ModelDefinition wrongInput = new ModelDefinition(List.of(new Flatten(20, 20), new Dense(8, Activation.RELU),
                new Dense(10, Activation.SOFTMAX)), Optimizer.adam());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer().fit(new RunConfig(wrongInput, 1, 32, null, 1), TRAIN, VAL));
        assertTrue(e.getMessage().contains("28×28"), e.getMessage());
        ModelDefinition fiveClasses = new ModelDefinition(List.of(new Flatten(28, 28), new Dense(8, Activation.RELU),
                new Dense(5, Activation.SOFTMAX)), Optimizer.adam());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer().fit(new RunConfig(fiveClasses, 1, 32, null, 1), TRAIN, VAL));
        assertTrue(e.getMessage().contains("Dense(10, \"softmax\")"), e.getMessage());
    }

    @Test
    void progressSeesEveryBatchAndEpoch() {
        List<String> events = new ArrayList<>();
        new Trainer(new TrainingProgress() {
            @Override
            public void onBatch(int epoch, int step, int steps, double loss, double acc, double s) {
                events.add("b" + epoch + "." + step + "/" + steps);
            }

            @Override
            public void onEpochEnd(EpochStats stats, int maxEpochs) {
                events.add("e" + stats.epoch());
            }
        }, null, CORES).fit(small().config(), TRAIN, VAL);
        assertEquals(List.of("b1.1/4", "b1.2/4", "b1.3/4", "b1.4/4", "e1", "b2.1/4", "b2.2/4", "b2.3/4", "b2.4/4", "e2"),
                events);
    }
}
