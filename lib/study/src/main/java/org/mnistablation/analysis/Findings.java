package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Sentences built from compared measurements. Nothing here states a result it was not given: every comparison says
 * which way the numbers point and whether a Welch t-test separates them, and says so the other way round when the
 * numbers do.
 */
public final class Findings {

    private Findings() {
    }

    /** The ranking rule, in words (the analyses print it next to every ranking). */
    public static final String RANKING_RULE = "settings are ordered by their mean over the seeds; one is called higher or "
            + "lower than another only when a two-sided Welch t-test over the seeds gives p < 0.05 (or, paired by seed, the "
            + "difference is the same in every seed), otherwise the two are \"indistinguishable at n seeds\"; identical "
            + "values in every seed are a tie; with one seed nothing is tested";

    /** "97.82 % ± 0.05 pp" (mean and the half-width of the 95 % t-interval); the mean alone with one seed. */
    public static String value(Stats.Sample s, Unit u) {
        if (s.n() < 2) {
            return u.value(s.mean());
        }
        return u.value(s.mean()) + " ± " + u.spread(s.halfWidth95());
    }

    /** A table cell: "97.82 ± 0.05" (the header names the unit and says ± is the 95 % interval). */
    public static String cell(Stats.Sample s, Unit u) {
        if (s.n() < 2) {
            return u.number(s.mean());
        }
        return u.number(s.mean()) + " ± " + u.number(s.halfWidth95());
    }

    /** The per-seed values in seed order: "8, 11, 7". */
    public static String perSeed(Stats.Sample s, Unit u) {
        List<String> out = new ArrayList<>();
        for (double v : s.values()) {
            out.add(u == Unit.EPOCHS ? String.valueOf((long) Math.rint(v)) : u.number(v));
        }
        return String.join(", ", out);
    }

    /** "p = 0.013" (or "p < 0.001"). */
    public static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    /**
     * One comparison: "gelu vs relu, test accuracy: +0.17 pp (95 % CI of the difference ± 0.12 pp; Welch t-test
     * p = 0.012, 5 seeds each): gelu is higher." — or indistinguishable, tied, untested, whichever the numbers give.
     */
    public static String versus(String what, String aLabel, Stats.Sample a, String bLabel, Stats.Sample b, Unit u) {
        Stats.Welch w = Stats.welch(a, b);
        String head = aLabel + " vs " + bLabel + ", " + what + ": ";
        return switch (w.verdict()) {
            case TIE -> head + "identical in every seed (" + value(a, u) + "): a tie.";
            case UNTESTED -> head + u.diff(w.diff()) + " (" + u.value(a.mean()) + " vs " + u.value(b.mean())
                    + "; " + seedsText(Math.min(a.n(), b.n())) + ": no test is possible, so no difference is called).";
            case INDISTINGUISHABLE -> head + u.diff(w.diff()) + " (" + value(a, u) + " vs " + value(b, u) + "; Welch "
                    + p(w.p()) + "): indistinguishable at " + seedsOf(a, b) + ".";
            case HIGHER, LOWER -> w.constantShift()
                    ? head + u.diff(w.diff()) + " in every one of the " + a.n() + " seeds (paired by seed, the difference "
                      + "does not vary, so no test is needed): " + aLabel + " is "
                      + (w.verdict() == Stats.Verdict.HIGHER ? "higher" : "lower") + "."
                    : head + u.diff(w.diff()) + " (" + value(a, u) + " vs " + value(b, u)
                    + "; 95 % CI of the difference ± " + u.spread(w.halfWidth95()) + ", Welch " + p(w.p()) + ", "
                    + seedsOf(a, b) + "): " + aLabel + " is " + (w.verdict() == Stats.Verdict.HIGHER ? "higher" : "lower") + ".";
        };
    }

    /** The verdict of a against b on a metric, for conditions. */
    public static Stats.Verdict verdict(Stats.Sample a, Stats.Sample b) {
        return Stats.welch(a, b).verdict();
    }

    static String seedsText(int n) {
        return n == 1 ? "one seed" : n + " seeds";
    }

    static String seedsOf(Stats.Sample a, Stats.Sample b) {
        return a.n() == b.n() ? a.n() + " seeds each" : a.n() + " and " + b.n() + " seeds";
    }

