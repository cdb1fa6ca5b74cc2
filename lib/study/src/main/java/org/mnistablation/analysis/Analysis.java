package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.Setting;

/**
 * A task's analysis as data: its settings (one table row each, with extra columns the notebook asks for), the
 * answers to the task's questions (each a list of {@link Claim}s the notebook states) and further claims for the
 * details. {@link #evaluate()} compares, adjusts every tested p-value with Holm over the whole family of the
 * analysis, and decides each answer's {@link Outcome}; {@link Renderer} turns the result into sentences.
 *
 * <pre>{@code
 * new Analysis("Task 05 — Dropout", List.of(d0, d01, d03))
 *     .answer("Q1", new Claim.Direction(gap, Stats.Verdict.LOWER, List.of(new Claim.Pair(d01, d0))))
 *     .evaluate();
 * }</pre>
 */
public final class Analysis {

    private final String title;
    private final List<Setting> settings;
    private final List<Measure> columns = new ArrayList<>();
    private final Map<String, List<Claim>> answers = new LinkedHashMap<>();
    private final List<Claim> details = new ArrayList<>();

    public Analysis(String title, List<Setting> settings) {
        this.title = title;
        this.settings = List.copyOf(settings);
    }

    /** Extra table columns after the standard ones. */
    public Analysis columns(Measure... measures) {
        columns.addAll(List.of(measures));
        return this;
    }

    /** The answer to question {@code id} (e.g. "Q1", as the notebook's markdown numbers it). */
    public Analysis answer(String id, Claim... claims) {
        if (claims.length == 0) {
            throw new IllegalArgumentException("answer " + id + " needs at least one claim (or notMeasured(why))");
        }
        if (answers.putIfAbsent(id, List.of(claims)) != null) {
            throw new IllegalArgumentException("question " + id + " is answered twice");
        }
        return this;
    }

    /** Claims reported under Details only. */
    public Analysis detail(Claim... claims) {
        details.addAll(List.of(claims));
        return this;
    }

    /** One evaluated part of an answer. */
    public sealed interface Part {
        record Compared(Claim.Direction claim, List<Comparison> comparisons) implements Part {
        }

        record Spread(Claim.Differs claim, List<Comparison> comparisons) implements Part {
        }

        record Ranked(Claim.Best claim, List<Setting> order, List<Comparison> vsLeader, List<Setting> leaders) implements Part {
        }

        record Described(Claim.Describe claim) implements Part {
        }

        record Unmeasured(String reason) implements Part {
        }
    }

    /** An evaluated answer. */
    public record Answered(String id, Outcome outcome, List<Setting> leaders, List<Part> parts, int seeds) {
    }

    /**
     * The evaluated analysis: every comparison of the family once (with its Holm-adjusted p), the answers, and the
     * detail parts.
     */
    public record Result(String title, List<Setting> settings, List<Measure> columns, List<Answered> answers,
                         List<Part> details, List<Comparison> family) {
    }

    public Result evaluate() {
        Map<String, Comparison> family = new LinkedHashMap<>();
        List<Claim> all = new ArrayList<>();
        answers.values().forEach(all::addAll);
        all.addAll(details);
        for (Claim c : all) {
            for (Comparison x : comparisonsOf(c)) {
                family.putIfAbsent(key(x), x);
            }
        }
        List<String> tested = family.entrySet().stream().filter(e -> e.getValue().tested()).map(Map.Entry::getKey).toList();
        double[] adjusted = Holm.adjust(tested.stream().mapToDouble(k -> family.get(k).test().p()).toArray());
        for (int i = 0; i < tested.size(); i++) {
            family.put(tested.get(i), family.get(tested.get(i)).adjusted(adjusted[i]));
        }
        List<Answered> out = new ArrayList<>();
        answers.forEach((id, claims) -> out.add(answered(id, claims.stream().map(c -> part(c, family)).toList())));
        List<Part> detailParts = details.stream().map(c -> part(c, family)).toList();
        return new Result(title, settings, List.copyOf(columns), out, detailParts, List.copyOf(family.values()));
    }

    private static String key(Comparison c) {
        return c.measure().name() + "\u0000" + c.a().label() + "\u0000" + c.b().label();
    }

