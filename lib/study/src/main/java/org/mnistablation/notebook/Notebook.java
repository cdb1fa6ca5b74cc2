package org.mnistablation.notebook;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnistablation.analysis.Claim;
import org.mnistablation.analysis.Context;
import org.mnistablation.analysis.Measure;
import org.mnistablation.analysis.Renderer;
import org.mnistablation.analysis.RunMeasures;
import org.mnistablation.analysis.Stats;
import org.mnistablation.analysis.Unit;
import org.mnistablation.data.DatasetSpec;
import org.mnistablation.train.EpochStats;
import org.mnistablation.analysis.CustomDigitAnalysis;
import org.mnistablation.analysis.OverviewAnalysis;
import org.mnistablation.analysis.Predictions;
import org.mnistablation.analysis.SummaryAnalysis;
import org.mnistablation.analysis.WeightStats;
import org.mnistablation.cache.RecordedTask;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.L2;
import org.mnistablation.model.Layer;
import org.mnistablation.model.Optimizer;
import org.mnistablation.measure.GradientFlow;
import org.mnistablation.measure.GradientNoise;
import org.mnistablation.measure.MeasureFigures;
import org.mnistablation.measure.Perturbation;
import org.mnistablation.measure.Robustness;
import org.mnistablation.measure.Sharpness;
import org.mnistablation.measure.StudyMeasures;
import org.mnistablation.plot.Bars;
import org.mnistablation.plot.Curves;
import org.mnistablation.plot.Pictures;
import org.mnistablation.report.Tables;
import org.mnistablation.study.CustomPredictions;
import org.mnistablation.study.OutputLayout;
import org.mnistablation.study.Views;
import org.mnistablation.train.History;
import tech.tablesaw.api.Table;

/**
 * The vocabulary of the notebooks, brought in by one line: {@code import static org.mnistablation.notebook.Notebook.*;}.
 * The model cells read like the seed's Keras cells — {@link #Sequential}, {@link #Flatten}, {@link #Dense},
 * {@link #Dropout}, {@link #l2}, {@link #SGD}, {@link #Adam}, {@link #AdamW}, {@link #EarlyStopping}, and the
 * {@code fit} arguments {@link #epochs}, {@link #batchSize}, {@link #validationData}, {@link #callbacks}; the rest are
 * the figures, tables and analyses the notebooks show, each saved where the study keeps it ({@code results/},
 * {@code submission/}). Everything here delegates to the helper jar's packages; nothing is computed twice.
 */
public final class Notebook {

    private Notebook() {
    }

    // ---- set-up ------------------------------------------------------------------------------------------------

    /**
     * Starts a task notebook: names it (its analysis goes to {@code submission/<task>.md}, its loss curves to
     * {@code results/loss_curves/<task prefix>_…}) and returns the study's data split, printing what was loaded.
     */
    public static StudySplit task(String name) {
        Session study = Session.current();
        study.runs().task(name);
        System.out.println(name + ": " + study.dataset() + ", " + study.mode().label() + " mode — " + study.data().shapes()
                + "; each fit trains seeds " + study.seeds() + " (STUDY_SEEDS overrides)");
        return study.data();
    }

    // ---- the model, Keras-style -------------------------------------------------------------------------------

    /** Keras's {@code Sequential([...], name=...)}: the name labels the model's curves and table rows. */
    public static Sequential Sequential(String name, Layer... layers) {
        return new Sequential(name, layers);
    }

    /** Keras's {@code Flatten(input_shape=(height, width))}. */
    public static Flatten Flatten(int height, int width) {
        return new Flatten(height, width);
    }

    /** Keras's {@code Dense(units, activation=...)}; {@code .kernelRegularizer(l2(λ))} adds an L2 penalty. */
    public static Dense Dense(int units, String activation) {
        return new Dense(units, Activation.fromName(activation));
    }

    /** Keras's {@code Dropout(rate)}: rate is the probability of dropping a value. */
    public static Dropout Dropout(double rate) {
        return new Dropout(rate);
    }

    /** Keras's {@code regularizers.l2(λ)}. */
    public static L2 l2(double lambda) {
        return new L2(lambda);
    }

    /** Keras's {@code SGD()} (learning rate 0.01); {@code .learningRate(…)}, {@code .momentum(…)} change it. */
    public static Optimizer SGD() {
        return Optimizer.sgd();
    }

