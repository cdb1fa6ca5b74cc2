package org.mnistablation.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.analysis.HiddenActivity;
import org.mnistablation.analysis.WeightMotion;
import org.mnistablation.cache.MeasureCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;

/**
 * The measures of runs of one study, each computed once from the run's stored weights and kept in the
 * {@link MeasureCache} under the measure's versioned id. Every measure reads the part of the split its definition
 * names (training set, test set), so a run is measured on the data it was trained on; a list of runs (a setting's
 * seeds) is measured one run per core.
 */
public final class StudyMeasures {

    private final MeasureCache cache;
    private final StudySplit data;

    public StudyMeasures(MeasureCache cache, StudySplit data) {
        this.cache = cache;
        this.data = data;
    }

    /** Measures kept beside the run cache at {@code runCacheRoot}. */
    public StudyMeasures(Path runCacheRoot, StudySplit data) {
        this(new MeasureCache(runCacheRoot), data);
    }

    public StudySplit data() {
        return data;
    }

    /** The kept weights on the whole training set, dropout off, loss with the L2 terms (id {@value LossAccuracy#TRAIN_ID}). */
    public LossAccuracy trainEvaluation(RunResult run) {
        return cached(run, LossAccuracy.TRAIN_ID, () -> LossAccuracy.of(DenseWeights.of(run), data.train()).values(),
                LossAccuracy::from);
    }

    /** {@link #trainEvaluation(RunResult)} of every run, in order. */
    public List<LossAccuracy> trainEvaluation(List<RunResult> runs) {
        return PerRun.map(runs, this::trainEvaluation);
    }

    /** Minibatch gradient noise at the kept weights, on the whole training set. */
    public GradientNoise gradientNoise(RunResult run, GradientNoise.Spec spec) {
        return cached(run, spec.id(), () -> GradientNoise.of(DenseWeights.of(run), data.train(), spec).values(),
                GradientNoise::from);
    }

    public List<GradientNoise> gradientNoise(List<RunResult> runs, GradientNoise.Spec spec) {
        return PerRun.map(runs, r -> gradientNoise(r, spec));
    }

    /** Curvature of the training loss at the kept weights, on the spec's fixed training subset. */
    public Sharpness sharpness(RunResult run, Sharpness.Spec spec) {
        return cached(run, spec.id(), () -> Sharpness.of(DenseWeights.of(run), data.train(), spec).values(),
                Sharpness::from);
    }

    public List<Sharpness> sharpness(List<RunResult> runs, Sharpness.Spec spec) {
        return PerRun.map(runs, r -> sharpness(r, spec));
    }

    /** Test accuracy of the kept weights under each size of a perturbation family (size 0: the clean test set). */
    public Robustness robustness(RunResult run, Perturbation perturbation) {
        return robustness(run, List.of(perturbation)).get(0);
    }

    /**
     * Several families for one run; when any is not cached yet, all are computed in one sweep over the test set
     * (sharing its clean passes) and stored.
     */
    public List<Robustness> robustness(RunResult run, List<Perturbation> families) {
        check(run);
        List<List<Robustness>> sweep = new ArrayList<>(); // filled by the first family found missing
        List<Robustness> out = new ArrayList<>();
        for (int i = 0; i < families.size(); i++) {
            int k = i;
            Perturbation p = families.get(i);
            out.add(Robustness.from(p, cache.get(run, p.id(), () -> {
                if (sweep.isEmpty()) {
                    sweep.add(Robustness.of(DenseWeights.of(run), data.test(), families));
                }
                return sweep.get(0).get(k).values();
            })));
        }
        return out;
    }

    /** The runs' curves (in the runs' order) under one family. */
    public List<Robustness> robustness(List<RunResult> runs, Perturbation perturbation) {
        return PerRun.map(runs, r -> robustness(r, perturbation));
    }

    /** The runs' curves under each family, by family; each run is swept once for all of them. */
    public Map<Perturbation, List<Robustness>> robustness(List<RunResult> runs, List<Perturbation> families) {
        List<List<Robustness>> perRun = PerRun.map(runs, r -> robustness(r, families));
        Map<Perturbation, List<Robustness>> out = new LinkedHashMap<>();
        for (int i = 0; i < families.size(); i++) {
            int k = i;
            out.put(families.get(i), perRun.stream().map(curves -> curves.get(k)).toList());
        }
        return out;
    }

