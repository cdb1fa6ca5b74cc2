package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;

/**
 * Runs of one trajectory (same model, optimizer, batch, seed and data) that differ in epochs or early stopping: a
 * run taking recorded epochs, or continuing from a checkpoint, must give what it gives trained from its first epoch,
 * bit for bit, while training only the epochs not recorded.
 */
class TrajectoryTest {

    static final LabeledImages TRAIN = Synthetic.images(200, 21);
    static final LabeledImages VAL = Synthetic.images(40, 22);
    /** Random labels: only memorising helps, so val_loss soon rises and early stopping acts. */
    static final LabeledImages NOISY_TRAIN;
    static final LabeledImages NOISY_VAL;

    static {
        Random r = new Random(3);
        NOISY_TRAIN = new LabeledImages(TRAIN.pixels(), r.ints(TRAIN.count(), 0, 10).toArray(), 28, 28);
        NOISY_VAL = new LabeledImages(VAL.pixels(), r.ints(VAL.count(), 0, 10).toArray(), 28, 28);
    }

    /** A trajectory in memory that counts the epochs trained into it. */
    static final class Recorded implements Trajectory {
        Checkpoint checkpoint;
        final Map<Integer, float[]> parameters = new HashMap<>();
        final List<Integer> trainedEpochs = new ArrayList<>();

        @Override
        public Checkpoint checkpoint() {
            return checkpoint;
        }

        @Override
        public float[] parametersAfter(int epoch) {
            return parameters.get(epoch);
        }

        @Override
        public void trained(EpochStats stats, float[] params) {
            trainedEpochs.add(stats.epoch());
            parameters.put(stats.epoch(), params);
        }

        @Override
        public void ended(Checkpoint c) {
            if (checkpoint == null || c.epochs().size() > checkpoint.epochs().size()) {
                checkpoint = c;
            }
        }

        List<Integer> takeTrained() {
            List<Integer> t = List.copyOf(trainedEpochs);
            trainedEpochs.clear();
            return t;
        }
    }

    /** A trajectory holding the epochs {@code config} trained (none counted as trained here). */
    private static Recorded recorded(RunConfig config, boolean noisy) {
        Recorded t = new Recorded();
        fit(config, t, noisy);
        t.takeTrained();
        return t;
    }

    static Mlp model() {
        return Mlp.baseline().withUnits(16).withBatchSize(32).withDropout(0.2);
    }

    private static TrainedModel fit(RunConfig config, Trajectory t, boolean noisy) {
        return new Trainer(null, Engine.FUSED, 1).fit(config, noisy ? NOISY_TRAIN : TRAIN, noisy ? NOISY_VAL : VAL, t);
    }

    private static float[] params(TrainedModel m) {
        return m.network().params().dup().data().asFloat();
    }

