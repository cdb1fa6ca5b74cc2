package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mnistablation.cache.Setting;

/**
 * The one place where an analysis becomes sentences: the answers first (the question as the notebook's markdown
 * words it, then the verdict and the numbers that decide it), one compact table, then every comparison in the
 * details. It knows no task: every word of a question comes from the notebook, every number from the result.
 */
public final class Renderer {

    /** How verdicts are worded: answers to questions ("Yes."), or verdicts on claims ("supported"). */
    public enum Voice { ANSWERS, CLAIMS }

    private Renderer() {
    }

    /**
     * The whole analysis: title, data line, the answers (or, in the claims voice, the verdict table), the results
     * table, the notebook's own {@code extra} markdown (the Summary's Method), then Details.
     */
    public static String document(Analysis.Result r, Context ctx, Map<String, String> questions, Voice voice,
                                  String extra) {
        String first = voice == Voice.ANSWERS ? "## Answers\n\n" + answers(r, questions)
                : "## Verdicts\n\n" + claimTable(r, questions) + "\n";
        // in the claims voice the verdict table already holds every comparison's numbers
        return "# " + r.title() + "\n\n" + dataLine(r, ctx) + "\n\n" + first + "## Results\n\n" + table(r) + "\n"
                + (extra == null || extra.isBlank() ? "" : extra.strip() + "\n\n")
                + (voice == Voice.ANSWERS ? details(r) : "");
    }

    /** "_MNIST: 55,000 training / 5,000 validation / 10,000 test images; 5 seeds per setting; … Method._" */
    public static String dataLine(Analysis.Result r, Context ctx) {
        int seeds = r.settings().stream().mapToInt(Setting::seeds).min().orElse(0);
        return String.format(Locale.ROOT, "_%s: %,d training / %,d validation / %,d test images; %s. "
                        + "± is a 95 %% interval over the seeds; tests and rules: [Method](%s#method)._",
                ctx.dataset().displayName(), ctx.trainCount(), ctx.validationCount(), ctx.testCount(),
                seeds == 1 ? "one seed per setting" : seeds + " seeds per setting", "Summary.md");
    }

    /** One paragraph per answer: **question** **verdict** evidence. */
    public static String answers(Analysis.Result r, Map<String, String> questions) {
        StringBuilder sb = new StringBuilder();
        for (Analysis.Answered a : r.answers()) {
            sb.append("**").append(questions.getOrDefault(a.id(), a.id())).append("** ");
            String open = opening(a, Voice.ANSWERS);
            if (!open.isEmpty()) {
                sb.append("**").append(open).append("** ");
            }
            sb.append(evidence(a)).append("\n\n");
        }
        return sb.toString();
    }

    /** A claim table: claim part → verdict → the numbers that decide it. */
    public static String claimTable(Analysis.Result r, Map<String, String> claims) {
        MarkdownTable t = new MarkdownTable("claim", "verdict", "deciding numbers");
        for (Analysis.Answered a : r.answers()) {
            t.row(claims.getOrDefault(a.id(), a.id()), "**" + opening(a, Voice.CLAIMS) + "**",
                    evidence(a));
        }
        return t.toString();
    }

    /** The verdict words that open an answer. */
    static String opening(Analysis.Answered a, Voice v) {
        boolean claims = v == Voice.CLAIMS;
        return switch (a.outcome()) {
            case YES -> claims ? "supported" : "Yes.";
            case PARTLY -> claims ? "partly supported" : "Partly.";
            case NO -> claims ? "contradicted" : "No.";
            case NOT_SHOWN -> (claims ? "not shown at " : "Not shown at ") + a.seeds() + (a.seeds() == 1 ? " seed" : " seeds")
                    + (claims ? "" : ".");
            case UNTESTED -> claims ? "not tested (one seed)" : "Not tested (one seed).";
            case NOT_MEASURED -> claims ? "not measured" : "Not measured.";
            case MEASURED -> claims ? "measured, no claim tested" : "";
            case LEADS -> a.leaders().size() == 1 ? a.leaders().get(0).label() + (claims ? "" : ".")
                    : names(a.leaders()) + (claims ? ", not separated" : ", not separated at " + a.seeds() + " seeds.");
        };
    }