    private static List<Comparison> comparisonsOf(Claim c) {
        if (c instanceof Claim.Direction d) {
            return d.pairs().stream().map(p -> Comparison.of(d.measure(), p.a(), p.b())).toList();
        }
        if (c instanceof Claim.Differs d) {
            List<Comparison> out = new ArrayList<>();
            for (int i = 0; i < d.settings().size(); i++) {
                for (int j = i + 1; j < d.settings().size(); j++) {
                    out.add(Comparison.of(d.measure(), d.settings().get(i), d.settings().get(j)));
                }
            }
            return out;
        }
        if (c instanceof Claim.Best b) {
            List<Setting> order = ranked(b);
            return order.subList(1, order.size()).stream().map(o -> Comparison.of(b.measure(), order.get(0), o)).toList();
        }
        return List.of();
    }

    static List<Setting> ranked(Claim.Best b) {
        Comparator<Setting> c = Comparator.comparingDouble(s -> b.measure().of(s).mean());
        List<Setting> order = new ArrayList<>(b.settings());
        order.sort(b.higherIsBetter() ? c.reversed() : c);
        return order;
    }

    private static Part part(Claim c, Map<String, Comparison> family) {
        if (c instanceof Claim.Direction d) {
            return new Part.Compared(d, comparisonsOf(d).stream().map(x -> family.get(key(x))).toList());
        }
        if (c instanceof Claim.Differs d) {
            return new Part.Spread(d, comparisonsOf(d).stream().map(x -> family.get(key(x))).toList());
        }
        if (c instanceof Claim.Best b) {
            List<Setting> order = ranked(b);
            List<Comparison> vs = comparisonsOf(b).stream().map(x -> family.get(key(x))).toList();
            List<Setting> leaders = new ArrayList<>();
            leaders.add(order.get(0));
            for (Comparison x : vs) {
                Stats.Verdict v = x.verdict();
                if (v != Stats.Verdict.HIGHER && v != Stats.Verdict.LOWER) {
                    leaders.add(x.b());
                }
            }
            return new Part.Ranked(b, order, vs, leaders);
        }
        if (c instanceof Claim.Describe d) {
            return new Part.Described(d);
        }
        return new Part.Unmeasured(((Claim.NotMeasured) c).reason());
    }

    private Answered answered(String id, List<Part> parts) {
        int holds = 0;
        int opposite = 0;
        int untested = 0;
        int n = 0;
        boolean ranked = false;
        boolean described = false;
        List<Setting> leaders = List.of();
        int seeds = settings.stream().mapToInt(Setting::seeds).min().orElse(0);
        for (Part p : parts) {
            if (p instanceof Part.Compared c) {
                for (Comparison x : c.comparisons()) {
                    n++;
                    Stats.Verdict v = x.verdict();
                    if (v == c.claim().expected()) {
                        holds++;
                    } else if (v == Stats.Verdict.HIGHER || v == Stats.Verdict.LOWER) {
                        opposite++;
                    } else if (v == Stats.Verdict.UNTESTED) {
                        untested++;
                    }
                }
            } else if (p instanceof Part.Spread sp) {
                // one directional part: it holds when any pair is separated
                n++;
                long separated = sp.comparisons().stream().filter(x -> x.verdict() == Stats.Verdict.HIGHER
                        || x.verdict() == Stats.Verdict.LOWER).count();
                if (separated > 0) {
                    holds++;
                } else if (sp.comparisons().stream().anyMatch(x -> x.verdict() == Stats.Verdict.UNTESTED)) {
                    untested++;
                }
            } else if (p instanceof Part.Ranked r) {
                ranked = true;
                leaders = r.leaders();
                untested += (int) r.vsLeader().stream().filter(x -> x.verdict() == Stats.Verdict.UNTESTED).count();
            } else if (p instanceof Part.Described) {
                described = true;
            }
        }
        Outcome o;
        if (n > 0) {
            o = holds == n ? Outcome.YES : holds > 0 ? Outcome.PARTLY : opposite > 0 ? Outcome.NO
                    : untested > 0 ? Outcome.UNTESTED : Outcome.NOT_SHOWN;
        } else if (ranked) {
            o = untested > 0 ? Outcome.UNTESTED : Outcome.LEADS;
        } else {
            o = described ? Outcome.MEASURED : Outcome.NOT_MEASURED;
        }
        return new Answered(id, o, leaders, parts, seeds);
    }
}
