package org.mnistablation.notebook;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnistablation.analysis.ActivationAnalysis;
import org.mnistablation.analysis.Context;
import org.mnistablation.analysis.HiddenActivity;
import org.mnistablation.analysis.WeightMotion;
import org.mnistablation.data.DatasetSpec;
import org.mnistablation.train.Dl4jModel;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.NdRuntime;
import org.mnistablation.analysis.BatchSizeAnalysis;
import org.mnistablation.analysis.CustomDigitAnalysis;
import org.mnistablation.analysis.DropoutAnalysis;
import org.mnistablation.analysis.EarlyStoppingAnalysis;
import org.mnistablation.analysis.EpochsAnalysis;
import org.mnistablation.analysis.L2Analysis;
import org.mnistablation.analysis.OptimizerAnalysis;
import org.mnistablation.analysis.OverviewAnalysis;
import org.mnistablation.analysis.Predictions;
import org.mnistablation.analysis.SummaryAnalysis;
import org.mnistablation.analysis.WeightStats;
import org.mnistablation.analysis.WeightsAnalysis;
import org.mnistablation.cache.RunResult;
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
import org.mnistablation.plot.Bars;
import org.mnistablation.plot.Curves;
import org.mnistablation.plot.Pictures;
import org.mnistablation.report.Tables;
import org.mnistablation.study.CrossDataset;
import org.mnistablation.study.CustomPredictions;
import org.mnistablation.study.Study;
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
        Study study = Study.get();
        study.task(name);
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
    public static BufferedImage plotHistory(FitResult fit) {
        Study study = Study.get();
        BufferedImage image = Curves.lossAccuracy(fit.name() + ", " + fit.config().model().sizes() + " (seed "
                + fit.config().seed() + ")", fit.history());
        String prefix = study.task().split("_")[0].toLowerCase(Locale.ROOT);
        return study.figure(image, "loss_curves", prefix + "_" + Study.slug(fit.name()) + ".png");
    }

    /** Validation (solid) and training (dashed) curves of several fits' first seeds in one figure. */
    public static BufferedImage compareCurves(String title, FitResult... fits) {
        Map<String, History> h = new LinkedHashMap<>();
        for (FitResult f : fits) {
            h.put(f.name(), f.history());
        }
        return Curves.compare(title, h);
    }

    /** Mean ± one standard deviation over the seeds of each fit's validation curves. */
    public static BufferedImage compareSeeds(String title, FitResult... fits) {
        Map<String, List<History>> h = new LinkedHashMap<>();
        for (FitResult f : fits) {
            h.put(f.name(), f.runs().stream().map(RunResult::history).toList());
        }
        return Curves.compareSeeds(title, h);
    }

    /** Histograms of each fit's first-layer kernel (first seed). */
    public static BufferedImage weightHistograms(String title, FitResult... fits) {
        return Bars.histogram(title, "weight", kernels(fits), 80);
    }

    /** The Frobenius norm of each fit's first-layer kernel (first seed), as bars. */
    public static BufferedImage weightNorms(String title, FitResult... fits) {
        Map<String, Double> norms = new LinkedHashMap<>();
        kernels(fits).forEach((label, w) -> norms.put(label, WeightStats.of(w).norm()));
        return Bars.bar(title, "‖W‖", norms);
    }

    /** The incoming weights of the first {@code count} units of the first layer, each as a 28×28 image. */
    public static BufferedImage unitImages(FitResult fit, int count) {
        return Pictures.weightImages("First-layer units: " + fit.name(), fit.first().hiddenUnitImages(), count, 12);
    }

    /** Training seconds per epoch of each fit (mean over its seeds), as bars. */
    public static BufferedImage secondsPerEpoch(String title, FitResult... fits) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (FitResult f : fits) {
            seconds.put(f.name(), f.runs().stream().mapToDouble(r -> r.history().epochs().stream()
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
        return Study.get().figure(image, path.substring(0, slash), path.substring(slash + 1));
    }

    // ---- predictions (Task 01) --------------------------------------------------------------------------------

    /** Test images {@code indices} with the first seed's prediction, confidence and truth (mistakes in red). */
    public static BufferedImage predictionGrid(String title, FitResult fit, int[] indices, int columns) {
        return Views.predictionGrid(title, Study.get().data().test(), fit.first(), indices, columns);
    }

    /** The first test image of each class. */
    public static int[] firstOfEachClass() {
        return Views.firstOfEachClass(Study.get().data().test());
    }

    /** {@code count} distinct random test indices, the same ones for the same seed. */
    public static int[] randomTestImages(int count, long seed) {
        return Views.randomIndices(count, Study.get().data().test().count(), seed);
    }

    /** Test image {@code index} next to its softmax probabilities. */
    public static BufferedImage probabilities(FitResult fit, int index) {
        return Views.probabilities(Study.get().data().test(), fit.first(), index);
    }

    /** The first seed's test predictions, for counting mistakes and confusions. */
    public static Predictions predictions(FitResult fit) {
        return new Predictions(fit.first().test(), Study.get().data().test().labels());
    }

    public static BufferedImage confusionMatrix(FitResult fit) {
        return Pictures.confusionMatrix("Confusion matrix (test set)", predictions(fit).confusion());
    }

    public static BufferedImage confidentMistakes(FitResult fit, int count) {
        return Views.mistakes(Study.get().data().test(), fit.first(), count);
    }

    public static BufferedImage perClassAccuracy(FitResult fit) {
        return Views.perClassAccuracy(Study.get().data().test(), fit.first());
    }

    // ---- custom digits (Task 02) ------------------------------------------------------------------------------

    /** The first seed's model on every PNG/JPEG in {@code folder}, through the seed's pipeline and MNIST-style. */
    public static CustomPredictions customDigits(FitResult fit, String folder) {
        return CustomPredictions.of(fit.first(), java.nio.file.Path.of(folder));
    }

    /** Image {@code i}'s strip (every step of both pipelines, top-3 probabilities), saved as predictions/custom_*.png. */
    public static BufferedImage customDigitStrip(CustomPredictions custom, int i) {
        var d = custom.digits().get(i);
        return Study.get().figure(Views.customDigit(d, custom.naive().get(i), custom.mnistStyle().get(i)), "predictions",
                "custom_" + Study.slug(d.name()));
    }

    public static String customDigitAnalysis(CustomPredictions custom, FitResult fit) {
        return CustomDigitAnalysis.markdown(custom.digits(), custom.naive(), custom.mnistStyle(), fit.name() + " model");
    }

    // ---- tables -----------------------------------------------------------------------------------------------

    /** Shows Markdown or a Tablesaw table below the cell (HTML for browsers, Markdown for other front ends). */
    public static void show(Object content) {
        if (content instanceof Table t) {
            Study.get().show(t);
        } else {
            Study.get().show(String.valueOf(content));
        }
    }

    /** Summary statistics of each fit's first-layer kernel (first seed). */
    public static Table weightStatistics(String title, FitResult... fits) {
        return Tables.describe(title, kernels(fits));
    }

    /** Per-unit statistics of the first {@code limit} units of a fit's first layer. */
    public static Table unitStatistics(FitResult fit, int limit) {
        return Tables.describeUnits(fit.name() + ", per first-layer unit", fit.first().hiddenUnitImages(), limit);
    }

    // ---- analyses (written to submission/<task>.md by publish) ------------------------------------------------

    /** Writes the analysis to {@code submission/<task>.md} and shows it. */
    public static void publish(String markdown) {
        Study study = Study.get();
        study.publish(study.task() + ".md", markdown);
    }

    /**
     * True on a dataset of handwritten digits (MNIST); on any other dataset prints one line saying why a digits-only
     * cell is skipped and returns false. Task 02 guards its cells with {@code if (digitsOnly()) { ... }}.
     */
    public static boolean digitsOnly() {
        DatasetSpec spec = DatasetSpec.byName(Study.get().dataset());
        if (!spec.handwrittenDigits()) {
            System.out.println("Skipped on " + spec.displayName() + ": this task scores handwritten digits, and "
                    + spec.displayName() + "'s classes are not digits.");
            return false;
        }
        return true;
    }

    /** What the analyses need besides the runs: dataset, set sizes, machine. */
    public static Context analysisContext() {
        Study study = Study.get();
        StudySplit d = study.data();
        return new Context(DatasetSpec.byName(study.dataset()), d.identity(), d.train().count(), d.validation().count(),
                d.test().count(), Context.thisMachine());
    }

    public static String overviewAnalysis(FitResult fit) {
        return OverviewAnalysis.markdown(fit.name(), fit.runs(), analysisContext());
    }

    public static String predictionAnalysis(FitResult fit) {
        StudySplit d = Study.get().data();
        HiddenActivity activity = hiddenActivity(fit.first(), d.test(), d.test().count());
        WeightMotion motion = weightMotion(fit.first());
        return predictions(fit).markdown(fit.name() + " (" + fit.config().describe().replaceAll(", seed \\d+$", "") + ")",
                analysisContext(), activity, motion);
    }

    public static String epochsAnalysis(FitResult... fits) {
        return EpochsAnalysis.markdown(results(fits), analysisContext());
    }

    /**
     * Task 04's analysis: the early-stopping fits with Adam at each patience, and optionally the same callback with
     * SGD (question 4) and the same model without the callback (question 5); roles are read from the definitions.
     */
    public static String earlyStoppingAnalysis(FitResult... fits) {
        return EarlyStoppingAnalysis.markdown(results(fits), analysisContext());
    }

    public static String dropoutAnalysis(FitResult... fits) {
        return DropoutAnalysis.markdown(results(fits), analysisContext());
    }

    public static String l2Analysis(FitResult... fits) {
        return L2Analysis.markdown(results(fits), analysisContext());
    }

    /** Task 07's analysis, with how far each optimizer moved the first layer's weights (first seeds). */
    public static String optimizerAnalysis(FitResult... fits) {
        Map<String, WeightMotion> motion = new LinkedHashMap<>();
        for (FitResult f : fits) {
            motion.put(f.name(), weightMotion(f.first()));
        }
        return OptimizerAnalysis.markdown(results(fits), analysisContext(), motion);
    }

    public static String batchSizeAnalysis(FitResult... fits) {
        return BatchSizeAnalysis.markdown(results(fits), analysisContext());
    }

    /** The other activations compared with {@code reference}'s, with the hidden layer's measured gradient flow. */
    public static String activationAnalysis(FitResult reference, FitResult... others) {
        List<FitResult> all = new ArrayList<>(List.of(others));
        all.add(0, reference);
        Map<String, List<HiddenActivity>> activity = new LinkedHashMap<>();
        LabeledImages val = Study.get().data().validation();
        for (FitResult f : all) {
            activity.put(f.name(), f.runs().stream().map(r -> hiddenActivity(r, val, ACTIVITY_IMAGES)).toList());
        }
        return ActivationAnalysis.markdown(results(all.toArray(FitResult[]::new)), reference.name(), analysisContext(), activity);
    }

    /** The first-layer weights of each fit compared with {@code reference}'s, over all seeds. */
    public static String weightsAnalysis(FitResult reference, FitResult... others) {
        List<FitResult> all = new ArrayList<>(List.of(others));
        all.add(0, reference);
        return WeightsAnalysis.markdown(results(all.toArray(FitResult[]::new)), reference.name(), analysisContext());
    }

    /** Validation images the gradient-flow measurement uses. */
    static final int ACTIVITY_IMAGES = 1000;

    static HiddenActivity hiddenActivity(RunResult r, LabeledImages images, int limit) {
        return HiddenActivity.of(r, images.pixels(), images.pixelsPerImage(), limit);
    }

    /** How far training moved the first-layer weights from the seed's initial values, by pixels lit in training. */
    static WeightMotion weightMotion(RunResult r) {
        NdRuntime.ensureReady();
        float[] init = Dl4jModel.build(r.config().model(), r.config().seed()).params().toFloatVector();
        int in = r.config().model().input().size();
        int units = r.config().model().firstUnits();
        float[][] k = new float[in][units];
        for (int u = 0; u < units; u++) {
            for (int p = 0; p < in; p++) {
                k[p][u] = init[u * in + p];
            }
        }
        LabeledImages train = Study.get().data().train();
        return WeightMotion.of(k, r.hiddenKernel(), WeightMotion.everLit(train.pixels(), train.pixelsPerImage()));
    }

    // ---- the Summary notebook ---------------------------------------------------------------------------------

    /** Every task the notebooks recorded in this study's run cache: task → setting → runs. Nothing is trained. */
    public static Map<String, Map<String, List<RunResult>>> recordedTasks() {
        return Study.get().recordedTasks();
    }

    /** One row per distinct model (a model several tasks share appears once, named by all of them). */
    public static Table summaryTable(Map<String, Map<String, List<RunResult>>> tasks) {
        return SummaryAnalysis.table(tasks);
    }

    /**
     * One bar per distinct model, highest mean first: mean test accuracy with its 95 % t-interval as error bars, on
     * the y-axis range the summary analysis states.
     */
    public static BufferedImage summaryChart(Map<String, Map<String, List<RunResult>>> tasks) {
        List<SummaryAnalysis.Model> models = new ArrayList<>(SummaryAnalysis.distinct(tasks));
        models.sort(java.util.Comparator.comparingDouble((SummaryAnalysis.Model m) -> m.setting().testAccuracy().mean()).reversed());
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> ci = new LinkedHashMap<>();
        for (SummaryAnalysis.Model m : models) {
            var t = m.setting().testAccuracy();
            means.put(m.name(), 100 * t.mean());
            ci.put(m.name(), Double.isNaN(t.halfWidth95()) ? 0.0 : 100 * t.halfWidth95());
        }
        double[] range = SummaryAnalysis.axisRange(models);
        return Bars.barWithErrors(String.format(Locale.ROOT, "Test accuracy of every distinct model (mean, 95%% CI; y-axis %.0f–%.0f %%)",
                100 * range[0], 100 * range[1]), "test accuracy (%)", means, ci, 100 * range[0], 100 * range[1]);
    }

    public static String summaryAnalysis(Map<String, Map<String, List<RunResult>>> tasks) {
        Study study = Study.get();
        Map<String, List<HiddenActivity>> activity = new LinkedHashMap<>();
        LabeledImages val = study.data().validation();
        tasks.entrySet().stream().filter(e -> e.getKey().startsWith("Task09")).findFirst().ifPresent(e ->
                e.getValue().forEach((label, runs) -> activity.put(label,
                        runs.stream().map(r -> hiddenActivity(r, val, ACTIVITY_IMAGES)).toList())));
        return SummaryAnalysis.markdown(tasks, analysisContext(), activity) + "\n"
                + CrossDataset.markdown(study, tasks, CrossDataset.counterpart(study.dataset()));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** Label → runs, in the order given (what the analyses take). */
    static Map<String, List<RunResult>> results(FitResult... fits) {
        Map<String, List<RunResult>> out = new LinkedHashMap<>();
        for (FitResult f : fits) {
            if (out.put(f.name(), f.runs()) != null) {
                throw new IllegalArgumentException("two models are named \"" + f.name() + "\": give each its own name");
            }
        }
        return out;
    }

    private static Map<String, float[]> kernels(FitResult... fits) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (FitResult f : fits) {
            out.put(f.name(), f.first().hiddenKernelValues());
        }
        return out;
    }
}
