package org.mnistablation.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.DatasetSpec;
import org.mnistablation.model.Activation;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.Optimizer;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.History;

/**
 * The generated findings must follow the numbers they are given, whichever way they point: synthetic results where
 * the textbook expectation is reversed, exact ties, a single seed, a run stopped at epoch 1.
 */
class AnalysesTest {

    static final Context MNIST = new Context(DatasetSpec.MNIST, "mnist-test", 55_000, 5_000, 10_000, "test machine");
    static final Context FASHION = new Context(DatasetSpec.FASHION_MNIST, "fashion-mnist-test", 5_000, 1_000, 2_000, "test machine");

    /** A history whose best epoch is the lowest val_loss. */
    static History history(double[] loss, double[] valLoss, double[] valAcc, boolean restore, boolean stopped, double seconds) {
        List<EpochStats> e = new ArrayList<>();
        int best = 0;
        for (int i = 0; i < loss.length; i++) {
            e.add(new EpochStats(i + 1, loss[i], 0.9, valLoss[i], valAcc[i], seconds));
            if (valLoss[i] < valLoss[best]) {
                best = i;
            }
        }
        return new History(e, best + 1, stopped, restore);
    }

    static History history(double[] loss, double[] valLoss, double[] valAcc) {
        return history(loss, valLoss, valAcc, false, false, 2.0);
    }

    static RunResult run(Mlp c, History h, double testAcc) {
        return new RunResult(c.config(), "synthetic", h, new float[0], new Evaluation(0.1, testAcc, new float[0], new int[0]),
                "fused engine", true);
    }

