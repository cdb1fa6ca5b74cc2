package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;

/**
 * A run given two cores splits its large products and its Adam update across a helper thread ({@link PairWorker});
 * a run given one core (others train beside it) starts no helper. Both compute every element with the same
 * operations, so the trained parameters must be identical bit for bit.
 */
class FusedEngineThreadsTest {

    static final org.mnistablation.data.LabeledImages TRAIN = Synthetic.images(300, 11);
    static final org.mnistablation.data.LabeledImages VAL = Synthetic.images(40, 12);

    private static boolean helperAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("fused-step-helper"));
    }

    /** Trains {@code config} with {@code cores}; returns the parameters and whether a helper thread ran meanwhile. */
    private static float[] train(RunConfig config, int cores, AtomicBoolean helperSeen) throws InterruptedException {
        for (int i = 0; i < 100 && helperAlive(); i++) {
            Thread.sleep(20); // helpers of earlier runs end right after those runs
        }
        TrainingProgress watch = new TrainingProgress() {
            @Override
            public void onBatch(int epoch, int step, int steps, double l, double a, double s) {
                helperSeen.compareAndSet(false, helperAlive());
            }
        };
        TrainedModel m = new Trainer(watch, Engine.FUSED, cores).fit(config, TRAIN, VAL);
        return m.network().params().dup().data().asFloat();
    }

    private static void sameBitsWithOneAndTwoCores(RunConfig config) throws InterruptedException {
        AtomicBoolean helperWithOne = new AtomicBoolean();
        AtomicBoolean helperWithTwo = new AtomicBoolean();
        float[] one = train(config, 1, helperWithOne);
        float[] two = train(config, 2, helperWithTwo);
        assertFalse(helperWithOne.get(), "one core: no helper thread");
        assertTrue(helperWithTwo.get(), "two cores at batch " + config.batchSize() + ": the products are split");
        assertEquals(one.length, two.length);
        for (int i = 0; i < one.length; i++) {
            if (Float.floatToRawIntBits(one[i]) != Float.floatToRawIntBits(two[i])) {
                assertEquals(one[i], two[i], 0f, "parameter " + i + " differs between one and two cores");
            }
        }
        assertArrayEquals(one, two);
    }

    @Test
    void baselineWithDropoutAtBatch64And128IsTheSameOnOneAndTwoCores() throws InterruptedException {
        Mlp m = Mlp.baseline().withUnits(128).withDropout(0.1).withEpochs(2);
        sameBitsWithOneAndTwoCores(m.withBatchSize(64).config());
        sameBitsWithOneAndTwoCores(m.withBatchSize(128).withOptimizer(Optimizer.adamW().weightDecay(0.01)).config());
    }

    @Test
    void twoHiddenLayersWithL2AreTheSameOnOneAndTwoCores() throws InterruptedException {
        ModelDefinition deep = new ModelDefinition(java.util.List.of(new Flatten(28, 28), new Dropout(0.1),
                new Dense(96, Activation.RELU, 1e-4), new Dropout(0.2), new Dense(64, Activation.TANH),
                new Dense(10, Activation.SOFTMAX)), Optimizer.adam());
        sameBitsWithOneAndTwoCores(new RunConfig(deep, 2, 100, null, 7));
    }
}
