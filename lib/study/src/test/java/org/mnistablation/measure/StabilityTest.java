package org.mnistablation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** Late-epoch stability on a history whose val_loss is known in closed form, and weights of known norms. */
class StabilityTest {

    @Test
    void lateSpreadSlopeAndNormGrowth() {
        List<EpochStats> epochs = new ArrayList<>();
        for (int e = 1; e <= 20; e++) {
            // falling for ten epochs, then rising by 0.01 per epoch with an alternating ±0.002
            double val = e <= 10 ? 1.0 / e : 0.1 + 0.01 * (e - 10) + (e % 2 == 0 ? 0.002 : -0.002);
            epochs.add(new EpochStats(e, 0.1, 0.9, val, 0.95, 1));
        }
        History h = new History(epochs, 10, false, false);
        ModelDefinition m = Fixtures.model(new Dense(4, Activation.RELU));
        float[] init = new float[(int) m.parameterCount()];
        float[] kept = new float[init.length];
        init[0] = 3;
        init[1] = 4;  // ‖θ₀‖ = 5
        kept[5] = 12; // ‖θ‖ = 12
        Stability s = Stability.of(h, DenseWeights.of(m, init), DenseWeights.of(m, kept), 10);

        assertEquals(10, s.lateEpochs());
        double[] late = new double[10];
        double mean = 0;
        for (int i = 0; i < 10; i++) {
            late[i] = epochs.get(10 + i).valLoss();
            mean += late[i] / 10;
        }
        double ss = 0;
        for (double v : late) {
            ss += (v - mean) * (v - mean);
        }
        assertEquals(mean, s.lateValLossMean(), 1e-12);
        assertEquals(Math.sqrt(ss / 9), s.lateValLossSd(), 1e-12);
        // least squares over epochs 11..20 (Σ(x − x̄)² = 82.5): the trend 0.01 plus a little from the alternation
        double sxy = 0;
        for (int i = 0; i < 10; i++) {
            sxy += (i - 4.5) * (late[i] - mean);
        }
        assertEquals(sxy / 82.5, s.lateValLossSlope(), 1e-12);
        assertEquals(0.01, s.lateValLossSlope(), 0.0015);
        assertEquals(epochs.get(19).valLoss(), s.lastValLoss());
        assertEquals(12.0 / 5.0, s.normGrowth(), 1e-12);
        assertEquals(s, Stability.from(s.values()));

        Stability all = Stability.of(new History(epochs.subList(0, 3), 3, false, false), DenseWeights.of(m, init),
                DenseWeights.of(m, kept), 10);
        assertEquals(3, all.lateEpochs(), "fewer epochs than the window: all of them");
    }
}