    /** Same parameters bit for bit, and the same history apart from the seconds each epoch took. */
    private static void assertSameRun(TrainedModel expected, TrainedModel actual) {
        float[] e = params(expected);
        float[] a = params(actual);
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), "parameter " + i);
        }
        History he = expected.history();
        History ha = actual.history();
        assertEquals(he.epochsRun(), ha.epochsRun(), "epochs run");
        assertEquals(he.bestEpoch(), ha.bestEpoch());
        assertEquals(he.stoppedEarly(), ha.stoppedEarly());
        assertEquals(he.restoredBest(), ha.restoredBest());
        for (int i = 0; i < he.epochsRun(); i++) {
            EpochStats x = he.epochs().get(i);
            EpochStats y = ha.epochs().get(i);
            assertEquals(List.of(x.epoch(), x.loss(), x.accuracy(), x.valLoss(), x.valAccuracy()),
                    List.of(y.epoch(), y.loss(), y.accuracy(), y.valLoss(), y.valAccuracy()), "epoch " + (i + 1));
        }
    }

    @Test
    void aLongerRunContinuesFromTheCheckpointAndTrainsOnlyTheNewEpochs() {
        for (Optimizer opt : List.of(Optimizer.adam(), Optimizer.sgd().learningRate(0.05).momentum(0.9),
                Optimizer.adamW().learningRate(1e-3).weightDecay(0.01))) {
            Mlp m = model().withOptimizer(opt);
            Recorded t = new Recorded();
            TrainedModel two = fit(m.withEpochs(2).config(), t, false);
            assertEquals(List.of(1, 2), t.takeTrained());
            TrainedModel four = fit(m.withEpochs(4).config(), t, false);
            assertEquals(List.of(3, 4), t.takeTrained(), opt.kind() + ": only the epochs beyond the record train");
            assertSameRun(fit(m.withEpochs(4).config(), Trajectory.NONE, false), four);
            assertSameRun(fit(m.withEpochs(2).config(), Trajectory.NONE, false), two);
        }
    }

    @Test
    void aShorterRunEndsAmongTheRecordedEpochsWithoutTraining() {
        Mlp m = model();
        Recorded t = recorded(m.withEpochs(4).config(), false);
        TrainedModel three = fit(m.withEpochs(3).config(), t, false);
        assertEquals(List.of(), t.takeTrained());
        assertSameRun(fit(m.withEpochs(3).config(), Trajectory.NONE, false), three);
    }

    @Test
    void earlyStoppingDecidesOnTheRecordedEpochsAsItWouldWhileTraining() {
        Mlp m = model().withUnits(64).withOptimizer(Optimizer.adam().learningRate(0.01));
        for (EarlyStopping es : List.of(EarlyStopping.create().patience(2).restoreBestWeights(true),
                EarlyStopping.create().patience(1), EarlyStopping.create().patience(20).restoreBestWeights(true))) {
            Recorded t = recorded(m.withEpochs(12).config(), true);
            TrainedModel replayed = fit(m.withEpochs(12).withEarlyStopping(es).config(), t, true);
            assertEquals(List.of(), t.takeTrained(), es.keras() + " ends among the 12 recorded epochs");
            TrainedModel trained = fit(m.withEpochs(12).withEarlyStopping(es).config(), Trajectory.NONE, true);
            assertSameRun(trained, replayed);
            if (es.patience() < 20) {
                assertTrue(trained.history().stoppedEarly(), "random labels: " + es.keras() + " stops early");
            } else {
                assertTrue(trained.history().bestEpoch() < 12, "the restored epoch is not the last");
            }
        }
    }

    @Test
    void earlyStoppingCarriesItsBestEpochAcrossTheCheckpoint() {
        // the run restores the best of 12 epochs; the record ends on that best epoch, so the weights it restores come
        // from the record while the epochs after it train here
        Mlp m = model().withUnits(64).withOptimizer(Optimizer.adam().learningRate(0.01));
        EarlyStopping es = EarlyStopping.create().patience(20).restoreBestWeights(true);
        TrainedModel trained = fit(m.withEpochs(12).withEarlyStopping(es).config(), Trajectory.NONE, true);
        int best = trained.history().bestEpoch();
        assertTrue(best < 12, "random labels: the best epoch comes before the last");
        Recorded t = recorded(m.withEpochs(best).config(), true);
        TrainedModel continued = fit(m.withEpochs(12).withEarlyStopping(es).config(), t, true);
        assertEquals(12 - best, t.takeTrained().size(), "only the epochs after the record train");
        assertSameRun(trained, continued);
    }

    @Test
    void aRunWhoseParametersAreMissingTrainsFromItsFirstEpoch() {
        Mlp m = model();
        Recorded t = recorded(m.withEpochs(4).config(), false);
        t.parameters.remove(3);
        TrainedModel three = fit(m.withEpochs(3).config(), t, false);
        assertEquals(List.of(1, 2, 3), t.takeTrained(), "epoch 3's parameters are gone: it trains again");
        assertSameRun(fit(m.withEpochs(3).config(), Trajectory.NONE, false), three);
        assertEquals(4, t.checkpoint.epochs().size(), "the longer record is kept");
    }

    @Test
    void theGeneratorsMatchTheJdkOnesAndContinueFromTheirState() {
        for (long seed : new long[]{0, 42, -7, Long.MAX_VALUE}) {
            Random jdk = new Random(seed);
            Lcg48 own = new Lcg48(seed);
            SplittableRandom jdkSplit = new SplittableRandom(seed);
            SplitMix64 ownSplit = new SplitMix64(seed);
            for (int i = 0; i < 20_000; i++) {
                int bound = 1 + (i * 7919) % 60_000; // powers of two among them (1, 2, 4, ...) and others
                assertEquals(jdk.nextInt(bound), own.nextInt(bound));
                assertEquals(jdkSplit.nextDouble(), ownSplit.nextDouble());
            }
            Lcg48 resumed = Lcg48.restored(own.state());
            SplitMix64 resumedSplit = SplitMix64.restored(ownSplit.state());
            for (int i = 0; i < 100; i++) {
                assertEquals(jdk.nextInt(1000), resumed.nextInt(1000));
                assertEquals(jdkSplit.nextDouble(), resumedSplit.nextDouble());
            }
        }
        assertFalse(new Lcg48(1).nextInt(1 << 20) == new Lcg48(2).nextInt(1 << 20), "seeds differ");
    }

    @Test
    void theWeightsAfterEachTrainedEpochAreRecorded() {
        Mlp m = model();
        Recorded t = new Recorded();
        TrainedModel two = fit(m.withEpochs(2).config(), t, false);
        assertArrayEquals(params(two), t.parametersAfter(2));
        assertEquals(2, t.checkpoint.epochs().size());
        assertArrayEquals(params(two), t.checkpoint.parameters());
    }
}
