package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;

class WeightsTest {

    static final ModelDefinition TWO_HIDDEN = new ModelDefinition(List.of(new Flatten(28, 28),
            new Dense(12, Activation.RELU), new Dropout(0.1), new Dense(7, Activation.TANH),
            new Dense(10, Activation.SOFTMAX)), Optimizer.adam());

    @Test
    void everyLayerReadsAsDl4jHoldsIt() {
        RunConfig config = new RunConfig(TWO_HIDDEN, 1, 32, null, 3);
        Weights w = Weights.initial(config);
        MultiLayerNetwork net = Dl4jModel.build(TWO_HIDDEN, 3);
        for (int l = 0; l < 3; l++) {
            float[][] dl4j = net.getLayer(l).getParam("W").toFloatMatrix(); // [input][unit]
            float[][] kernel = w.kernel(l);
            float[][] units = w.units(l);
            float[] block = w.kernelBlock(l);
            assertEquals(dl4j.length, kernel.length);
            assertEquals(dl4j.length, w.in(l));
            assertEquals(dl4j[0].length, w.out(l));
            for (int p = 0; p < dl4j.length; p++) {
                assertArrayEquals(dl4j[p], kernel[p], "layer " + l + ", input " + p);
                for (int u = 0; u < units.length; u++) {
                    assertEquals(dl4j[p][u], units[u][p]);
                    assertEquals(dl4j[p][u], block[u * w.in(l) + p]);
                }
            }
            assertArrayEquals(net.getLayer(l).getParam("b").toFloatVector(), w.bias(l), "layer " + l);
        }
        assertEquals(3, w.layers());
        assertEquals(784 * 12, w.kernelValues(0).length);
        assertEquals(w.kernel(0)[5][3], w.kernelValues(0)[5 * 12 + 3]);
    }

    @Test
    void theVectorMustFitTheModel() {
        assertThrows(IllegalArgumentException.class, () -> new Weights(TWO_HIDDEN, new float[10]));
    }
}
