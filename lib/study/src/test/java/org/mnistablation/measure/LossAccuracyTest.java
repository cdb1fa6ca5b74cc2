package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.cache.MeasureCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.Evaluator;

/**
 * The training-set evaluation ("train-eval") against DL4J's inference on the same network ({@link Evaluator}, what
 * the test-set numbers come from): same loss with the L2 terms, same accuracy, dropout off; and its cache entry.
 */
class LossAccuracyTest {

    static final LabeledImages TRAIN = Fixtures.images(2300, 3); // two full blocks and a partial one
    static final LabeledImages TEST = Fixtures.images(200, 4);

    static List<ModelDefinition> models() {
        return List.of(
                Fixtures.model(new Dense(64, Activation.RELU, 0.01), new Dropout(0.3)),
                Fixtures.model(new Dropout(0.2), new Dense(24, Activation.GELU), new Dense(16, Activation.TANH, 0.002),
                        new Dropout(0.1), new Dense(12, Activation.SOFTSIGN)),
                Fixtures.model(new Dense(20, Activation.SIGMOID), new Dense(8, Activation.LINEAR, 0.5)),
                Fixtures.model());
    }

    @Test
    void equalsDl4jsEvaluationWithDropoutOffAndTheL2Terms() {
        for (ModelDefinition m : models()) {
            MultiLayerNetwork net = Fixtures.network(m, 7);
            Evaluation expected = Evaluator.evaluate(net, m, TRAIN);
            LossAccuracy actual = LossAccuracy.of(DenseWeights.of(m, net.params().data().asFloat()), TRAIN);
            // DL4J sums the L2 term in float; here it is summed in double (as the training step's)
            assertEquals(expected.loss(), actual.loss(), 1e-5 * expected.loss(), m.keras() + ": loss");
            assertEquals(expected.accuracy(), actual.accuracy(), 0.5 / TRAIN.count(), m.keras() + ": accuracy");
        }
    }

    @Test
    void l2TermIsPartOfTheLoss() {
        ModelDefinition m = models().get(0);
        MultiLayerNetwork net = Fixtures.network(m, 7);
        double penalty = Evaluator.l2Penalty(net, m);
        DenseWeights w = DenseWeights.of(m, net.params().data().asFloat());
        assertEquals(penalty, w.l2Penalty(), 1e-5 * penalty);
        ModelDefinition plain = Fixtures.model(new Dense(64, Activation.RELU), new Dropout(0.3));
        double without = LossAccuracy.of(DenseWeights.of(plain, net.params().data().asFloat()), TRAIN).loss();
        assertEquals(without + w.l2Penalty(), LossAccuracy.of(w, TRAIN).loss(), 1e-12);
    }

    @Test
    void cachedUnderItsIdAndReadBackIdentically(@TempDir Path runs) throws Exception {
        ModelDefinition m = models().get(1);
        RunResult run = Fixtures.run(m, Fixtures.network(m, 9), 9, TEST);
        StudySplit split = new StudySplit(TRAIN, TEST, TEST, Fixtures.DATA);
        LossAccuracy fresh = new StudyMeasures(runs, split).trainEvaluation(run);
        assertEquals(1, Files.walk(runs).filter(p -> p.getFileName().toString().equals("train-eval-v1.txt")).count());
        // read back: a compute that would fail proves the value comes from the file
        double[] stored = new MeasureCache(runs).get(run, LossAccuracy.TRAIN_ID, () -> {
            throw new AssertionError("not cached");
        });
        assertEquals(fresh, LossAccuracy.from(stored));
        assertEquals(fresh, new StudyMeasures(runs, split).trainEvaluation(List.of(run)).get(0));
        assertEquals(fresh, LossAccuracy.of(DenseWeights.of(run), TRAIN), "a fresh computation gives the same bits");
    }

    @Test
    void readsTheEntryTheNotebooksWriteUnderTheSameId(@TempDir Path runs) {
        ModelDefinition m = models().get(0);
        RunResult run = Fixtures.run(m, Fixtures.network(m, 9), 9, TEST);
        new MeasureCache(runs).get(run, "train-eval-v1", () -> new double[]{0.123, 0.987}); // {loss, accuracy}
        StudySplit split = new StudySplit(TRAIN, TEST, TEST, Fixtures.DATA);
        assertEquals(new LossAccuracy(0.123, 0.987), new StudyMeasures(runs, split).trainEvaluation(run));
    }

    @Test
    void refusesARunOfOtherData(@TempDir Path runs) {
        ModelDefinition m = models().get(3);
        RunResult run = Fixtures.run(m, Fixtures.network(m, 9), 9, TEST);
        StudySplit other = new StudySplit(TRAIN, TEST, TEST, "mnist-0123456789abcdef");
        assertThrows(IllegalArgumentException.class, () -> new StudyMeasures(runs, other).trainEvaluation(run));
    }
}
