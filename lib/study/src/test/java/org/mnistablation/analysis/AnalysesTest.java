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
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.model.Mlp;
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

    static RunResult run(Mlp c, History h, double testAcc) {
        return new RunResult(c.config(), "synthetic", h, new float[0], new Evaluation(0.1, testAcc, new float[0], new int[0]),
                "fused engine", true);
    }

    static SeedSummary seeds(String label, double... valAcc) {
        SeedSummary.Stat acc = SeedSummary.Stat.of(valAcc);
        double[] loss = new double[valAcc.length];
        for (int i = 0; i < loss.length; i++) {
            loss[i] = 1 - valAcc[i];
        }
        return new SeedSummary(label, valAcc.length, acc, SeedSummary.Stat.of(loss), acc);
    }

    @Test
    void rankingNamesTheMeasuredWinnerEitherWay() {
        List<SeedSummary> a = List.of(seeds("A", 0.97), seeds("B", 0.98));
        String s = Findings.ranking("final validation accuracy", a, SeedSummary::valAccuracy, false, true);
        assertTrue(s.startsWith("Highest final validation accuracy: **B** (98.00%), then A (97.00%)."), s);
        assertTrue(s.contains("One seed per setting"), s);
        String l = Findings.ranking("final validation loss", a, SeedSummary::valLoss, true, false);
        assertTrue(l.startsWith("Lowest final validation loss: **B** (0.0200)"), l);
    }

    @Test
    void aLeadIsOnlyCalledRealWhenTheIntervalsSeparate() {
        List<SeedSummary> overlapping = List.of(seeds("A", 0.978, 0.980, 0.982), seeds("B", 0.977, 0.979, 0.981));
        String s = Findings.ranking("final validation accuracy", overlapping, SeedSummary::valAccuracy, false, true);
        assertTrue(s.contains("Highest mean final validation accuracy (3 seeds): **A** (98.00% ± 0.20)"), s);
        assertTrue(s.contains("indistinguishable"), s);
        List<SeedSummary> apart = List.of(seeds("A", 0.978, 0.980, 0.982), seeds("B", 0.960, 0.962, 0.964));
        String f = Findings.ranking("final validation accuracy", apart, SeedSummary::valAccuracy, false, true);
        assertTrue(f.contains("do not overlap") && !f.contains("indistinguishable"), f);
    }

    @Test
    void identicalResultsAreCalledATie() {
        List<SeedSummary> same = List.of(seeds("A", 0.97, 0.98), seeds("B", 0.97, 0.98));
        String s = Findings.ranking("test accuracy", same, SeedSummary::testAccuracy, false, true);
        assertTrue(s.contains("are tied") && !s.contains("indistinguishable"), s);
    }

    @Test
    void statIsMeanAndSampleStandardDeviation() {
        SeedSummary.Stat s = SeedSummary.Stat.of(new double[]{1, 2, 3});
        assertEquals(2.0, s.mean(), 1e-12);
        assertEquals(1.0, s.std(), 1e-12);
        assertTrue(Double.isNaN(SeedSummary.Stat.of(new double[]{1}).std()));
        assertFalse(SeedSummary.Stat.of(new double[]{1}).separatedFrom(SeedSummary.Stat.of(new double[]{5})),
                "one seed never separates");
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
        Mlp c = Mlp.baseline();
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        runs.put("dropout 0", List.of(run(c, history(new double[]{0.02}, new double[]{0.08}, new double[]{0.97}), 0.97)));
        runs.put("dropout 0.3", List.of(run(c.withDropout(0.3), history(new double[]{0.06}, new double[]{0.07}, new double[]{0.98}), 0.98)));
        runs.put("dropout 0.5", List.of(run(c.withDropout(0.5), history(new double[]{0.01}, new double[]{0.09}, new double[]{0.96}), 0.96)));
        String md = DropoutAnalysis.markdown(runs);
        assertTrue(md.contains("dropout 0.3: 0.0100 vs 0.0600 with dropout 0 — narrowed by 0.0500"), md);
        assertTrue(md.contains("dropout 0.5: 0.0800 vs 0.0600 with dropout 0 — not narrowed"), md);
        assertTrue(md.contains("Lowest final validation loss: **dropout 0.3**"), md);
        // the reference is the model with the least dropout, wherever the notebook lists it
        Map<String, List<RunResult>> reordered = new LinkedHashMap<>();
        reordered.put("dropout 0.5", runs.get("dropout 0.5"));
        reordered.put("dropout 0", runs.get("dropout 0"));
        reordered.put("dropout 0.3", runs.get("dropout 0.3"));
        String again = DropoutAnalysis.markdown(reordered);
        assertTrue(again.contains("dropout 0.3: 0.0100 vs 0.0600 with dropout 0 — narrowed by 0.0500"), again);
        assertTrue(again.contains("dropout 0.5: 0.0800 vs 0.0600 with dropout 0 — not narrowed"), again);
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
