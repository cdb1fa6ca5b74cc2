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

class TrainerTest {

    static final LabeledImages TRAIN = Synthetic.images(100, 1);
    static final LabeledImages VAL = Synthetic.images(40, 2);

    static ExperimentConfig small() {
        return ExperimentConfig.baseline().withHiddenUnits(16).withBatchSize(32).withEpochs(2);
    }

    @Test
    void trainLossAndAccuracyAreBatchSizeWeightedRunningMeans() {
        // With a learning rate of ~0 the weights stay put, so the running mean over the batches (32, 32, 32, 4) must
        // equal the loss of the whole training set; a plain mean of batch means would not.
        ExperimentConfig cfg = small().withOptimizer(OptimizerConfig.sgd(1e-12)).withEpochs(1);
        TrainedModel m = new Trainer().fit(cfg, TRAIN, VAL);
        Evaluation whole = Evaluator.evaluate(m.network(), 0, TRAIN);
        EpochStats e = m.history().epochs().get(0);
        assertEquals(whole.loss(), e.loss(), 1e-5);
        assertEquals(whole.accuracy(), e.accuracy(), 1e-9);
    }

    @Test
    void dropoutIsActiveInTheTrainingMetricsAndValidationIsMeasuredAtEpochEnd() {
        ExperimentConfig cfg = small().withOptimizer(OptimizerConfig.sgd(1e-12)).withEpochs(1).withDropout(0.5);
        TrainedModel m = new Trainer().fit(cfg, TRAIN, VAL);
        Evaluation noDropout = Evaluator.evaluate(m.network(), 0, TRAIN);
        assertTrue(m.history().last().loss() > noDropout.loss() + 1e-3,
                "train loss with half the hidden units dropped should be higher: " + m.history().last().loss()
                        + " vs " + noDropout.loss());
        Evaluation val = Evaluator.evaluate(m.network(), 0, VAL);
        assertEquals(val.loss(), m.history().last().valLoss(), 1e-6);
        assertEquals(val.accuracy(), m.history().last().valAccuracy(), 1e-9);
    }

    @Test
    void reportedLossIncludesL2ButNotDecoupledWeightDecay() {
        ExperimentConfig tiny = small().withEpochs(1);
        double adam = new Trainer().fit(tiny.withOptimizer(OptimizerConfig.adam(1e-12)), TRAIN, VAL).history().last().loss();
        double adamW = new Trainer().fit(tiny.withOptimizer(OptimizerConfig.adamW(1e-12, 0.5)), TRAIN, VAL).history().last().loss();
        assertEquals(adam, adamW, 1e-6);
        TrainedModel l2 = new Trainer().fit(tiny.withOptimizer(OptimizerConfig.sgd(1e-12)).withL2(0.01), TRAIN, VAL);
        double penalty = Evaluator.l2Penalty(l2.network(), 0.01);
        assertTrue(penalty > 0.01);
        double plain = new Trainer().fit(tiny.withOptimizer(OptimizerConfig.sgd(1e-12)), TRAIN, VAL).history().last().loss();
        assertEquals(plain + penalty, l2.history().last().loss(), 1e-5);
        assertEquals(l2.history().last().valLoss(), Evaluator.evaluate(l2.network(), 0, VAL).loss() + penalty, 1e-5);
    }

