package org.mnistablation.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;
import org.mnistablation.data.DatasetSpec;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Mlp;
import org.mnistablation.train.Engine;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.History;

/**
 * Verdicts follow the numbers they are given: reversed data flips them, ties are ties, one seed is not tested,
 * Holm's adjustment over the family can move a borderline verdict, and the study's rules refuse validation numbers
 * of validation-chosen epochs and study wall times.
 */
class AnalysisTest {

    static final Measure ACC = new Measure("test accuracy", Unit.PERCENT, Measure.Basis.HELD_OUT, r -> r.test().accuracy());

    /** One run whose test accuracy is {@code acc}; with an EarlyStopping callback when {@code earlyStopping}. */
    static RunResult run(double acc, long seed, boolean earlyStopping) {
        Mlp m = Mlp.baseline().withEpochs(3).withSeed(seed);
        if (earlyStopping) {
            m = m.withEarlyStopping(EarlyStopping.create().patience(1).restoreBestWeights(true));
        }
        List<EpochStats> e = List.of(new EpochStats(1, 0.3, 0.9, 0.20, 0.95, 1), new EpochStats(2, 0.2, 0.93, 0.15, 0.96, 1),
                new EpochStats(3, 0.1, 0.95, 0.17, 0.97, 1));
        return new RunResult(m.config(), "synthetic", new History(e, 2, false, earlyStopping), new float[0],
                new Evaluation(0.1, acc, new float[0], new int[0]), Engine.FUSED.chosen(), true);
    }

