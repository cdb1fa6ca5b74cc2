package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnistablation.cache.RunResult;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Layer;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.RunConfig;

/**
 * The seed README's claims, each checked against this study's runs: supported, contradicted, not shown (the test
 * does not separate the settings) or not measured here, with the numbers and the test behind the verdict.
 */
public final class Claims {

    private Claims() {
    }

    public enum Verdict {
        SUPPORTED("supported"), CONTRADICTED("contradicted"), NOT_SHOWN("not shown at these seeds"),
        PARTLY("partly supported"), NOT_MEASURED("not measured here"), UNTESTED("not tested: one seed per setting");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /** One claim with its verdict and the evidence (numbers and test). */
    public record Check(String claim, Verdict verdict, String evidence) {
    }

    static Verdict of(Stats.Verdict v, boolean wantHigher) {
        return switch (v) {
            case HIGHER -> wantHigher ? Verdict.SUPPORTED : Verdict.CONTRADICTED;
            case LOWER -> wantHigher ? Verdict.CONTRADICTED : Verdict.SUPPORTED;
            case UNTESTED -> Verdict.UNTESTED;
            default -> Verdict.NOT_SHOWN;
        };
    }

    /** Combines the verdicts of a claim's measured parts. */
    static Verdict combine(List<Verdict> parts) {
        if (parts.isEmpty()) {
            return Verdict.NOT_MEASURED;
        }
        if (parts.stream().anyMatch(v -> v == Verdict.UNTESTED)) {
            return Verdict.UNTESTED;
        }
        if (parts.stream().allMatch(v -> v == Verdict.SUPPORTED)) {
            return Verdict.SUPPORTED;
        }
        if (parts.stream().allMatch(v -> v == Verdict.CONTRADICTED)) {
            return Verdict.CONTRADICTED;
        }
        if (parts.stream().anyMatch(v -> v == Verdict.SUPPORTED)) {
            return Verdict.PARTLY;
        }
        if (parts.stream().anyMatch(v -> v == Verdict.CONTRADICTED)) {
            return Verdict.CONTRADICTED;
        }
        return Verdict.NOT_SHOWN;
    }

    static Optional<List<Setting>> task(Map<String, Map<String, List<RunResult>>> tasks, String prefix) {
        return tasks.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).findFirst()
                .map(e -> Analyses.settings(e.getValue()));
    }