    @Test
    void sameSeedSameHistoryDifferentSeedDifferent() {
        ExperimentConfig cfg = small().withDropout(0.2).withEpochs(3);
        History a = new Trainer().fit(cfg, TRAIN, VAL).history();
        History b = new Trainer().fit(cfg, TRAIN, VAL).history();
        History c = new Trainer().fit(cfg.withSeed(43), TRAIN, VAL).history();
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

    @Test
    void fusedAndDl4jFitEnginesTrainTheSameModel() {
        // same initial weights, same shuffles, no dropout: the two engines differ only in float rounding
        for (ExperimentConfig cfg : List.of(small().withEpochs(3).withL2(0.001),
                small().withEpochs(3).withActivation(Activation.GELU).withOptimizer(OptimizerConfig.adamW(1e-3, 0.01)),
                small().withEpochs(3).withOptimizer(OptimizerConfig.sgdMomentum(0.05, 0.9)))) {
            TrainedModel fused = new Trainer(null, Trainer.Engine.FUSED).fit(cfg, TRAIN, VAL);
            TrainedModel dl4j = new Trainer(null, Trainer.Engine.DL4J_FIT).fit(cfg, TRAIN, VAL);
            for (int e = 0; e < 3; e++) {
                EpochStats a = fused.history().epochs().get(e);
                EpochStats b = dl4j.history().epochs().get(e);
                String what = cfg.describe() + " epoch " + (e + 1);
                assertEquals(b.loss(), a.loss(), 1e-4, what + " loss");
                assertEquals(b.accuracy(), a.accuracy(), 1e-9, what + " accuracy");
                assertEquals(b.valLoss(), a.valLoss(), 1e-4, what + " val_loss");
                assertEquals(b.valAccuracy(), a.valAccuracy(), 1e-9, what + " val_accuracy");
            }
            assertTrue(fused.network().params().equalsWithEps(dl4j.network().params(), 1e-4), cfg.describe());
        }
    }

    @Test
    void largeBatchesSplitAcrossCoresTrainLikeTheReferenceEvenWithOneHiddenUnit() {
        for (int hidden : new int[]{1, 3, 16}) {
            ExperimentConfig cfg = small().withHiddenUnits(hidden).withBatchSize(FusedStep.PAIR_MIN_ROWS).withEpochs(2);
            History fused = new Trainer(null, Trainer.Engine.FUSED).fit(cfg, TRAIN, VAL).history();
            History dl4j = new Trainer(null, Trainer.Engine.DL4J_FIT).fit(cfg, TRAIN, VAL).history();
            assertEquals(dl4j.last().loss(), fused.last().loss(), 1e-4, "hidden " + hidden);
            assertEquals(dl4j.last().valLoss(), fused.last().valLoss(), 1e-4, "hidden " + hidden);
        }
    }

    @Test
    void everyEpochGetsANewPermutation() {
        Random r = new Random(42);
        int[] first = Shuffle.permutation(50, r);
        int[] second = Shuffle.permutation(50, r);
        assertFalse(Arrays.equals(first, second));
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void earlyStoppingFollowsKerasPatience() {
        EarlyStoppingTracker t = new EarlyStoppingTracker(3);
        double[] valLoss = {1.0, 0.8, 0.85, 0.9, 0.95, 0.7};
        int stoppedAt = -1;
        for (int e = 1; e <= valLoss.length; e++) {
            t.record(e, valLoss[e - 1]);
            if (t.shouldStop(e)) {
                stoppedAt = e;
                break;
            }
        }
        assertEquals(5, stoppedAt, "patience 3 after the best epoch 2");
        assertEquals(2, t.bestEpoch());
        EarlyStoppingTracker equal = new EarlyStoppingTracker(1);
        equal.record(1, 0.5);
        equal.record(2, 0.5);
        assertTrue(equal.shouldStop(2), "an equal value is no improvement (min_delta 0)");
        EarlyStoppingTracker zero = new EarlyStoppingTracker(0);
        zero.record(1, 0.5);
        assertFalse(zero.shouldStop(1), "never on the first epoch");
    }

    @Test
    void earlyStoppingRestoresTheBestEpochsWeights() {
        // Random labels: the network can only memorise, so validation loss soon rises.
        Random r = new Random(3);
        LabeledImages noisyTrain = new LabeledImages(TRAIN.pixels(), r.ints(TRAIN.count(), 0, 10).toArray(), 28, 28);
        LabeledImages noisyVal = new LabeledImages(VAL.pixels(), r.ints(VAL.count(), 0, 10).toArray(), 28, 28);
        ExperimentConfig cfg = small().withHiddenUnits(64).withOptimizer(OptimizerConfig.adam(0.01)).withEpochs(30)
                .withEarlyStopping(new EarlyStopping(2, true));
        TrainedModel m = new Trainer().fit(cfg, noisyTrain, noisyVal);
        History h = m.history();
        assertTrue(h.stoppedEarly(), "expected an early stop, history " + strip(h));
        assertEquals(h.bestEpoch() + 2, h.epochsRun(), "stops patience epochs after the best");
        assertTrue(h.restoredBest());
        assertEquals(h.best().valLoss(), Evaluator.evaluate(m.network(), 0, noisyVal).loss(), 1e-6);
        assertTrue(h.last().valLoss() > h.best().valLoss());
    }

    @Test
    void divergenceStopsWithEpochAndStep() {
        ExperimentConfig cfg = small().withOptimizer(OptimizerConfig.sgd(1e30));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer().fit(cfg, TRAIN, VAL));
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", step " + e.step()), e.getMessage());
        assertTrue(e.getMessage().contains("learning rate"));
    }

    @Test
    void interruptStopsTraining() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                new Trainer().fit(small(), TRAIN, VAL);
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
    void batchLargerThanDataIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer().fit(small().withBatchSize(500), TRAIN, VAL));
        assertTrue(e.getMessage().contains("batchSize 500"), e.getMessage());
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
        }).fit(small(), TRAIN, VAL);
        assertEquals(List.of("b1.1/4", "b1.2/4", "b1.3/4", "b1.4/4", "e1", "b2.1/4", "b2.2/4", "b2.3/4", "b2.4/4", "e2"),
                events);
    }
}