    /**
     * The numbers of an answer's parts, one sentence per measure: consecutive comparisons of the same measure share
     * it ("gap: A vs B, lower; C vs B, lower."). A lone unmeasured part is the reason alone (the verdict says it).
     */
    static String evidence(Analysis.Answered a) {
        List<String> out = new ArrayList<>();
        List<Comparison> run = new ArrayList<>();
        for (Analysis.Part p : a.parts()) {
            if (p instanceof Analysis.Part.Compared c && (run.isEmpty()
                    || run.get(0).measure().name().equals(c.claim().measure().name()))) {
                run.addAll(c.comparisons());
                continue;
            }
            flush(run, out);
            if (p instanceof Analysis.Part.Compared c) {
                run.addAll(c.comparisons());
            } else if (p instanceof Analysis.Part.Unmeasured u && a.outcome() == Outcome.NOT_MEASURED) {
                out.add(capitalised(u.reason()));
            } else {
                out.add(evidence(p));
            }
        }
        flush(run, out);
        return String.join(" ", out);
    }

    private static void flush(List<Comparison> run, List<String> out) {
        if (!run.isEmpty()) {
            out.add(run.get(0).measure().name() + ": " + run.stream().map(Renderer::brief).collect(Collectors.joining("; ")) + ".");
            run.clear();
        }
    }

