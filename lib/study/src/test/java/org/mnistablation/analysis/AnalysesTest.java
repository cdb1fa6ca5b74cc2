package org.mnistablation.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mnistablation.cache.RunResult;
import org.mnistablation.train.EarlyStopping;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.ExperimentConfig;
import org.mnistablation.train.History;

/** The generated wording must follow the numbers it is given, whichever way they point. */
class AnalysesTest {

    static History history(double[] loss, double[] valLoss, double[] valAcc) {
        List<EpochStats> e = new ArrayList<>();
        int best = 0;
        for (int i = 0; i < loss.length; i++) {
            e.add(new EpochStats(i + 1, loss[i], 0.9, valLoss[i], valAcc[i], 2.0));
            if (valLoss[i] < valLoss[best]) {
                best = i;
            }
        }
        return new History(e, best + 1, false, false);
    }

    static RunResult run(ExperimentConfig c, History h, double testAcc) {
        return new RunResult(c, "synthetic", h, new float[0], new Evaluation(0.1, testAcc, new float[0], new int[0]), true);
    }

    static RunSummary summary(String label, double valLoss, double valAcc) {
        return new RunSummary(label, 5, 0.05, 0.99, valLoss, valAcc, 5, valLoss, valAcc, valLoss, valAcc, 2, false, false);
    }

    @Test
    void rankingNamesTheMeasuredWinnerEitherWay() {
        List<RunSummary> a = List.of(summary("A", 0.08, 0.97), summary("B", 0.07, 0.98));
        assertTrue(Findings.ranking("final validation loss", a, RunSummary::valLoss, true, false, null).startsWith("Lowest final validation loss: **B** (0.0700)"));
        List<RunSummary> b = List.of(summary("A", 0.06, 0.97), summary("B", 0.07, 0.98));
        assertTrue(Findings.ranking("final validation loss", b, RunSummary::valLoss, true, false, null).contains("**A** (0.0600), then B (0.0700)"));
        assertTrue(Findings.ranking("final validation accuracy", b, RunSummary::valAccuracy, false, true, null).contains("**B** (98.00%)"));
    }

    @Test
    void smallDifferencesAreCalledIndistinguishable() {
        Noise noise = new Noise(3, 0.002, 0.004);
        List<RunSummary> close = List.of(summary("A", 0.070, 0.980), summary("B", 0.072, 0.978));
        String s = Findings.ranking("final validation accuracy", close, RunSummary::valAccuracy, false, true, noise);
        assertTrue(s.contains("indistinguishable"), s);
        List<RunSummary> far = List.of(summary("A", 0.070, 0.980), summary("B", 0.090, 0.960));
        String f = Findings.ranking("final validation accuracy", far, RunSummary::valAccuracy, false, true, noise);
        assertTrue(f.contains("more than noise"), f);
        assertFalse(f.contains("indistinguishable"));
    }

    @Test
    void noiseIsTheSampleStandardDeviation() {
        assertEquals(1.0, Noise.std(new double[]{1, 2, 3}), 1e-12);
    }

    @Test
    void overfittingIsOnlyClaimedWhenValidationLossRoseAndTrainingLossFell() {
        History over = history(new double[]{0.3, 0.1, 0.05, 0.02}, new double[]{0.12, 0.08, 0.09, 0.11}, new double[]{.96, .97, .97, .97});
        String s = Findings.valLossMinimum("run", over);
        assertTrue(s.contains("bottomed out at epoch 2") && s.contains("overfits"), s);
        History improving = history(new double[]{0.3, 0.1, 0.05}, new double[]{0.12, 0.08, 0.07}, new double[]{.96, .97, .98});
        String t = Findings.valLossMinimum("run", improving);
        assertTrue(t.contains("still at its lowest in the last epoch") && !t.contains("overfits"), t);
    }

    @Test
    void earlyStoppingTraceCountsPatienceLikeKeras() {
        History h = history(new double[]{0.3, 0.2, 0.1, 0.05, 0.03}, new double[]{0.10, 0.08, 0.09, 0.095, 0.1},
                new double[]{.96, .97, .97, .97, .97});
        String trace = EarlyStoppingAnalysis.trace(h, 3).toString();
        String[] rows = trace.split("\n");
        assertTrue(rows[3].contains("new best"), rows[3]);
        assertTrue(rows[4].contains("no improvement (1/3)"), rows[4]);
        assertTrue(rows[6].contains("stop"), rows[6]);
    }

    @Test
    void dropoutAnalysisStatesWhetherTheGapNarrowed() {
        ExperimentConfig c = ExperimentConfig.baseline();
        Map<String, RunResult> runs = new LinkedHashMap<>();
        runs.put("dropout 0", run(c, history(new double[]{0.02}, new double[]{0.08}, new double[]{0.97}), 0.97));
        runs.put("dropout 0.3", run(c.withDropout(0.3), history(new double[]{0.06}, new double[]{0.07}, new double[]{0.98}), 0.98));
        runs.put("dropout 0.5", run(c.withDropout(0.5), history(new double[]{0.01}, new double[]{0.09}, new double[]{0.96}), 0.96));
        String md = DropoutAnalysis.markdown(runs, null);
        assertTrue(md.contains("dropout 0.3: 0.0100 vs 0.0600 without dropout — narrowed by 0.0500"), md);
        assertTrue(md.contains("dropout 0.5: 0.0800 vs 0.0600 without dropout — not narrowed"), md);
        assertTrue(md.contains("Lowest final validation loss: **dropout 0.3**"), md);
    }

    @Test
    void optimizerEpochsToReachTarget() {
        History h = history(new double[]{0.3, 0.2, 0.1}, new double[]{0.2, 0.1, 0.05}, new double[]{0.90, 0.955, 0.972});
        assertEquals(2, OptimizerAnalysis.epochsToReach(h, 0.95));
        assertEquals(3, OptimizerAnalysis.epochsToReach(h, 0.97));
        assertEquals(-1, OptimizerAnalysis.epochsToReach(h, 0.99));
    }

    @Test
    void predictionsCountConfusionsAndConfidentMistakes() {
        // 4 samples: truth 0,1,2,3; predicted 0,7,2,8 with given confidences
        float[] p = new float[40];
        p[0] = 0.9f;
        p[10 + 7] = 0.99f;
        p[20 + 2] = 0.6f;
        p[30 + 8] = 0.7f;
        Predictions pr = new Predictions(new Evaluation(0.5, 0.5, p, new int[]{0, 7, 2, 8}), new int[]{0, 1, 2, 3});
        assertEquals(1, pr.confusion()[1][7]);
        assertEquals(1.0, pr.perClassAccuracy()[0]);
        assertEquals(0.0, pr.perClassAccuracy()[1]);
        assertEquals(1, pr.mostConfidentMistakes(5).get(0).index());
        assertEquals(2, pr.mostConfidentMistakes(5).size());
        assertTrue(pr.markdown("model").contains("1 of the 2 mistakes were made with more than 90% confidence"));
    }

    @Test
    void weightStatsMatchHandComputedValues() {
        WeightStats w = WeightStats.of(new float[]{-2, 0, 0.005f, 2});
        assertEquals(4, w.count());
        assertEquals(0.00125, w.mean(), 1e-7);
        assertEquals(Math.sqrt(8.000025), w.norm(), 1e-6);
        assertEquals(2.0, w.maxAbs(), 1e-7);
        assertEquals(0.5, w.fractionNearZero(), 1e-12);
    }
}
