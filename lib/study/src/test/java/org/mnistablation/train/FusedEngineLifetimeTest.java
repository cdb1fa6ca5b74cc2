package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An engine keeps the network's parameter array it computes on in place reachable for as long as it lives, even when
 * its caller drops the network (as StepTimer does): ND4J frees an array's memory once the array is collected, and the
 * steps would then write into freed memory.
 */
class FusedEngineLifetimeTest {

    @Test
    void theParametersOfADroppedNetworkStayReachableWhileItsEngineLives() throws InterruptedException {
        NdRuntime.ensureReady();
        LabeledImages data = Synthetic.images(64, 3);
        for (int batch : new int[]{16, 64}) { // the sparse first layer and the dense one
            ModelDefinition m = FusedStepTest.model(Optimizer.adam(), new Dense(16, Activation.RELU));
            RunConfig cfg = new RunConfig(m, 1, batch, null, 42);
            MultiLayerNetwork net = Dl4jModel.build(m, 42);
            WeakReference<INDArray> params = new WeakReference<>(net.params());
            try (FusedEngine engine = new FusedEngine(net, cfg, data, 1)) {
                net = null; // the caller keeps only the engine
                for (int k = 0; k < 5 && params.get() != null; k++) {
                    System.gc();
                    Thread.sleep(20);
                }
                assertNotNull(params.get(), "batch " + batch + ": the parameters the engine writes were collected");
                int[] order = new int[data.count()];
                java.util.Arrays.setAll(order, i -> i);
                engine.startEpoch(order);
                assertTrue(Double.isFinite(engine.step(0, batch).meanLoss()));
            }
        }
    }
}