    /** Keras's {@code Adam()} (learning rate 1e-3, ε 1e-7). */
    public static Optimizer Adam() {
        return Optimizer.adam();
    }

    /** Keras's {@code AdamW()} (learning rate 1e-3, weight decay 0.004); {@code .weightDecay(…)} changes it. */
    public static Optimizer AdamW() {
        return Optimizer.adamW();
    }

    /** Keras's {@code EarlyStopping()} (monitor val_loss, patience 0); {@code .patience(3).restoreBestWeights(true)}. */
    public static EarlyStopping EarlyStopping() {
        return EarlyStopping.create();
    }

    /** {@code fit}'s {@code epochs=}. */
    public static FitOption epochs(int epochs) {
        return new FitOption.Epochs(epochs);
    }

    /** {@code fit}'s {@code batch_size=}. */
    public static FitOption batchSize(int batchSize) {
        return new FitOption.BatchSize(batchSize);
    }

    /** {@code fit}'s {@code validation_data=}. */
    public static FitOption validationData(LabeledImages validation) {
        return new FitOption.ValidationData(validation);
    }

    /** {@code fit}'s {@code callbacks=[...]}. */
    public static FitOption callbacks(EarlyStopping... callbacks) {
        return new FitOption.Callbacks(List.of(callbacks));
    }

    /** The seeds to train with (one run each), instead of the study's. */
    public static FitOption seeds(long... seeds) {
        if (seeds.length == 0) {
            throw new IllegalArgumentException("seeds(...) needs at least one seed");
        }
        return new FitOption.Seeds(Arrays.stream(seeds).boxed().toList());
    }

    // ---- figures ----------------------------------------------------------------------------------------------

    /**
     * The seed's two-panel figure (loss and accuracy per epoch, training dashed, validation solid) of the first seed's
     * run, titled with the model's name and layer widths, saved as {@code results/loss_curves/<task prefix>_<name>.png}.
     */
    public static BufferedImage plotHistory(Setting fit) {
        Session study = Session.current();
        BufferedImage image = Curves.lossAccuracy(fit.label() + ", " + fit.config().model().sizes() + " (seed "
                + fit.config().seed() + ")", fit.history());
        String prefix = study.task().split("_")[0].toLowerCase(Locale.ROOT);
        return study.figure(image, "loss_curves", prefix + "_" + OutputLayout.slug(fit.label()) + ".png");
    }

    /** Validation (solid) and training (dashed) curves of several fits' first seeds in one figure. */
    public static BufferedImage compareCurves(String title, Setting... fits) {
        Map<String, History> h = new LinkedHashMap<>();
        for (Setting f : fits) {
            h.put(f.label(), f.history());
        }
        return Curves.compare(title, h);
    }

    /** Mean ± one standard deviation over the seeds of each fit's validation curves. */
    public static BufferedImage compareSeeds(String title, Setting... fits) {
        Map<String, List<History>> h = new LinkedHashMap<>();
        for (Setting f : fits) {
            h.put(f.label(), f.runs().stream().map(RunResult::history).toList());
        }
        return Curves.compareSeeds(title, h);
    }

    /** Histograms of each fit's first-layer kernel (first seed). */
    public static BufferedImage weightHistograms(String title, Setting... fits) {
        return Bars.histogram(title, "weight", kernels(fits), 80);
    }

    /** The Frobenius norm of each fit's first-layer kernel (first seed), as bars. */
    public static BufferedImage weightNorms(String title, Setting... fits) {
        Map<String, Double> norms = new LinkedHashMap<>();
        kernels(fits).forEach((label, w) -> norms.put(label, WeightStats.of(w).norm()));
        return Bars.bar(title, "‖W‖", norms);
    }

    /** The incoming weights of the first {@code count} units of the first layer, each as a 28×28 image. */
    public static BufferedImage unitImages(Setting fit, int count) {
        return Pictures.weightImages("First-layer units: " + fit.label(), fit.first().hiddenUnitImages(), count, 12);
    }