    /** A setting of any task whose first run has exactly {@code config}. */
    static Optional<Setting> byConfig(Map<String, Map<String, List<RunResult>>> tasks, RunConfig config) {
        for (Map<String, List<RunResult>> settings : tasks.values()) {
            for (Map.Entry<String, List<RunResult>> e : settings.entrySet()) {
                if (e.getValue().get(0).config().equals(config)) {
                    return Optional.of(new Setting(e.getKey(), e.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    static RunConfig withoutL2(RunConfig c) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : c.model().layers()) {
            layers.add(l instanceof Dense d ? new Dense(d.units(), d.activation(), 0) : l);
        }
        return c.withModel(new ModelDefinition(layers, c.model().optimizer()));
    }

    static String missing(String task) {
        return "no " + task + " runs recorded";
    }

    public static List<Check> check(Map<String, Map<String, List<RunResult>>> tasks, Map<String, List<HiddenActivity>> activations) {
        List<Check> out = new ArrayList<>();
        // 1. overfitting without regularisation (Task03)
        String c1 = "Overfitting becomes evident after a limited number of epochs without regularization";
        out.add(task(tasks, "Task03").map(s -> {
            EpochsAnalysis.Overfitting o = EpochsAnalysis.overfitting(s);
            if (o.shortest() == o.longest()) {
                return new Check(c1, Verdict.NOT_MEASURED, "Task03 has one epoch count only");
            }
            Verdict v = o.evident() ? Verdict.SUPPORTED
                    : o.valLoss().verdict() == Stats.Verdict.UNTESTED ? Verdict.UNTESTED
                    : o.valLoss().verdict() == Stats.Verdict.LOWER ? Verdict.CONTRADICTED : Verdict.NOT_SHOWN;
            return new Check(c1, v, "Task03, " + o.longest().label() + " vs " + o.shortest().label() + ": final val_loss "
                    + Findings.value(o.longest().sample(r -> r.history().last().valLoss()), Unit.LOSS) + " vs "
                    + Findings.value(o.shortest().sample(r -> r.history().last().valLoss()), Unit.LOSS) + " (" + pv(o.valLoss())
                    + "), final training loss " + Findings.value(o.longest().sample(r -> r.history().last().loss()), Unit.LOSS) + " vs "
                    + Findings.value(o.shortest().sample(r -> r.history().last().loss()), Unit.LOSS) + " (" + pv(o.trainLoss())
                    + "); supported when the longer training has the higher val_loss and the lower training loss, both p < 0.05; "
                    + "lowest val_loss of the " + o.longest().label() + " runs at epoch " + Findings.perSeed(o.longest().bestEpoch(), Unit.EPOCHS));
        }).orElse(new Check(c1, Verdict.NOT_MEASURED, missing("Task03"))));
        // 2. dropout and L2 reduce the gap
        String c2 = "Dropout and L2 regularization significantly reduce the training–validation gap";
        List<Verdict> parts2 = new ArrayList<>();
        List<String> ev2 = new ArrayList<>();
        task(tasks, "Task05").ifPresent(s -> {
            Setting ref = DropoutAnalysis.reference(s);
            Setting top = DropoutAnalysis.strongest(s);
            if (ref != top) {
                Stats.Welch w = Stats.welch(top.keptGap(), ref.keptGap());
                parts2.add(of(w.verdict(), false));
                ev2.add("Task05 gap at the kept epoch, " + top.label() + " vs " + ref.label() + ": "
                        + Findings.value(top.keptGap(), Unit.LOSS) + " vs " + Findings.value(ref.keptGap(), Unit.LOSS) + " (" + pv(w) + ")");
            }
        });
        task(tasks, "Task06").ifPresent(s -> {
            Setting hi = L2Analysis.byLambda(s).get(s.size() - 1);
            Optional<Setting> base = byConfig(tasks, withoutL2(hi.config()));
            if (base.isPresent()) {
                Stats.Welch w = Stats.welch(hi.keptGap(), base.get().keptGap());
                parts2.add(of(w.verdict(), false));
                ev2.add("Task06 " + hi.label() + " vs the same model without L2 (" + base.get().label() + "): gap "
                        + Findings.value(hi.keptGap(), Unit.LOSS) + " vs " + Findings.value(base.get().keptGap(), Unit.LOSS) + " (" + pv(w) + ")");
            } else {
                ev2.add("L2: no run of the same model without L2 is recorded, so its gap has no reference");
            }
        });
        out.add(new Check(c2, combine(parts2), ev2.isEmpty() ? missing("Task05/Task06") : String.join("; ", ev2)
                + "; a lower gap at p < 0.05 supports the claim for that regulariser"));
        // 3. Adam/AdamW faster than SGD; AdamW more stable long-term
        String c3 = "Adam and AdamW converge faster than SGD, but AdamW provides better long-term stability";
        out.add(task(tasks, "Task07").map(s -> {
            List<Setting> adaptive = s.stream().filter(OptimizerAnalysis::adaptive).toList();
            List<Setting> sgd = s.stream().filter(x -> !OptimizerAnalysis.adaptive(x)).toList();
            List<Verdict> parts = new ArrayList<>();
            List<String> ev = new ArrayList<>();
            for (Setting a : adaptive) {
                for (Setting g : sgd) {
                    Stats.Welch w = Stats.welch(a.valAccuracyAfter(1), g.valAccuracyAfter(1));
                    parts.add(of(w.verdict(), true));
                    ev.add(a.label() + " vs " + g.label() + " " + Unit.PERCENT.diff(w.diff()) + " (" + pv(w) + ")");
                }
            }
            return new Check(c3, parts.isEmpty() ? Verdict.NOT_MEASURED : combine(parts) == Verdict.SUPPORTED ? Verdict.PARTLY : combine(parts),
                    "Task07, validation accuracy after epoch 1: " + String.join("; ", ev)
                            + " (faster = higher after epoch 1, Welch p < 0.05, every pair); \"long-term stability\" is not "
                            + "measured: the runs last at most " + s.stream().mapToInt(x -> x.config().epochs()).max().orElse(0)
                            + " epochs, so the claim is at most partly supported");
        }).orElse(new Check(c3, Verdict.NOT_MEASURED, missing("Task07"))));
        // 4. batch size affects gradient noise and generalisation
        String c4 = "Batch size directly affects gradient noise and generalization behavior";
        out.add(task(tasks, "Task08").map(s -> {
            List<Setting> b = BatchSizeAnalysis.byBatch(s);
            List<String> ev = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < b.size(); i++) {
                for (int j = i + 1; j < b.size(); j++) {
                    Stats.Welch w = Stats.welch(b.get(i).testAccuracy(), b.get(j).testAccuracy());
                    any |= w.significant();
                    ev.add(b.get(i).label() + " vs " + b.get(j).label() + " " + Unit.PERCENT.diff(w.diff()) + " (" + pv(w) + ")");
                }
            }
            boolean one = b.stream().anyMatch(x -> x.seeds() < 2);
            return new Check(c4, any ? Verdict.PARTLY : one ? Verdict.UNTESTED : Verdict.NOT_SHOWN, "Task08 test accuracy: " + String.join("; ", ev)
                    + " (generalisation affected = some pair differs at p < 0.05); gradient noise is not measured (the "
                    + "gradients' variance is not recorded)");
        }).orElse(new Check(c4, Verdict.NOT_MEASURED, missing("Task08"))));
        // 5. activation: convergence speed and robustness
        String c5 = "Activation choice has a measurable impact on convergence speed and model robustness";
        out.add(task(tasks, "Task09").map(s -> {
            List<String> ev = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < s.size(); i++) {
                for (int j = i + 1; j < s.size(); j++) {
                    Stats.Welch w = Stats.welch(s.get(i).valAccuracyAfter(1), s.get(j).valAccuracyAfter(1));
                    any |= w.significant();
                    ev.add(s.get(i).label() + " vs " + s.get(j).label() + " " + Unit.PERCENT.diff(w.diff()) + " (" + pv(w) + ")");
                }
            }
            boolean one = s.stream().anyMatch(x -> x.seeds() < 2);
            return new Check(c5, any ? Verdict.PARTLY : one ? Verdict.UNTESTED : Verdict.NOT_SHOWN, "Task09 validation accuracy after epoch 1: "
                    + String.join("; ", ev) + " (impact on speed = some pair differs at p < 0.05); robustness is not "
                    + "measured (no perturbed or shifted inputs are evaluated)");
        }).orElse(new Check(c5, Verdict.NOT_MEASURED, missing("Task09"))));
        // 6. higher dropout reduces overfitting
        String c6 = "Higher dropout forces the network to learn redundant features, reducing overfitting";
        out.add(task(tasks, "Task05").map(s -> {
            Setting ref = DropoutAnalysis.reference(s);
            Setting top = DropoutAnalysis.strongest(s);
            Stats.Welch w = Stats.welch(top.keptGap(), ref.keptGap());
            return new Check(c6, ref == top ? Verdict.NOT_MEASURED : of(w.verdict(), false), "Task05 gap val_loss − loss at the kept epoch, "
                    + top.label() + " vs " + ref.label() + ": " + Findings.value(top.keptGap(), Unit.LOSS) + " vs "
                    + Findings.value(ref.keptGap(), Unit.LOSS) + " (" + pv(w) + "; lower = less overfitting); "
                    + "\"redundant features\" is not measured");
        }).orElse(new Check(c6, Verdict.NOT_MEASURED, missing("Task05"))));
        // 7. L2 suppresses large weights
        String c7 = "Increasing L2 strength suppresses large weight magnitudes";
        out.add(task(tasks, "Task06").map(s -> {
            List<Setting> o = L2Analysis.byLambda(s);
            Setting lo = o.get(0);
            Setting hi = o.get(o.size() - 1);
            Stats.Welch w = Stats.welch(L2Analysis.maxAbs(hi), L2Analysis.maxAbs(lo));
            Verdict v = L2Analysis.fallsEverywhere(o, L2Analysis::maxAbs) ? Verdict.SUPPORTED
                    : w.verdict() == Stats.Verdict.UNTESTED ? Verdict.UNTESTED
                    : w.verdict() == Stats.Verdict.HIGHER ? Verdict.CONTRADICTED
                    : w.verdict() == Stats.Verdict.LOWER ? Verdict.PARTLY : Verdict.NOT_SHOWN;
            return new Check(c7, v, "Task06 max |w| of the hidden kernel " + L2Analysis.trend(o, L2Analysis::maxAbs) + "; "
                    + hi.label() + " vs " + lo.label() + ": " + Findings.value(L2Analysis.maxAbs(hi), Unit.PLAIN) + " vs "
                    + Findings.value(L2Analysis.maxAbs(lo), Unit.PLAIN) + " (" + pv(w) + ")");
        }).orElse(new Check(c7, Verdict.NOT_MEASURED, missing("Task06"))));
        // 8. batch: small noisier, large faster but sharper minima
        String c8 = "Smaller batch sizes introduced noisier gradients, while larger batches converged faster but to sharper minima";
        out.add(task(tasks, "Task08").map(s -> {
            List<Setting> b = BatchSizeAnalysis.byBatch(s);
            Setting small = b.get(0);
            Setting large = b.get(b.size() - 1);
            Stats.Welch perEpoch = Stats.welch(large.valAccuracyAfter(1), small.valAccuracyAfter(1));
            Stats.Welch perSecond = Stats.welch(large.secondsPerEpoch(), small.secondsPerEpoch());
            Verdict v = small == large ? Verdict.NOT_MEASURED : of(perEpoch.verdict(), true);
            return new Check(c8, v == Verdict.SUPPORTED ? Verdict.PARTLY : v, "Task08, " + large.label() + " vs " + small.label()
                    + ": validation accuracy after epoch 1 " + Unit.PERCENT.diff(perEpoch.diff()) + " (" + pv(perEpoch)
                    + "; \"converged faster\" read per epoch), seconds per epoch " + Unit.SECONDS.diff(perSecond.diff())
                    + " (" + pv(perSecond) + "); noisier gradients are not measured (no gradient variance is "
                    + "recorded) and sharper minima are not measured (that needs a curvature measurement, e.g. the Hessian's "
                    + "largest eigenvalue, which the study does not make)");
        }).orElse(new Check(c8, Verdict.NOT_MEASURED, missing("Task08"))));
        // 9. GELU vs ReLU: gradient flow and convergence
        String c9 = "Smoother activations like GELU improve gradient flow and convergence compared to ReLU";
        out.add(task(tasks, "Task09").map(s -> {
            Optional<Setting> gelu = s.stream().filter(x -> x.config().model().firstActivation() == org.mnistablation.model.Activation.GELU).findFirst();
            Optional<Setting> relu = s.stream().filter(x -> x.config().model().firstActivation() == org.mnistablation.model.Activation.RELU).findFirst();
            if (gelu.isEmpty() || relu.isEmpty()) {
                return new Check(c9, Verdict.NOT_MEASURED, "Task09 needs a GELU and a ReLU model");
            }
            List<Verdict> parts = new ArrayList<>();
            List<String> ev = new ArrayList<>();
            Stats.Welch conv = Stats.welch(gelu.get().valAccuracyAfter(1), relu.get().valAccuracyAfter(1));
            parts.add(of(conv.verdict(), true));
            ev.add("validation accuracy after epoch 1 " + Unit.PERCENT.diff(conv.diff()) + " (" + pv(conv) + ")");
            List<HiddenActivity> ga = activations == null ? null : activations.get(gelu.get().label());
            List<HiddenActivity> ra = activations == null ? null : activations.get(relu.get().label());
            if (ga != null && ra != null) {
                Stats.Welch flow = Stats.welch(ActivationAnalysis.derivative(ga), ActivationAnalysis.derivative(ra));
                parts.add(of(flow.verdict(), true));
                ev.add("mean derivative of the hidden activation " + Findings.value(ActivationAnalysis.derivative(ga), Unit.PLAIN)
                        + " vs " + Findings.value(ActivationAnalysis.derivative(ra), Unit.PLAIN) + " (" + pv(flow)
                        + "; one hidden layer, so flow through depth is not measured)");
            } else {
                ev.add("gradient flow not measured in this run");
            }
            return new Check(c9, combine(parts), "Task09, " + gelu.get().label() + " vs " + relu.get().label() + ": " + String.join("; ", ev));
        }).orElse(new Check(c9, Verdict.NOT_MEASURED, missing("Task09"))));
        return out;
    }

    static String pv(Stats.Welch w) {
        return switch (w.verdict()) {
            case TIE -> "identical values";
            case UNTESTED -> "one seed: untested";
            default -> w.constantShift() ? "the same difference in every seed" : "Welch " + Findings.p(w.p());
        };
    }

    public static MarkdownTable table(List<Check> checks) {
        MarkdownTable t = new MarkdownTable("seed's claim", "verdict from these runs", "numbers and test");
        for (Check c : checks) {
            t.row(c.claim(), "**" + c.verdict().text + "**", c.evidence());
        }
        return t;
    }
}
