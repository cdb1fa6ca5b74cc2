package org.mnistablation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;

class StudyArithmeticTest {

    /** 2×2 images, Dense(3), Dense(2): kernels of 12 and 6 weights. */
    static ModelDefinition small() {
        return new ModelDefinition(List.of(new Flatten(2, 2), new Dense(3, Activation.RELU), new Dropout(0.5),
                new Dense(2, Activation.SOFTMAX)), Optimizer.adam());
    }

    @Test
    void perImageCountsFollowTheKernels() {
        // forward 2·(12 + 6); training 3 products per layer but no input gradient below the first: 6·18 − 2·12
        assertEquals(36, StudyArithmetic.forwardFlopsPerImage(small()));
        assertEquals(84, StudyArithmetic.trainingFlopsPerImage(small()));
        assertEquals(4 * 84, StudyArithmetic.stepFlops(small(), 4));
    }

    @Test
    void theBaselineStepIsCountedAsTheFusedStepComputesIt() {
        ModelDefinition baseline = new ModelDefinition(List.of(new Flatten(28, 28), new Dense(128, Activation.RELU),
                new Dense(10, Activation.SOFTMAX)), Optimizer.adam());
        // 784·128 = 100,352 and 128·10 = 1,280 weights: 6·101,632 − 2·100,352 = 409,088 per image
        assertEquals(8 * 409_088.0, StudyArithmetic.stepFlops(baseline, 8));
    }

    @Test
    void totalsAddStepsValidationPassesFlopsAndSeconds() {
        List<StudyArithmetic.Run> runs = List.of(new StudyArithmetic.Run(small(), 2, 3, 1.5),
                new StudyArithmetic.Run(small(), 4, 2, 0.5));
        StudyArithmetic.Totals t = StudyArithmetic.of(runs, 10, 5);
        assertEquals(2, t.runs());
        assertEquals(3 * 5 + 2 * 3, t.steps()); // ceil(10/2) = 5 and ceil(10/4) = 3 steps per epoch
        assertEquals(5, t.validationPasses());
        assertEquals(5 * (10 * 84 + 5 * 36), t.flops()); // 5 epochs of 10 training and 5 validation images
        assertEquals(2.0, t.seconds());
        assertEquals(5100 / (2 * 1e9 * 3), t.boundSeconds(2, 3), 1e-18);
    }

    @Test
    void aRunNeedsAPositiveBatch() {
        assertThrows(IllegalArgumentException.class, () -> new StudyArithmetic.Run(small(), 0, 1, 1));
    }
}