    /** n seeds of a model: every epoch's numbers shifted by {@code shift}, test accuracy {@code test + jitter}. */
    static List<RunResult> seeds(Mlp c, int n, double valAccShift, double test, double seconds) {
        List<RunResult> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double j = 0.001 * (k - (n - 1) / 2.0);
            int epochs = c.epochs();
            double[] loss = new double[epochs];
            double[] val = new double[epochs];
            double[] acc = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                loss[e] = 0.3 / (e + 1);
                val[e] = 0.2 / (e + 1) + 0.01 + j - valAccShift;
                acc[e] = Math.min(0.999, 0.90 + 0.01 * e + valAccShift + j);
            }
            boolean restore = c.earlyStopping() != null && c.earlyStopping().restoreBestWeights();
            out.add(run(c.withSeed(42 + k), history(loss, val, acc, restore, false, seconds), test + j));
        }
        return out;
    }

    static Map<String, List<RunResult>> map(Object... labelAndRuns) {
        Map<String, List<RunResult>> m = new LinkedHashMap<>();
        for (int i = 0; i < labelAndRuns.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<RunResult> r = (List<RunResult>) labelAndRuns[i + 1];
            m.put((String) labelAndRuns[i], r);
        }
        return m;
    }

    static final EarlyStopping ES = EarlyStopping.create().patience(3).restoreBestWeights(true);

    // ---- statistics ------------------------------------------------------------------------------------------

    @Test
    void studentTQuantilesMatchTables() {
        assertEquals(2.7764, Stats.tQuantile(0.975, 4), 1e-4);
        assertEquals(4.3027, Stats.tQuantile(0.975, 2), 1e-4);
        assertEquals(0.975, Stats.tCdf(2.7764451, 4), 1e-6);
    }

    @Test
    void welchMatchesAKnownExample() {
        // scipy.stats.ttest_ind([1..5], [2,4,6,8,10], equal_var=False): t = -1.8974, df = 5.8824, p = 0.10753
        Stats.Welch w = Stats.welch(Stats.Sample.of(1, 2, 3, 4, 5), Stats.Sample.of(2, 4, 6, 8, 10));
        assertEquals(-1.8973666, w.t(), 1e-6);
        assertEquals(5.8823529, w.df(), 1e-6);
        assertEquals(0.1075312, w.p(), 1e-6);
        assertEquals(Stats.Verdict.INDISTINGUISHABLE, w.verdict());
        assertEquals(Stats.Verdict.LOWER, Stats.welch(Stats.Sample.of(1, 2, 3), Stats.Sample.of(11, 12, 13)).verdict());
    }

    @Test
    void intervalIsStudentT() {
        Stats.Sample s = Stats.Sample.of(1, 2, 3, 4, 5);
        assertEquals(2.7764451 * Math.sqrt(2.5) / Math.sqrt(5), s.halfWidth95(), 1e-6);
        assertTrue(Double.isNaN(Stats.Sample.of(1).halfWidth95()));
        assertEquals(0.00198, Stats.binomialSe(0.98, 5000), 1e-5);
    }

    @Test
    void tiesSingleSeedsAndSeparatedResultsAreNamedAsSuch() {
        Stats.Sample a = Stats.Sample.of(0.97, 0.98);
        assertEquals(Stats.Verdict.TIE, Stats.welch(a, Stats.Sample.of(0.97, 0.98)).verdict());
        assertEquals(Stats.Verdict.UNTESTED, Stats.welch(Stats.Sample.of(0.97), Stats.Sample.of(0.99)).verdict());
        String tie = Findings.versus("test accuracy", "A", a, "B", Stats.Sample.of(0.97, 0.98), Unit.PERCENT);
        assertTrue(tie.contains("a tie") && !tie.contains("higher") && !tie.contains("lower"), tie);
        String one = Findings.versus("test accuracy", "A", Stats.Sample.of(0.99), "B", Stats.Sample.of(0.97), Unit.PERCENT);
        assertTrue(one.contains("no test is possible") && !one.contains("A is higher"), one);
    }

    @Test
    void aDifferenceThatIsTheSameInEverySeedIsCalledWithoutATest() {
        Stats.Welch w = Stats.welch(Stats.Sample.of(15, 13, 13), Stats.Sample.of(13, 11, 11));
        assertTrue(w.constantShift());
        assertEquals(Stats.Verdict.HIGHER, w.verdict());
        String s = Findings.versus("epochs run", "patience 5", Stats.Sample.of(15, 13, 13), "patience 3", Stats.Sample.of(13, 11, 11), Unit.EPOCHS);
        assertTrue(s.contains("+2.0 epochs in every one of the 3 seeds") && s.contains("patience 5 is higher"), s);
        assertFalse(Stats.welch(Stats.Sample.of(15, 14, 13), Stats.Sample.of(13, 11, 11)).constantShift());
    }

    @Test
    void rankingNeverCallsATieALead() {
        Mlp m = Mlp.baseline();
        List<Setting> s = Analyses.settings(map("A", seeds(m, 5, 0, 0.97, 1), "B", seeds(m.withBatchSize(64), 5, 0, 0.97, 1)));
        String r = Findings.ranking("test accuracy", s, Setting::testAccuracy, true, Unit.PERCENT);
        assertTrue(r.contains("Tied with A") && !r.contains("Lower than"), r);
    }

    // ---- reversed expectations -----------------------------------------------------------------------------

    @Test
    void geluBeatingReluIsReportedAndReluIsNotCalledBest() {
        Mlp m = Mlp.baseline().withDropout(0.1).withEarlyStopping(ES);
        Map<String, List<RunResult>> runs = map(
                "relu", seeds(m, 5, 0, 0.970, 2.0),
                "gelu", seeds(m.withActivation(Activation.GELU), 5, 0.02, 0.980, 1.0));
        String md = ActivationAnalysis.markdown(runs, "relu", MNIST, Map.of());
        assertTrue(md.contains("gelu vs relu, test accuracy: +1.00 pp") && md.contains("gelu is higher"), md);
        assertTrue(md.contains("higher than relu: gelu"), md);
        assertTrue(md.contains("do not support preferring relu"), md);
        assertTrue(md.contains("gelu vs relu, seconds per epoch: −1.00 s") && md.contains("gelu is lower"), md);
        assertFalse(md.contains("also gave the best"), md);
    }

    @Test
    void sgdBeatingAdamIsReported() {
        Mlp m = Mlp.baseline().withDropout(0.1).withEarlyStopping(ES);
        Map<String, Map<String, List<RunResult>>> tasks = new LinkedHashMap<>();
        Map<String, List<RunResult>> runs = map(
                "SGD", seeds(m.withOptimizer(Optimizer.sgd()), 5, 0.03, 0.98, 1),
                "Adam", seeds(m, 5, 0, 0.97, 1),
                "AdamW", seeds(m.withOptimizer(Optimizer.adamW().weightDecay(0.01)), 5, 0, 0.97, 1));
        String md = OptimizerAnalysis.markdown(runs, MNIST, Map.of());
        assertTrue(md.contains("0 of the 2 adaptive optimizers are ahead") && md.contains("do not show adaptive methods getting ahead"), md);
        assertFalse(md.contains("here the adaptive methods started faster"), md);
        tasks.put("Task07_Optimizers", runs);
        Claims.Check c = Claims.check(tasks, Map.of()).stream().filter(x -> x.claim().startsWith("Adam and AdamW")).findFirst().orElseThrow();
        assertEquals(Claims.Verdict.CONTRADICTED, c.verdict(), c.evidence());
    }

    @Test
    void fiveEpochsBeatingTwentyIsReportedAndOverfittingIsNotClaimed() {
        Mlp m = Mlp.baseline();
        List<RunResult> five = seeds(m.withEpochs(5), 5, 0, 0.985, 1);
        List<RunResult> twenty = seeds(m.withEpochs(20), 5, 0, 0.975, 1); // val_loss keeps falling in every seed
        Map<String, List<RunResult>> runs = map("5 epochs", five, "20 epochs", twenty);
        String md = EpochsAnalysis.markdown(runs, MNIST);
        assertTrue(md.contains("**5 epochs**") && md.contains("Lower than 5 epochs (p < 0.05): 20 epochs"), md);
        assertTrue(md.contains("test for overfitting") && md.contains("is not met"), md);
        assertTrue(md.contains("in every seed it was still at its lowest in the last epoch"), md);
        Map<String, Map<String, List<RunResult>>> tasks = new LinkedHashMap<>();
        tasks.put("Task03_Epochs", runs);
        Claims.Check c = Claims.check(tasks, Map.of()).get(0);
        assertEquals(Claims.Verdict.CONTRADICTED, c.verdict(), c.evidence()); // 20 epochs end with the lower val_loss
    }

    @Test
    void identicalPatiencesAreATieNotALead() {
        Mlp m = Mlp.baseline().withEpochs(20);
        List<RunResult> p3 = seeds(m.withEarlyStopping(ES), 3, 0, 0.977, 1);
        List<RunResult> p5 = new ArrayList<>();
        for (RunResult r : p3) {
            p5.add(new RunResult(r.config().withEarlyStopping(EarlyStopping.create().patience(5).restoreBestWeights(true)),
                    r.dataIdentity(), r.history(), r.parameters(), r.test(), r.engine(), true));
        }
        String md = EarlyStoppingAnalysis.markdown(map("patience 3", p3, "patience 5", p5), MNIST);
        assertTrue(md.contains("kept a different epoch in 0 of 3 seeds") && md.contains("can only tie"), md);
        assertTrue(md.contains("patience 5 vs patience 3, test accuracy: identical in every seed") && md.contains("a tie"), md);
        assertTrue(md.contains("val_loss and val_accuracy are those of the kept epoch"), md);
        Map<String, Map<String, List<RunResult>>> tasks = new LinkedHashMap<>();
        tasks.put("Task04_EarlyStopping", map("patience 3", p3, "patience 5", p5));
        String summary = SummaryAnalysis.markdown(tasks, MNIST, Map.of());
        assertFalse(summary.contains("leads"), summary);
        assertTrue(summary.contains("Tied with"), summary);
    }

    @Test
    void earlyStoppingWithSgdAndWithoutTheCallbackAreReadFromTheConfigsAndReportedEitherWay() {
        Mlp m = Mlp.baseline().withEpochs(20);
        List<RunResult> adam = seeds(m.withEarlyStopping(ES), 3, 0, 0.975, 1);          // runs all 20 epochs
        List<RunResult> sgd = new ArrayList<>();
        for (int k = 0; k < 3; k++) {                                                      // SGD stops early, at epoch 4
            History h = history(new double[]{0.3, 0.2, 0.1, 0.05}, new double[]{0.10 + 0.001 * k, 0.11, 0.12, 0.13},
                    new double[]{0.96, 0.95, 0.95, 0.94}, true, true, 1.0);
            sgd.add(run(m.withEarlyStopping(ES).withOptimizer(Optimizer.sgd()).withSeed(42 + k), h, 0.96 + 0.001 * k));
        }
        List<RunResult> none = seeds(m, 3, 0, 0.985, 1);                                  // no callback, better on test
        String md = EarlyStoppingAnalysis.markdown(map("ES Adam", adam, "ES SGD", sgd, "no callback", none), MNIST);
        assertTrue(md.contains("With SGD (ES SGD) early stopping ended training before epoch 20 in 3 of 3 seeds, with Adam (ES Adam) in 0 of 3."), md);
        assertTrue(md.contains("ES SGD vs ES Adam, epoch of the lowest val_loss") && md.contains("ES SGD is lower"), md);
        assertTrue(md.contains("ES Adam vs no callback, test accuracy: −1.00 pp") && md.contains("ES Adam is lower"), md);
        assertFalse(md.contains("acted as a regulariser here"), md);
    }

    @Test
    void aRunStoppedAtEpochOneKeepsEpochOne() {
        Mlp m = Mlp.baseline().withEpochs(20).withEarlyStopping(ES);
        History h = history(new double[]{0.3, 0.2, 0.1, 0.05}, new double[]{0.10, 0.11, 0.12, 0.13},
                new double[]{0.96, 0.95, 0.95, 0.94}, true, true, 1.0);
        String md = EarlyStoppingAnalysis.markdown(map("patience 3", List.of(run(m, h, 0.96))), MNIST);
        assertTrue(md.contains("epochs run 4 of 20 (stopped early in 1 of 1 seeds); kept epoch 1 (best val_loss, restored)"), md);
        String trace = EarlyStoppingAnalysis.trace(h, 3).toString();
        assertTrue(trace.split("\n")[2].contains("new best") && trace.split("\n")[5].contains("stop"), trace);
    }

    @Test
    void aSingleSeedIsNeverCalledBetter() {
        Mlp m = Mlp.baseline().withEarlyStopping(ES);
        Map<String, List<RunResult>> runs = map("dropout 0", seeds(m, 1, 0, 0.97, 1),
                "dropout 0.3", seeds(m.withDropout(0.3), 1, 0.01, 0.99, 1));
        String md = DropoutAnalysis.markdown(runs, MNIST);
        assertTrue(md.contains("nothing is tested") && md.contains("no test is possible"), md);
        assertFalse(md.contains("is higher") || md.contains("is lower") || md.contains("narrowed"), md);
        assertTrue(md.contains("One seed per setting"), md);
    }

    @Test
    void l2ThatDoesNotShrinkWeightsIsReportedAsSuch() {
        Mlp m = Mlp.baseline().withUnits(2).withDropout(0.1).withEarlyStopping(ES);
        // the larger λ gets the larger weights here: the opposite of the textbook
        Map<String, List<RunResult>> runs = map("L2 1e-4", weighted(m.withL2(1e-4), 0.1), "L2 1e-2", weighted(m.withL2(1e-2), 0.5));
        String md = L2Analysis.markdown(runs, MNIST);
        assertTrue(md.contains("does not fall significantly at every step of λ") && md.contains(": L2 1e-4 → L2 1e-2 (higher)"), md);
        Map<String, Map<String, List<RunResult>>> tasks = new LinkedHashMap<>();
        tasks.put("Task06_L2", runs);
        Claims.Check c = Claims.check(tasks, Map.of()).stream().filter(x -> x.claim().startsWith("Increasing L2")).findFirst().orElseThrow();
        assertEquals(Claims.Verdict.CONTRADICTED, c.verdict(), c.evidence());
    }

    static List<RunResult> weighted(Mlp m, double scale) {
        List<RunResult> out = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Random rnd = new Random(k);
            float[] p = new float[(int) m.model().parameterCount()];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (scale * rnd.nextGaussian());
            }
            History h = history(new double[]{0.3, 0.2}, new double[]{0.2, 0.1}, new double[]{0.95, 0.96}, true, false, 1);
            out.add(new RunResult(m.withSeed(42 + k).config(), "synthetic", h, p, new Evaluation(0.1, 0.96, new float[0], new int[0]),
                    "fused engine", true));
        }
        return out;
    }

    // ---- wording from the dataset and the run ---------------------------------------------------------------

    @Test
    void fashionMnistPredictionsUseItsClassNames() {
        float[] p = new float[40];
        p[0] = 0.9f;
        p[10 + 6] = 0.99f;
        p[20 + 2] = 0.6f;
        p[30 + 8] = 0.7f;
        Predictions pr = new Predictions(new Evaluation(0.5, 0.5, p, new int[]{0, 6, 2, 8}), new int[]{0, 1, 2, 3});
        WeightMotion allLit = WeightMotion.of(new float[][]{{0.1f}}, new float[][]{{0.2f}}, new boolean[]{true});
        String md = pr.markdown("model", FASHION, null, allLit);
        assertTrue(md.contains("every pixel is lit in some training image") && !md.contains("NaN"), md);
        assertTrue(md.contains("true class Trouser predicted as Shirt"), md);
        assertFalse(md.toLowerCase().contains("digit"), md);
        assertTrue(md.contains("1 of the 2 mistakes were made with more than 90 % confidence"), md);
    }

    @Test
    void countsComeFromTheRun() {
        Mlp m = Mlp.baseline().withEarlyStopping(ES);
        String md = DropoutAnalysis.markdown(map("dropout 0", seeds(m, 2, 0, 0.97, 1), "dropout 0.1", seeds(m.withDropout(0.1), 2, 0, 0.97, 1)), FASHION);
        assertTrue(md.contains("5,000 training, 1,000 validation and 2,000 test images") && md.contains("Fashion-MNIST"), md);
        assertFalse(md.contains("55,000") || md.contains("10,000"), md);
    }

    @Test
    void summaryListsASharedModelOnceAndRanksOnTest() {
        Mlp m = Mlp.baseline().withEarlyStopping(ES);
        List<RunResult> plain = seeds(m, 3, 0, 0.970, 1);
        Map<String, Map<String, List<RunResult>>> tasks = new LinkedHashMap<>();
        // validation favours "dropout 0.3", test favours "dropout 0"
        tasks.put("Task05_Dropout", map("dropout 0", plain, "dropout 0.3", seeds(m.withDropout(0.3), 3, 0.05, 0.960, 1)));
        tasks.put("Task10_Weights", map("plain", plain));
        assertEquals(2, SummaryAnalysis.distinct(tasks).size());
        String md = SummaryAnalysis.markdown(tasks, MNIST, Map.of());
        assertTrue(md.contains("| 1 | Task05 dropout 0 = Task10 plain |"), md);
        assertTrue(md.contains("Highest mean test accuracy: **Task05 dropout 0 = Task10 plain**"), md);
    }

    @Test
    void hiddenActivityMeasuresReluActivity() {
        Mlp m = Mlp.baseline().withUnits(2);
        float[] p = new float[(int) m.model().parameterCount()];
        p[0] = 1f;      // unit 0 reads pixel 0 with weight +1
        p[784] = -1f;   // unit 1 reads pixel 0 with weight -1
        RunResult r = run(m, history(new double[]{0.1}, new double[]{0.1}, new double[]{0.9}), 0.9);
        r = new RunResult(r.config(), r.dataIdentity(), r.history(), p, r.test(), r.engine(), true);
        float[] images = new float[2 * 784];
        images[0] = 1f;
        images[784] = 1f;
        HiddenActivity a = HiddenActivity.of(r, images, 784, 2);
        assertEquals(0.5, a.sharePositive(), 1e-12);
        assertEquals(0.5, a.meanDerivative(), 1e-12);
        assertEquals(0.5, a.shareFlat(), 1e-12);
        // Φ(1) + φ(1) for the exact GELU; 1 − tanh²(1); 1/(1+1)² for softsign
        assertEquals(0.8413447 + 0.2419707, HiddenActivity.derivative(Activation.GELU, 1), 1e-6);
        assertEquals(1 - Math.pow(Math.tanh(1), 2), HiddenActivity.derivative(Activation.TANH, 1), 1e-12);
        assertEquals(0.25, HiddenActivity.derivative(Activation.SOFTSIGN, -1), 1e-12);
    }

    @Test
    void weightMotionSeparatesNeverLitPixels() {
        float[][] init = {{0.1f, 0.2f}, {0.3f, 0.4f}};
        float[][] trained = {{0.1f, 0.2f}, {0.5f, 0.4f}};
        WeightMotion w = WeightMotion.of(init, trained, new boolean[]{false, true});
        assertEquals(1.0, w.shareUnmovedDead(), 1e-12);
        assertEquals(0.1, w.meanMoveLive(), 1e-6);
        assertTrue(WeightMotion.everLit(new float[]{0, 1, 0, 0}, 2)[1]);
        assertFalse(WeightMotion.everLit(new float[]{0, 1, 0, 0}, 2)[0]);
    }

    @Test
    void earlyStoppingTraceCountsPatienceLikeKeras() {
        History h = history(new double[]{0.3, 0.2, 0.1, 0.05, 0.03}, new double[]{0.10, 0.08, 0.09, 0.095, 0.1},
                new double[]{.96, .97, .97, .97, .97});
        String[] rows = EarlyStoppingAnalysis.trace(h, 3).toString().split("\n");
        assertTrue(rows[3].contains("new best"), rows[3]);
        assertTrue(rows[4].contains("no improvement (1/3)"), rows[4]);
        assertTrue(rows[6].contains("stop"), rows[6]);
    }

    @Test
    void predictionsCountConfusionsAndConfidentMistakes() {
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
        assertTrue(pr.markdown("model", MNIST, null, null).contains("true class 1 predicted as 7"));
    }
}
