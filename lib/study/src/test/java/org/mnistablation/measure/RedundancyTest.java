package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.train.Evaluator;

/**
 * Redundancy on known answers: each unit's drop equals DL4J's accuracy loss when that unit's outgoing weights are
 * zeroed (one and two hidden layers), and the correlations of hand-built units over four hand-built images are known
 * exactly.
 */
class RedundancyTest {

    static final LabeledImages TRAIN = Fixtures.images(1500, 41);
    static final LabeledImages TEST = Fixtures.images(1100, 42);

    private static void assertDropsAreDl4jsWithTheUnitRemoved(ModelDefinition model, int[][] unitsToCheck) {
        MultiLayerNetwork net = Fixtures.trained(model, TRAIN, 1, 5);
        Redundancy r = Redundancy.of(DenseWeights.of(model, net.params().data().asFloat()), TEST);
        double full = Evaluator.evaluate(net, model, TEST).accuracy();
        assertEquals(full, r.accuracy(), 1.01 / TEST.count());
        int offset = 0;
        for (int l = 0; l < unitsToCheck.length; l++) {
            for (int u : unitsToCheck[l]) {
                MultiLayerNetwork removed = net.clone();
                removed.getParam((l + 1) + "_W").getRow(u).assign(0);
                double expected = full - Evaluator.evaluate(removed, model, TEST).accuracy();
                assertEquals(expected, r.unitDrops().get(offset + u), 1.01 / TEST.count(), "layer " + l + " unit " + u);
            }
            offset += r.unitsPerLayer().get(l);
        }
        assertEquals(r, Redundancy.from(r.values()));
    }

    @Test
    void unitDropsOfOneHiddenLayer() {
        ModelDefinition m = Fixtures.model(new Dense(12, Activation.RELU));
        assertDropsAreDl4jsWithTheUnitRemoved(m, new int[][]{{0, 3, 7, 11}});
    }

    @Test
    void unitDropsOfTwoHiddenLayers() {
        ModelDefinition m = Fixtures.model(new Dense(10, Activation.TANH), new Dense(6, Activation.RELU));
        assertDropsAreDl4jsWithTheUnitRemoved(m, new int[][]{{0, 4, 9}, {1, 5}});
    }

    /**
     * Four images light pixels 0 and 1 as (0,0), (1,0), (0,1), (1,1); linear units read p0, p1, p0 + p1, −p0 and
     * nothing (weights 0, bias 0.3). Then r(p0, p1) = 0, r(p0, p0+p1) = r(p1, p0+p1) = 1/√2, r(p0, −p0) = −1,
     * r(p1, −p0) = 0, r(p0+p1, −p0) = −1/√2, and the last unit is dead: mean |r| = (1 + 3/√2)/6.
     */
    @Test
    void correlationsOfHandBuiltUnits() {
        float[] px = new float[4 * 784];
        px[784] = 1;
        px[2 * 784 + 1] = 1;
        px[3 * 784] = 1;
        px[3 * 784 + 1] = 1;
        LabeledImages four = new LabeledImages(px, new int[]{0, 1, 2, 3}, 28, 28);
        ModelDefinition m = Fixtures.model(new Dense(5, Activation.LINEAR));
        float[] flat = new float[(int) m.parameterCount()];
        flat[0] = 1;                 // unit 0 reads pixel 0
        flat[784 + 1] = 1;           // unit 1 reads pixel 1
        flat[2 * 784] = 1;           // unit 2 reads both
        flat[2 * 784 + 1] = 1;
        flat[3 * 784] = -1;          // unit 3 reads −pixel 0
        flat[5 * 784 + 4] = 0.3f;    // unit 4: bias only
        Redundancy r = Redundancy.of(DenseWeights.of(m, flat), four);
        assertEquals(1, r.deadUnits());
        assertEquals((1 + 3 / Math.sqrt(2)) / 6, r.meanAbsCorrelation(), 1e-9);
        assertEquals(List.of(5), r.unitsPerLayer());
    }
}