    /** The numbers of one part, as one or two sentences. */
    static String evidence(Analysis.Part p) {
        if (p instanceof Analysis.Part.Compared c) {
            return c.claim().measure().name() + ": " + c.comparisons().stream().map(Renderer::brief)
                    .collect(Collectors.joining("; ")) + ".";
        }
        if (p instanceof Analysis.Part.Spread sp) {
            List<Comparison> apart = sp.comparisons().stream().filter(x -> x.verdict() == Stats.Verdict.HIGHER
                    || x.verdict() == Stats.Verdict.LOWER).toList();
            Measure m = sp.claim().measure();
            return m.name() + ": " + apart.size() + " of " + sp.comparisons().size() + " pairs separated"
                    + (apart.isEmpty() ? "" : " (" + apart.stream().map(x -> x.a().label()
                    + (x.verdict() == Stats.Verdict.HIGHER ? " > " : " < ") + x.b().label()
                    + (x.test().constantShift() ? " in every seed" : ", Holm " + p(x.pAdjusted())))
                    .collect(Collectors.joining("; ")) + ")")
                    + "; " + sp.claim().settings().stream().map(s -> s.label() + " " + value(m.of(s), m.unit()))
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (p instanceof Analysis.Part.Ranked r) {
            List<String> out = new ArrayList<>();
            Measure m = r.claim().measure();
            out.add(r.order().get(0).label() + " " + value(m, r.order().get(0)));
            for (Comparison x : r.vsLeader()) {
                out.add(x.b().label() + " " + value(m, x.b()) + " (" + verdictWords(x, true) + ")");
            }
            return m.name() + ": " + String.join("; ", out) + ".";
        }
        if (p instanceof Analysis.Part.Described d) {
            Measure m = d.claim().measure();
            return m.name() + ": " + d.claim().settings().stream().map(s -> s.label() + " " + value(m, s))
                    .collect(Collectors.joining("; ")) + ".";
        }
        return "Not measured: " + ((Analysis.Part.Unmeasured) p).reason();
    }

    /** "dropout 0.1 0.0113 vs dropout 0 0.0299, lower (Holm p < 0.001)". */
    static String brief(Comparison c) {
        Measure m = c.measure();
        return c.a().label() + " " + value(m, c.a()) + " vs " + c.b().label() + " " + value(m, c.b())
                + ", " + verdictWords(c, false) + (m.capped(c.a()) || m.capped(c.b()) ? " (a side stopped at its cap, so the difference is a bound)" : "");
    }

    /** "lower (Holm p = 0.012)", "not separated (Holm p = 0.41)", "lower in every seed", "identical", "one seed". */
    static String verdictWords(Comparison c, boolean againstLeader) {
        return verdictWords(c, againstLeader, true);
    }

    /** As {@link #verdictWords(Comparison, boolean)}, with or without the adjusted p. */
    static String verdictWords(Comparison c, boolean againstLeader, boolean withP) {
        Stats.Verdict v = c.verdict();
        String lowerHigher = againstLeader ? (v == Stats.Verdict.HIGHER ? "lower" : "higher")
                : (v == Stats.Verdict.HIGHER ? "higher" : "lower");
        return switch (v) {
            case TIE -> "identical in every seed";
            case UNTESTED -> "one seed, not tested";
            case INDISTINGUISHABLE -> "not separated" + (withP ? ", Holm " + p(c.pAdjusted()) : "");
            case HIGHER, LOWER -> c.test().constantShift() ? lowerHigher + " in every seed, paired"
                    : lowerHigher + (withP ? ", Holm " + p(c.pAdjusted()) : "");
        };
    }

    /** The compact table: one row per setting, its columns the analysis's measures. */
    public static String table(Analysis.Result r) {
        List<String> header = new ArrayList<>(List.of("setting"));
        r.columns().forEach(m -> header.add(m.name() + m.unit().header()));
        MarkdownTable t = new MarkdownTable(header.toArray(String[]::new));
        for (Setting s : r.settings()) {
            List<Object> row = new ArrayList<>(List.of(s.label()));
            r.columns().forEach(m -> row.add(cell(m.of(s), m.unit())));
            t.row(row.toArray());
        }
        return t.toString();
    }

    /** Every comparison of the family once, numbers first, then its detail claims. */
    public static String details(Analysis.Result r) {
        StringBuilder sb = new StringBuilder("<details><summary>Details: every comparison (difference ± its 95 % interval)</summary>\n\n");
        for (Comparison c : r.family()) {
            Unit u = c.measure().unit();
            // the values themselves stand in the answers and the table; here the difference and its test
            sb.append("- ").append(c.measure().name()).append(", ").append(c.a().label()).append(" − ")
                    .append(c.b().label()).append(": ").append(u.diff(c.test().diff()));
            if (c.tested()) {
                sb.append(" ± ").append(u.spread(c.test().halfWidth95())).append(" (Welch ").append(p(c.test().p()))
                        .append(", Holm ").append(p(c.pAdjusted())).append(')');
            }
            sb.append(": ").append(verdictWords(c, false, false)).append(".\n");
        }
        for (Analysis.Part p : r.details()) {
            if (p instanceof Analysis.Part.Described || p instanceof Analysis.Part.Unmeasured) {
                sb.append("- ").append(evidence(p)).append('\n');
            }
        }
        return sb.append("\n</details>\n").toString();
    }

    /** The measure's value for a setting; "(the cap for every seed)" when every run stopped at its cap. */
    static String value(Measure m, Setting s) {
        return value(m.of(s), m.unit()) + (m.capped(s) ? " (the cap for every seed)" : "");
    }

    /** A value with its interval ("97.80 % ± 0.13 pp"), a count of seeds ("3 of 5 seeds"), or a range of epochs. */
    static String value(Stats.Sample s, Unit u) {
        if (Double.isNaN(s.mean())) {
            return "none to measure";
        }
        if (u == Unit.FLAG) {
            return Math.round(s.mean() * s.n()) + " of " + s.n() + (s.n() == 1 ? " seed" : " seeds");
        }
        if (u == Unit.EPOCHS) {
            return epochs(s);
        }
        return s.n() < 2 || s.sd() == 0 ? u.value(s.mean()) : u.value(s.mean()) + " ± " + u.spread(s.halfWidth95());
    }

    /** A table cell: as {@link #value} without the unit ("97.80 ± 0.13"). */
    static String cell(Stats.Sample s, Unit u) {
        if (Double.isNaN(s.mean())) {
            return "—";
        }
        if (u == Unit.FLAG) {
            return Math.round(s.mean() * s.n()) + " of " + s.n();
        }
        if (u == Unit.EPOCHS) {
            return epochs(s);
        }
        return s.n() < 2 || s.sd() == 0 ? u.number(s.mean()) : u.number(s.mean()) + " ± " + u.number(s.halfWidth95());
    }

    /** "5" when every seed has the same count, else "8–12". */
    static String epochs(Stats.Sample s) {
        long lo = Math.round(s.min());
        long hi = Math.round(s.max());
        return lo == hi ? String.valueOf(lo) : lo + "–" + hi;
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
    }

    static String names(List<Setting> s) {
        List<String> n = s.stream().map(Setting::label).toList();
        return n.size() == 1 ? n.get(0) : String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
    }
}