    /** Single-unit removal drops and hidden-unit correlations of the kept weights, on the test set. */
    public Redundancy redundancy(RunResult run) {
        return cached(run, Redundancy.ID, () -> Redundancy.of(DenseWeights.of(run), data.test()).values(),
                Redundancy::from);
    }

    public List<Redundancy> redundancy(List<RunResult> runs) {
        return PerRun.map(runs, this::redundancy);
    }

    /**
     * Mean input-gradient and logit-Jacobian norms of the kept weights, on the test set. (Accuracy under pixel noise,
     * the other half of the smoothness question, is {@link #robustness} with {@link Perturbation#noise}.)
     */
    public Smoothness smoothness(RunResult run) {
        return cached(run, Smoothness.ID, () -> Smoothness.of(DenseWeights.of(run), data.test()).values(),
                Smoothness::from);
    }

    public List<Smoothness> smoothness(List<RunResult> runs) {
        return PerRun.map(runs, this::smoothness);
    }

    /**
     * Gradient reaching each layer and mean activation derivatives, at the run's initial weights (rebuilt from its
     * seed) and at its kept weights, on the spec's fixed training subset.
     */
    public GradientFlow.AtInitAndKept gradientFlow(RunResult run, GradientFlow.Spec spec) {
        GradientFlow initial = cached(run, spec.id("init"),
                () -> GradientFlow.of(DenseWeights.of(run.initialWeights()), data.train(), spec).values(), GradientFlow::from);
        GradientFlow kept = cached(run, spec.id("kept"),
                () -> GradientFlow.of(DenseWeights.of(run), data.train(), spec).values(), GradientFlow::from);
        return new GradientFlow.AtInitAndKept(initial, kept);
    }

    public List<GradientFlow.AtInitAndKept> gradientFlow(List<RunResult> runs, GradientFlow.Spec spec) {
        return PerRun.map(runs, r -> gradientFlow(r, spec));
    }

    /** Late val_loss spread and slope over the last {@code lateEpochs} epochs, and the weights' growth from init. */
    public Stability stability(RunResult run, int lateEpochs) {
        return cached(run, Stability.id(lateEpochs), () -> Stability.of(run.history(),
                DenseWeights.of(run.initialWeights()), DenseWeights.of(run), lateEpochs).values(), Stability::from);
    }

    public List<Stability> stability(List<RunResult> runs, int lateEpochs) {
        return PerRun.map(runs, r -> stability(r, lateEpochs));
    }

    /**
     * The first hidden layer's activity on the first {@code limit} test images (id {@value HiddenActivity#ID}, the
     * part and the count).
     */
    public HiddenActivity hiddenActivityOnTest(RunResult run, int limit) {
        return hiddenActivity(run, "test", data.test(), limit);
    }

    /** The same on the first {@code limit} validation images. */
    public HiddenActivity hiddenActivityOnValidation(RunResult run, int limit) {
        return hiddenActivity(run, "validation", data.validation(), limit);
    }

    private HiddenActivity hiddenActivity(RunResult run, String part, LabeledImages images, int limit) {
        return cached(run, HiddenActivity.ID + "-" + part + "-" + limit,
                () -> HiddenActivity.of(run, images.pixels(), images.pixelsPerImage(), limit).values(),
                HiddenActivity::from);
    }

    /** How far training moved the first layer's weights from their initial values, by pixels lit in training. */
    public WeightMotion weightMotion(RunResult run) {
        LabeledImages train = data.train();
        return cached(run, WeightMotion.ID, () -> WeightMotion.of(run.initialWeights().kernel(0), run.hiddenKernel(),
                WeightMotion.everLit(train.pixels(), train.pixelsPerImage())).values(), WeightMotion::from);
    }

    private <T> T cached(RunResult run, String id, java.util.function.Supplier<double[]> compute,
                         java.util.function.Function<double[], T> decode) {
        check(run);
        return decode.apply(cache.get(run, id, compute));
    }

    private void check(RunResult run) {
        if (!run.dataIdentity().equals(data.identity())) {
            throw new IllegalArgumentException("the run was trained on " + run.dataIdentity() + ", these measures read "
                    + data.identity() + ": measure it with the study of its own dataset");
        }
    }
}