    /** Training seconds per epoch of each fit (mean over its seeds), as bars. */
    public static BufferedImage secondsPerEpoch(String title, Setting... fits) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Setting f : fits) {
            seconds.put(f.label(), f.runs().stream().mapToDouble(r -> r.history().epochs().stream()
                    .mapToDouble(EpochStats::seconds).sum() / r.history().epochsRun()).average().orElse(Double.NaN));
        }
        return Bars.bar(title, "seconds", seconds);
    }

    /** Saves {@code image} under {@code results/} (e.g. "comparisons/dropout.png") and returns it, so the cell shows it. */
    public static BufferedImage save(String path, BufferedImage image) {
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1 || !path.endsWith(".png")) {
            throw new IllegalArgumentException("save needs \"<folder>/<name>.png\" under results/, e.g. "
                    + "\"comparisons/dropout.png\"; got \"" + path + "\"");
        }
        return Session.current().figure(image, path.substring(0, slash), path.substring(slash + 1));
    }

    // ---- predictions (Task 01) --------------------------------------------------------------------------------

    /** Test images {@code indices} with the first seed's prediction, confidence and truth (mistakes in red). */
    public static BufferedImage predictionGrid(String title, Setting fit, int[] indices, int columns) {
        return Views.predictionGrid(title, Session.current().data().test(), fit.first(), indices, columns);
    }

    /** The first test image of each class. */
    public static int[] firstOfEachClass() {
        return Views.firstOfEachClass(Session.current().data().test());
    }

    /** {@code count} distinct random test indices, the same ones for the same seed. */
    public static int[] randomTestImages(int count, long seed) {
        return Views.randomIndices(count, Session.current().data().test().count(), seed);
    }

    /** Test image {@code index} next to its softmax probabilities. */
    public static BufferedImage probabilities(Setting fit, int index) {
        return Views.probabilities(Session.current().data().test(), fit.first(), index);
    }

    /** The first seed's test predictions, for counting mistakes and confusions. */
    public static Predictions predictions(Setting fit) {
        return new Predictions(fit.first().test(), Session.current().data().test().labels());
    }

    public static BufferedImage confusionMatrix(Setting fit) {
        return Pictures.confusionMatrix("Confusion matrix (test set)", predictions(fit).confusion());
    }

    public static BufferedImage confidentMistakes(Setting fit, int count) {
        return Views.mistakes(Session.current().data().test(), fit.first(), count);
    }

    public static BufferedImage perClassAccuracy(Setting fit) {
        return Views.perClassAccuracy(Session.current().data().test(), fit.first());
    }

    // ---- custom digits (Task 02) ------------------------------------------------------------------------------

    /** The first seed's model on every PNG/JPEG in {@code folder}, through the seed's pipeline and MNIST-style. */
    public static CustomPredictions customDigits(Setting fit, String folder) {
        return CustomPredictions.of(fit.first(), java.nio.file.Path.of(folder));
    }

    /** Image {@code i}'s strip (every step of both pipelines, top-3 probabilities), saved as predictions/custom_*.png. */
    public static BufferedImage customDigitStrip(CustomPredictions custom, int i) {
        var d = custom.digits().get(i);
        return Session.current().figure(Views.customDigit(d, custom.naive().get(i), custom.mnistStyle().get(i)), "predictions",
                "custom_" + OutputLayout.slug(d.name()));
    }

    public static String customDigitAnalysis(CustomPredictions custom, Setting fit) {
        return CustomDigitAnalysis.markdown(custom.digits(), custom.naive(), custom.mnistStyle(), fit.label() + " model",
                NotebookMarkdown.read(Session.current().notebookFile()).questions());
    }

    // ---- tables -----------------------------------------------------------------------------------------------

    /** Shows Markdown or a Tablesaw table below the cell (HTML for browsers, Markdown for other front ends). */
    public static void show(Object content) {
        if (content instanceof Table t) {
            Session.current().show(t);
        } else {
            Session.current().show(String.valueOf(content));
        }
    }

    /** Summary statistics of each fit's first-layer kernel (first seed). */
    public static Table weightStatistics(String title, Setting... fits) {
        return Tables.describe(title, kernels(fits));
    }

    /** Per-unit statistics of the first {@code limit} units of a fit's first layer. */
    public static Table unitStatistics(Setting fit, int limit) {
        return Tables.describeUnits(fit.label() + ", per first-layer unit", fit.first().hiddenUnitImages(), limit);
    }

    // ---- analyses (written to submission/<task>.md by publish) ------------------------------------------------

    /** Writes the analysis to {@code submission/<task>.md} and shows it. */
    public static void publish(String markdown) {
        Session study = Session.current();
        study.publish(study.task() + ".md", markdown);
    }

    /**
     * True on a dataset of handwritten digits (MNIST); on any other dataset prints one line saying why a digits-only
     * cell is skipped and returns false. Task 02 guards its cells with {@code if (digitsOnly()) { ... }}.
     */
    public static boolean digitsOnly() {
        DatasetSpec spec = DatasetSpec.byName(Session.current().dataset());
        if (!spec.handwrittenDigits()) {
            System.out.println("Skipped on " + spec.displayName() + ": this task scores handwritten digits, and "
                    + spec.displayName() + "'s classes are not digits.");
            return false;
        }
        return true;
    }

    /** What the analyses need besides the runs: dataset, set sizes, machine. */
    public static Context analysisContext() {
        Session study = Session.current();
        StudySplit d = study.data();
        return new Context(DatasetSpec.byName(study.dataset()), d.identity(), d.train().count(), d.validation().count(),
                d.test().count(), Context.thisMachine());
    }

    public static String overviewAnalysis(Setting fit) {
        return OverviewAnalysis.markdown(fit, analysisContext());
    }

    // ---- answers: the notebook states the claims, the jar measures and tests, one renderer writes ---------------

    /**
     * A task's analysis over {@code fits} (one table row each: test accuracy, epochs run and kept, the gap between
     * test and training loss with dropout off, whether val_loss rose after its minimum); add
     * {@code .answer("Q1", claims…)} for each question of the notebook's markdown, then {@code publish} it.
     */
    public static Report analysis(String title, Setting... fits) {
        return new Report(title, List.of(fits), standardColumns(), Renderer.Voice.ANSWERS);
    }

    /** As {@link #analysis}, with verdicts on claims ("supported", "contradicted") in a table instead of answers. */
    public static Report claims(String title, Setting... fits) {
        return new Report(title, List.of(fits), List.of(testAccuracy(), epochsRun()), Renderer.Voice.CLAIMS);
    }

    private static List<Measure> standardColumns() {
        return List.of(testAccuracy(), epochsRun(), keptEpoch(), generalisationGap(), valLossRose());
    }

    /** Evaluates the analysis (Holm over its comparisons), writes it to {@code submission/<task>.md} and shows it. */
    public static void publish(Report report) {
        Session study = Session.current();
        NotebookMarkdown words = NotebookMarkdown.read(study.notebookFile());
        String md = Renderer.document(report.evaluate(), analysisContext(), words.questions(), report.voice(),
                words.section("## Method"));
        study.publish(study.task() + ".md", md);
    }

    /** Claim: {@code a} has a higher {@code measure} than {@code b}. */
    public static Claim higher(Measure measure, Setting a, Setting b) {
        return direction(measure, Stats.Verdict.HIGHER, a, b);
    }

    /** Claim: {@code a} has a lower {@code measure} than {@code b}. */
    public static Claim lower(Measure measure, Setting a, Setting b) {
        return direction(measure, Stats.Verdict.LOWER, a, b);
    }

    private static Claim direction(Measure measure, Stats.Verdict v, Setting a, Setting b) {
        return new Claim.Direction(measure, v, List.of(new Claim.Pair(a, b)));
    }

    /** Claim: the setting matters — some pair of {@code fits} differs on {@code measure}. */
    public static Claim differs(Measure measure, Setting... fits) {
        return new Claim.Differs(measure, settings(fits));
    }

    /** Which fit has the highest {@code measure}; fits not separated from it share the lead. */
    public static Claim best(Measure measure, Setting... fits) {
        return new Claim.Best(measure, true, settings(fits));
    }

    /** Which fit has the lowest {@code measure}. */
    public static Claim lowest(Measure measure, Setting... fits) {
        return new Claim.Best(measure, false, settings(fits));
    }

    /** The measure's values for each fit, without a test. */
    public static Claim describe(Measure measure, Setting... fits) {
        return new Claim.Describe(measure, settings(fits));
    }

    /** A part of a question these runs do not measure, and why. */
    public static Claim notMeasured(String why) {
        return new Claim.NotMeasured(why);
    }

    private static List<Setting> settings(Setting... fits) {
        return List.of(fits);
    }

    // ---- measures ---------------------------------------------------------------------------------------------

    public static Measure testAccuracy() {
        return RunMeasures.testAccuracy();
    }

    public static Measure testLoss() {
        return RunMeasures.testLoss();
    }

    /** Loss of the kept weights on the training set, dropout off (computed once per run and cached). */
    public static Measure trainingLoss() {
        return measures().trainingLoss();
    }

    public static Measure trainingAccuracy() {
        return measures().trainingAccuracy();
    }

    /** Test loss − training loss of the kept weights, both with dropout off: overfitting on equal terms. */
    public static Measure generalisationGap() {
        return measures().generalisationGap();
    }

    /** Per run 1 when val_loss ended above its minimum (shown as "k of n seeds"). */
    public static Measure valLossRose() {
        return RunMeasures.valLossRose();
    }

    public static Measure epochsSinceMinimum() {
        return RunMeasures.epochsSinceMinimum();
    }

    public static Measure epochsRun() {
        return RunMeasures.epochsRun();
    }

    public static Measure keptEpoch() {
        return RunMeasures.keptEpoch();
    }

    public static Measure stoppedEarly() {
        return RunMeasures.stoppedEarly();
    }

    public static Measure valAccuracyAtEpoch(int epoch) {
        return RunMeasures.valAccuracyAtEpoch(epoch);
    }

    public static Measure valLossAtEpoch(int epoch) {
        return RunMeasures.valLossAtEpoch(epoch);
    }

    /** Validation accuracy at the epoch that ends within 3 % of {@code updates} steps (equal updates across batches). */
    public static Measure valAccuracyAfterUpdates(long updates) {
        return measures().valAccuracyAfterUpdates(updates);
    }

    /** Minibatch updates per epoch of {@code fit} on this study's training set. */
    public static long updatesPerEpoch(Setting fit) {
        return measures().stepsPerEpoch(fit.config());
    }

    /** Mean derivative of the first hidden layer's activation over validation images (how much gradient passes). */
    public static Measure activationDerivative() {
        StudyMeasures measures = measures().study();
        return new Measure("mean derivative of the hidden activation", Unit.PLAIN, Measure.Basis.HELD_OUT,
                r -> measures.hiddenActivityOnValidation(r, ACTIVITY_IMAGES).meanDerivative());
    }

    /** Share of the first hidden layer's units with a positive pre-activation, over the test images. */
    public static Measure activeHiddenUnits() {
        StudyMeasures measures = measures().study();
        int images = Session.current().data().test().count();
        return new Measure("hidden units active per test image", Unit.PERCENT, Measure.Basis.HELD_OUT,
                r -> measures.hiddenActivityOnTest(r, images).sharePositive());
    }

    /** Share of the test predictions made with more than {@code level} confidence. */
    public static Measure confidentShare(double level) {
        int[] truth = Session.current().data().test().labels();
        return new Measure(String.format(Locale.ROOT, "test predictions above %.0f %% confidence", 100 * level),
                Unit.PERCENT, Measure.Basis.HELD_OUT, r -> new Predictions(r.test(), truth).confidentShare(level));
    }

    /** Accuracy of the test predictions made with more than {@code level} confidence. */
    public static Measure confidentAccuracy(double level) {
        int[] truth = Session.current().data().test().labels();
        return new Measure(String.format(Locale.ROOT, "accuracy of those above %.0f %%", 100 * level), Unit.PERCENT,
                Measure.Basis.HELD_OUT, r -> new Predictions(r.test(), truth).confidentAccuracy(level));
    }

    /** Mean confidence of the test predictions made with more than {@code level} confidence. */
    public static Measure meanConfidence(double level) {
        int[] truth = Session.current().data().test().labels();
        return new Measure(String.format(Locale.ROOT, "their mean confidence"), Unit.PERCENT,
                Measure.Basis.HELD_OUT, r -> new Predictions(r.test(), truth).meanConfidence(level));
    }

    /** Mean |Δw| of the first kernel's weights from pixels lit in some training image (initial to kept weights). */
    public static Measure weightMotion() {
        StudyMeasures measures = measures().study();
        return new Measure("mean |Δw| of weights from lit pixels", Unit.PLAIN, Measure.Basis.HELD_OUT,
                r -> measures.weightMotion(r).meanMoveLive());
    }

    /** Mean |w| of the first kernel at initialisation. */
    public static Measure initialWeightSize() {
        StudyMeasures measures = measures().study();
        return new Measure("initial mean |w|", Unit.PLAIN, Measure.Basis.HELD_OUT,
                r -> measures.weightMotion(r).initialMeanAbs());
    }

    /** Share of the weights from pixels that are zero in every training image that did not move (NaN if none). */
    public static Measure unmovedUnlitWeights() {
        StudyMeasures measures = measures().study();
        return new Measure("unmoved weights from never-lit pixels", Unit.PERCENT, Measure.Basis.HELD_OUT,
                r -> measures.weightMotion(r).shareUnmovedDead());
    }

    public static Measure updates() {
        return measures().updates();
    }

    /** Validation loss of the kept epoch; comparisons refuse it wherever validation chose that epoch. */
    public static Measure keptValLoss() {
        return RunMeasures.keptValLoss();
    }

    /** Keras's running-mean training loss (dropout on): shown, never compared. */
    public static Measure kerasLoss() {
        return RunMeasures.kerasLoss();
    }

    /** Seconds per epoch as recorded during the study (shared cores): shown, never compared. */
    public static Measure studySecondsPerEpoch() {
        return RunMeasures.studySecondsPerEpoch();
    }

    public static Measure kernelNorm() {
        return RunMeasures.kernelNorm();
    }

    public static Measure maxAbsWeight() {
        return RunMeasures.maxAbsWeight();
    }

    /** Times each fit's training step alone on one core, interleaved, one round per seed (a few seconds). */
    public static Measure stepTime(Setting... fits) {
        return measures().stepTime(List.of(fits));
    }

    /** Training seconds (controlled step time) to the highest val_accuracy every run of {@code fits} reached. */
    public static Measure secondsToCommonAccuracy(Measure stepTime, Setting... fits) {
        return measures().secondsToReach(Measures.commonTarget(List.of(fits)), stepTime);
    }

    private static Measures measures() {
        Session study = Session.current();
        return new Measures(study.data(), study.measures());
    }

    // ---- measures from the stored weights (no retraining; cached beside the runs) --------------------------------

    /** Gaussian pixel noise of these standard deviations, clipped to [0, 1]. */
    public static Perturbation noise(double... sigmas) {
        return Perturbation.noise(sigmas);
    }

    /** The image moved by these numbers of pixels (mean over right, left, down, up). */
    public static Perturbation shift(int... pixels) {
        return Perturbation.shift(pixels);
    }

    /** These shares of the hidden units removed at test time (mean over random draws). */
    public static Perturbation unitRemoval(double... shares) {
        return Perturbation.unitRemoval(shares);
    }

    /** Test accuracy of each seed's model under {@code family}, one curve per seed: {@code robustness(h01, noise(0.1, 0.2, 0.3))}. */
    public static List<Robustness> robustness(Setting fit, Perturbation family) {
        return measures().study().robustness(fit.runs(), family);
    }

    /** Test accuracy under {@code family} at {@code size}, as a measure for claims. */
    public static Measure accuracyUnder(Perturbation family, double size) {
        return measures().accuracyUnder(family, size);
    }

    public static Measure gradientNoise() {
        return measures().gradientNoise();
    }

    public static Measure gradientNoiseScale() {
        return measures().gradientNoiseScale();
    }

    public static Measure sharpness() {
        return measures().sharpness();
    }

    public static Measure perturbedLossIncrease() {
        return measures().perturbedLossIncrease();
    }

    public static Measure unitDrop() {
        return measures().unitDrop();
    }

    public static Measure unitCorrelation() {
        return measures().unitCorrelation();
    }

    public static Measure inputGradient() {
        return measures().inputGradient();
    }

    public static Measure gradientFlow() {
        return measures().gradientFlow();
    }

    /** Sd of val_loss over a run's last epochs (comparable between runs without EarlyStopping). */
    public static Measure lateValLossSpread() {
        return measures().lateValLossSpread();
    }

    public static Measure lateValLossSlope() {
        return measures().lateValLossSlope();
    }

    public static Measure weightNormGrowth() {
        return measures().weightNormGrowth();
    }

    /** The late val_loss spread next to the weights' growth, one bar per fit. */
    public static BufferedImage stabilityChart(String title, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.stability(title, byLabel(fits, f -> m.stability(f.runs(), Measures.LATE_EPOCHS)));
    }

    /** Each Dense layer's kernel gradient norm, input side first, at initial and kept weights: flow through depth. */
    public static BufferedImage gradientProfileChart(String title, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.gradientProfile(title, byLabel(fits, f -> m.gradientFlow(f.runs(), GradientFlow.Spec.standard())));
    }

    /** Accuracy against perturbation size, one line per fit (mean over seeds with 95 % intervals). */
    public static BufferedImage robustnessChart(String title, Perturbation family, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.robustness(title, byLabel(fits, f -> m.robustness(f.runs(), family)));
    }

    /** The distribution of accuracy drops when each single hidden unit is removed, per fit. */
    public static BufferedImage unitDropChart(String title, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.unitDrops(title, byLabel(fits, f -> m.redundancy(f.runs())));
    }

    /** E‖g_B − g‖² against the batch size B at each fit's kept weights. */
    public static BufferedImage gradientNoiseChart(String title, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.gradientNoise(title, byLabel(fits, f -> m.gradientNoise(f.runs(), GradientNoise.Spec.standard())));
    }

    public static BufferedImage sharpnessChart(String title, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.sharpness(title, byLabel(fits, f -> m.sharpness(f.runs(), Sharpness.Spec.standard())));
    }

    public static BufferedImage smoothnessChart(String title, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.smoothness(title, byLabel(fits, f -> m.smoothness(f.runs())));
    }

    public static BufferedImage gradientFlowChart(String title, Setting... fits) {
        StudyMeasures m = measures().study();
        return MeasureFigures.gradientFlow(title, byLabel(fits, f -> m.gradientFlow(f.runs(), GradientFlow.Spec.standard())));
    }

    private static <T> Map<String, List<T>> byLabel(Setting[] fits, java.util.function.Function<Setting, List<T>> f) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (Setting fit : fits) {
            out.put(fit.label(), f.apply(fit));
        }
        return out;
    }

    /** Validation images the gradient-flow measurement uses. */
    static final int ACTIVITY_IMAGES = 1000;

    // ---- the Summary notebook ---------------------------------------------------------------------------------

    /** Every task the notebooks recorded in this study's run cache, with its settings and their runs. Nothing is trained. */
    public static List<RecordedTask> recordedTasks() {
        return Session.current().recordedTasks();
    }

    /** One row per distinct model (a model several tasks share appears once, named by all of them). */
    public static Table summaryTable(List<RecordedTask> tasks) {
        return SummaryAnalysis.table(tasks);
    }

    /**
     * One bar per distinct model, highest mean first: mean test accuracy with its 95 % t-interval as error bars, on
     * the y-axis range the summary analysis states.
     */
    public static BufferedImage summaryChart(List<RecordedTask> tasks) {
        List<SummaryAnalysis.Model> models = new ArrayList<>(SummaryAnalysis.distinct(tasks));
        models.sort(java.util.Comparator.comparingDouble((SummaryAnalysis.Model m) -> RunMeasures.testAccuracy().of(m.setting()).mean()).reversed());
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> ci = new LinkedHashMap<>();
        for (SummaryAnalysis.Model m : models) {
            var t = RunMeasures.testAccuracy().of(m.setting());
            means.put(m.name(), 100 * t.mean());
            ci.put(m.name(), Double.isNaN(t.halfWidth95()) ? 0.0 : 100 * t.halfWidth95());
        }
        double[] range = SummaryAnalysis.axisRange(models);
        return Bars.barWithErrors(String.format(Locale.ROOT, "Test accuracy of every distinct model (mean, 95%% CI; y-axis %.0f–%.0f %%)",
                100 * range[0], 100 * range[1]), "test accuracy (%)", means, ci, 100 * range[0], 100 * range[1]);
    }

    /**
     * The fit a task notebook recorded under {@code label} (its model's name), read from the run cache: the Summary
     * states the seed's claims with these. Nothing is trained.
     */
    public static Setting recorded(String task, String label) {
        List<RecordedTask> tasks = Session.current().recordedTasks();
        RecordedTask recordedTask = tasks.stream().filter(t -> t.name().equals(task)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no runs recorded by " + task + ": run that notebook "
                        + "first (recorded: " + tasks.stream().map(RecordedTask::name).toList() + ")"));
        Setting setting = recordedTask.setting(label);
        if (setting == null) {
            throw new IllegalArgumentException(task + " recorded no model named \"" + label + "\" (it has "
                    + recordedTask.labels() + ")");
        }
        return setting;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Map<String, float[]> kernels(Setting... fits) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Setting f : fits) {
            out.put(f.label(), f.first().hiddenKernelValues());
        }
        return out;
    }
}
