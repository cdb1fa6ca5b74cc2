package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.cache.MeasureCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.train.Machine;

/** Values measured on several runs together (the step times) are kept per runs in order and per conditions. */
class JointMeasureCacheTest {

    @Test
    void storedPerRunsInOrderAndPerConditions(@TempDir Path runs) {
        ModelDefinition m = LossAccuracyTest.models().get(0);
        RunResult a = Fixtures.run(m, Fixtures.network(m, 1), 1, LossAccuracyTest.TEST);
        RunResult b = Fixtures.run(m, Fixtures.network(m, 2), 2, LossAccuracyTest.TEST);
        MeasureCache cache = new MeasureCache(runs);
        AtomicInteger computed = new AtomicInteger();
        Supplier<double[]> compute = () -> new double[]{computed.incrementAndGet(), 0.25};

        double[] first = cache.getJoint(List.of(a, b), "step-time-v1", "machine 1", compute);
        assertArrayEquals(first, cache.getJoint(List.of(a, b), "step-time-v1", "machine 1", compute));
        assertEquals(1, computed.get(), "the second call reads the stored values");
        assertArrayEquals(first, new MeasureCache(runs).getJoint(List.of(a, b), "step-time-v1", "machine 1", () -> {
            throw new AssertionError("not stored");
        }));

        cache.getJoint(List.of(b, a), "step-time-v1", "machine 1", compute);
        assertEquals(2, computed.get(), "another order is another measurement");
        cache.getJoint(List.of(a, b), "step-time-v1", "machine 2", compute);
        assertEquals(3, computed.get(), "other conditions are another measurement");
        cache.getJoint(List.of(a, b), "step-time-v2", "machine 1", compute);
        assertEquals(4, computed.get(), "another measure id is another measurement");
    }

    @Test
    void theMachineNamesTheNativeBuildItLoads() {
        Machine here = Machine.current();
        assertTrue(here.nativeBuild().contains("nd4j-native"), here.describe());
        assertTrue(here.describe().startsWith(here.cpu()), here.describe());
    }
}