    /**
     * "By mean test accuracy: **A** (…), then B (…) and C (…). Indistinguishable from A at 5 seeds: B (Welch p = 0.41).
     * Lower than A (p < 0.05): C (p = 0.002)." Exact ties are named as ties; with one seed nothing is called.
     */
    public static String ranking(String what, List<Setting> settings, Function<Setting, Stats.Sample> metric,
                                 boolean higherIsBetter, Unit u) {
        List<Setting> r = new ArrayList<>(settings);
        Comparator<Setting> c = Comparator.comparingDouble(s -> metric.apply(s).mean());
        r.sort(higherIsBetter ? c.reversed() : c);
        StringBuilder sb = new StringBuilder("By mean ").append(what).append(" (")
                .append(higherIsBetter ? "highest" : "lowest").append(" first): ");
        for (int i = 0; i < r.size(); i++) {
            sb.append(i == 0 ? "" : i == r.size() - 1 ? " and " : ", ");
            String name = i == 0 ? "**" + r.get(i).label() + "**" : r.get(i).label();
            sb.append(name).append(" (").append(value(metric.apply(r.get(i)), u)).append(")");
        }
        sb.append('.');
        if (r.size() < 2) {
            return sb.toString();
        }
        Setting top = r.get(0);
        Stats.Sample ts = metric.apply(top);
        List<String> tied = new ArrayList<>();
        List<String> same = new ArrayList<>();
        List<String> apart = new ArrayList<>();
        List<String> untested = new ArrayList<>();
        for (int i = 1; i < r.size(); i++) {
            Stats.Sample os = metric.apply(r.get(i));
            Stats.Welch w = Stats.welch(ts, os);
            String name = r.get(i).label();
            switch (w.verdict()) {
                case TIE -> tied.add(name);
                case UNTESTED -> untested.add(name);
                case INDISTINGUISHABLE -> same.add(name + " (Welch " + p(w.p()) + ")");
                default -> apart.add(name + " (" + u.diff(-w.diff()) + (w.constantShift() ? " in every seed"
                        : ", Welch " + p(w.p())) + ")");
            }
        }
        if (!tied.isEmpty()) {
            sb.append(" Tied with ").append(top.label()).append(" (identical values in every seed): ")
                    .append(String.join(", ", tied)).append('.');
        }
        if (!untested.isEmpty()) {
            sb.append(" With one seed per setting nothing is tested, so ").append(top.label())
                    .append(" is not called better than ").append(String.join(", ", untested)).append('.');
        }
        if (!same.isEmpty()) {
            sb.append(" Indistinguishable from ").append(top.label()).append(" at ").append(ts.n()).append(" seeds: ")
                    .append(String.join(", ", same)).append('.');
        }
        if (!apart.isEmpty()) {
            sb.append(' ').append(higherIsBetter ? "Lower" : "Higher").append(" than ").append(top.label())
                    .append(" (p < 0.05): ").append(String.join(", ", apart)).append('.');
        }
        return sb.toString();
    }

    /** The settings whose metric is not distinguishable from the best one's (the best included), in ranking order. */
    public static List<Setting> topGroup(List<Setting> settings, Function<Setting, Stats.Sample> metric, boolean higherIsBetter) {
        List<Setting> r = new ArrayList<>(settings);
        Comparator<Setting> c = Comparator.comparingDouble(s -> metric.apply(s).mean());
        r.sort(higherIsBetter ? c.reversed() : c);
        List<Setting> out = new ArrayList<>();
        out.add(r.get(0));
        for (int i = 1; i < r.size(); i++) {
            if (!Stats.welch(metric.apply(r.get(0)), metric.apply(r.get(i))).significant()) {
                out.add(r.get(i));
            }
        }
        return out;
    }

    /** The measured table every task shows: one row per setting, mean ± 95 % CI over its seeds. */
    public static MarkdownTable settingsTable(List<Setting> settings) {
        MarkdownTable t = new MarkdownTable("setting", "seeds", "epochs run", "kept epoch", "kept weights",
                "test accuracy (%)", "val_accuracy of kept epoch (%)", "val_loss of kept epoch", "train s (total)", "s/epoch");
        for (Setting s : settings) {
            t.row(s.label(), s.seeds(), perSeed(s.epochsRun(), Unit.EPOCHS), perSeed(s.keptEpoch(), Unit.EPOCHS),
                    s.lastEpochModels() ? "last epoch" : "best val_loss epoch (restored)",
                    cell(s.testAccuracy(), Unit.PERCENT), cell(s.keptValAccuracy(), Unit.PERCENT),
                    cell(s.keptValLoss(), Unit.LOSS), cell(s.totalSeconds(), Unit.SECONDS), cell(s.secondsPerEpoch(), Unit.SECONDS));
        }
        return t;
    }

    /** The note under the measured table: what ± means, the evaluation set's binomial error, the timing machine. */
    public static String tableNote(List<Setting> settings, Context ctx) {
        int n = settings.stream().mapToInt(Setting::seeds).min().orElse(1);
        double acc = settings.stream().mapToDouble(s -> s.testAccuracy().mean()).average().orElse(Double.NaN);
        StringBuilder sb = new StringBuilder();
        List<Long> seeds = settings.get(0).seedList();
        sb.append("Epochs are listed per seed (").append(seeds.size() == 1 ? "seed " : "seeds ")
                .append(seeds.toString().replaceAll("[\\[\\]]", "")).append("). ");
        sb.append(n < 2 ? "One seed per setting: the values are single runs, no interval can be given. "
                : "± is the half-width of the 95 % Student-t interval of the mean over the " + n + " seeds. ");
        if (ctx.testCount() > 0) {
            sb.append("One model's test accuracy is measured on ").append(String.format(Locale.ROOT, "%,d", ctx.testCount()))
                    .append(" images, so at ").append(Unit.PERCENT.value(acc)).append(" it carries a binomial standard error of ")
                    .append(Unit.PERCENT.spread(Stats.binomialSe(acc, ctx.testCount()))).append("; ");
        }
        if (ctx.validationCount() > 0) {
            sb.append("validation accuracy is measured on ").append(String.format(Locale.ROOT, "%,d", ctx.validationCount()))
                    .append(" images (")
                    .append(Unit.PERCENT.spread(Stats.binomialSe(settings.stream().mapToDouble(s -> s.keptValAccuracy().mean())
                            .average().orElse(Double.NaN), ctx.validationCount()))).append("). ");
        }
        sb.append("Seconds are wall-clock training time including each epoch's validation pass, as recorded when the runs "
                + "were trained (runs loaded from the run cache keep the time of the machine that trained them; this "
                + "kernel runs on ").append(ctx.machine()).append(").\n");
        return sb.toString();
    }

    /** The first epoch (from 1) whose validation accuracy reaches {@code target}, or -1. */
    public static int epochsToReach(org.mnistablation.train.History h, double target) {
        for (var e : h.epochs()) {
            if (e.valAccuracy() >= target) {
                return e.epoch();
            }
        }
        return -1;
    }
}