    static Setting setting(String label, boolean earlyStopping, double... acc) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < acc.length; i++) {
            runs.add(run(acc[i], 42 + i, earlyStopping));
        }
        return new Setting(label, runs);
    }

    static Setting setting(String label, double... acc) {
        return setting(label, false, acc);
    }

    static Claim.Direction higher(Setting a, Setting b) {
        return new Claim.Direction(ACC, Stats.Verdict.HIGHER, List.of(new Claim.Pair(a, b)));
    }

    static Outcome outcome(Setting a, Setting b, Claim claim) {
        return new Analysis("t", List.of(a, b)).answer("Q1", claim).evaluate().answers().get(0).outcome();
    }

    static final double[] HIGH = {0.980, 0.982, 0.979, 0.981, 0.983};
    static final double[] LOW = {0.970, 0.971, 0.969, 0.972, 0.968};

    @Test
    void aClaimThatHoldsIsYesAndReversedDataMakeItNo() {
        Setting gelu = setting("gelu", HIGH);
        Setting relu = setting("relu", LOW);
        assertEquals(Outcome.YES, outcome(gelu, relu, higher(gelu, relu)));
        Setting geluLow = setting("gelu", LOW);
        Setting reluHigh = setting("relu", HIGH);
        assertEquals(Outcome.NO, outcome(geluLow, reluHigh, higher(geluLow, reluHigh)));
    }

    @Test
    void overlappingSamplesAreNotShownAndIdenticalOnesAreATie() {
        Setting a = setting("a", 0.975, 0.980, 0.970, 0.985, 0.972);
        Setting b = setting("b", 0.976, 0.979, 0.971, 0.984, 0.973);
        assertEquals(Outcome.NOT_SHOWN, outcome(a, b, higher(a, b)));
        Setting c = setting("c", HIGH);
        Setting d = setting("d", HIGH);
        Analysis.Result r = new Analysis("t", List.of(c, d)).answer("Q1", new Claim.Best(ACC, true, List.of(c, d))).evaluate();
        assertEquals(Stats.Verdict.TIE, r.family().get(0).verdict());
        assertEquals(2, r.answers().get(0).leaders().size(), "a tie shares the lead");
        assertEquals(Outcome.NOT_SHOWN, outcome(c, d, higher(c, d)));
    }

    @Test
    void oneSeedIsNotTested() {
        Setting a = setting("a", 0.99);
        Setting b = setting("b", 0.90);
        assertEquals(Outcome.UNTESTED, outcome(a, b, higher(a, b)));
    }

    @Test
    void aDifferenceOfTheSameSizeInEverySeedIsDecidedPairedBySeed() {
        Setting a = setting("a", 0.971, 0.975, 0.980, 0.969, 0.990);
        Setting b = setting("b", 0.970, 0.974, 0.979, 0.968, 0.989);
        Analysis.Result r = new Analysis("t", List.of(a, b)).answer("Q1", higher(a, b)).evaluate();
        assertTrue(r.family().get(0).test().constantShift());
        assertEquals(Outcome.YES, r.answers().get(0).outcome());
    }

    @Test
    void someOfSeveralPartsHoldingIsPartly() {
        Setting ref = setting("ref", LOW);
        Setting up = setting("up", HIGH);
        Setting same = setting("same", 0.971, 0.969, 0.970, 0.972, 0.968);
        Claim.Direction both = new Claim.Direction(ACC, Stats.Verdict.HIGHER,
                List.of(new Claim.Pair(up, ref), new Claim.Pair(same, ref)));
        assertEquals(Outcome.PARTLY, new Analysis("t", List.of(ref, up, same)).answer("Q1", both).evaluate()
                .answers().get(0).outcome());
    }

    @Test
    void holmOverTheFamilyMovesABorderlineVerdict() {
        Setting a = setting("a", 0.975, 0.978, 0.972, 0.977, 0.976);
        Setting b = setting("b", 0.9715, 0.9745, 0.9705, 0.9735, 0.9725);
        Comparison alone = Comparison.of(ACC, a, b);
        assertTrue(alone.test().p() < 0.05 && alone.test().p() > 0.0125, "borderline p, got " + alone.test().p());
        assertEquals(Outcome.YES, outcome(a, b, higher(a, b)));
        // three more comparisons in the same analysis: Holm multiplies the smallest p by 4
        Analysis big = new Analysis("t", List.of(a, b)).answer("Q1", higher(a, b));
        for (int i = 0; i < 3; i++) {
            Setting x = setting("x" + i, 0.975, 0.970, 0.980, 0.972, 0.978);
            Setting y = setting("y" + i, 0.974, 0.979, 0.971, 0.976, 0.973);
            big.detail(higher(x, y));
        }
        Analysis.Result r = big.evaluate();
        assertEquals(Outcome.NOT_SHOWN, r.answers().get(0).outcome());
        assertEquals(4, r.family().size());
    }

    @Test
    void holmAdjustsAsTheTextbookSays() {
        assertArrayEquals(new double[]{0.03, 0.06, 0.06}, Holm.adjust(new double[]{0.01, 0.04, 0.03}), 1e-12);
        assertArrayEquals(new double[]{1.0}, Holm.adjust(new double[]{1.0}), 0);
    }

    @Test
    void validationNumbersOfValidationChosenEpochsAreRefused() {
        Measure keptValLoss = new Measure("val_loss of the kept epoch", Unit.LOSS, Measure.Basis.VALIDATION_CHOSEN,
                r -> r.history().kept().valLoss());
        Setting es = setting("early stopped", true, HIGH);
        Setting plain = setting("plain", false, LOW);
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(keptValLoss, es, plain));
        assertThrows(IllegalArgumentException.class, () -> new Analysis("t", List.of(es, plain))
                .answer("Q1", new Claim.Best(keptValLoss, false, List.of(es, plain))).evaluate());
        Setting plain2 = setting("plain 2", false, HIGH);
        Comparison.of(keptValLoss, plain, plain2); // no epoch chosen on validation: allowed
        Measure wall = new Measure("study s/epoch", Unit.SECONDS, Measure.Basis.SHOWN_ONLY, r -> 1.0);
        assertThrows(IllegalArgumentException.class, () -> Comparison.of(wall, plain, plain2));
    }

    @Test
    void aRankingNamesTheLeaderOrTheSettingsThatShareTheLead() {
        Setting top = setting("top", HIGH);
        Setting low = setting("low", LOW);
        Setting near = setting("near", 0.981, 0.979, 0.982, 0.980, 0.984);
        Analysis.Result clear = new Analysis("t", List.of(top, low)).answer("Q1", new Claim.Best(ACC, true, List.of(low, top))).evaluate();
        assertEquals(List.of("top"), clear.answers().get(0).leaders().stream().map(Setting::label).toList());
        Analysis.Result reversed = new Analysis("t", List.of(top, low)).answer("Q1", new Claim.Best(ACC, false, List.of(low, top))).evaluate();
        assertEquals(List.of("low"), reversed.answers().get(0).leaders().stream().map(Setting::label).toList());
        Analysis.Result shared = new Analysis("t", List.of(top, near, low))
                .answer("Q1", new Claim.Best(ACC, true, List.of(top, near, low))).evaluate();
        assertEquals(2, shared.answers().get(0).leaders().size());
    }

    @Test
    void theRendererPutsTheQuestionThenTheVerdictThenTheNumbers() {
        Setting gelu = setting("gelu", HIGH);
        Setting relu = setting("relu", LOW);
        Analysis.Result r = new Analysis("Task", List.of(gelu, relu)).columns(ACC)
                .answer("Q1", higher(gelu, relu)).answer("Q2", new Claim.NotMeasured("no perturbed inputs")).evaluate();
        Context ctx = new Context(DatasetSpec.MNIST, "synthetic", 55_000, 5_000, 10_000, "test machine");
        String md = Renderer.document(r, ctx, Map.of("Q1", "Does gelu beat relu?"), Renderer.Voice.ANSWERS, "");
        int question = md.indexOf("Does gelu beat relu?");
        int verdict = md.indexOf("Yes.", question);
        int number = md.indexOf(Unit.PERCENT.value(r.family().get(0).sampleA().mean()), verdict);
        assertTrue(question > 0 && verdict > question && number > verdict, md);
        assertTrue(md.toLowerCase().indexOf("no perturbed inputs") > number, "unmeasured parts carry the notebook's reason");
        assertTrue(md.indexOf("## Results") > md.indexOf("## Answers"), "answers come first");
        String claims = Renderer.document(r, ctx, Map.of(), Renderer.Voice.CLAIMS, "");
        assertTrue(claims.contains("supported") && claims.contains("not measured"), claims);
    }
}
