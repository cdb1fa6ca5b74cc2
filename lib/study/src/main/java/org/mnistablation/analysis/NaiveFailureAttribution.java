package org.mnistablation.analysis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mnistablation.image.Deviation;

/**
 * Attributes the naive pipeline's mistakes to causes, from which images failed: a cause is shown to break the naive
 * pipeline only by an image that differs from an MNIST digit in that one way and is misread; an image that differs
 * in several ways cannot say which of them did it. Every sentence is chosen by a condition on the outcomes.
 */
public final class NaiveFailureAttribution {

    /** One scored image: its measured deviations and the naive pipeline's prediction (with its probability). */
    public record Case(String name, int expected, Set<Deviation> deviations, int naivePredicted, double naiveP) {

        public Case {
            deviations = deviations.isEmpty() ? EnumSet.noneOf(Deviation.class) : EnumSet.copyOf(deviations);
        }

        boolean failed() {
            return naivePredicted != expected;
        }

        boolean only(Deviation d) {
            return deviations.size() == 1 && deviations.contains(d);
        }

        /** The seed's scenario: light ink on a dark canvas (no polarity or alpha problem), small and off-centre. */
        boolean seedScenario() {
            return !deviations.contains(Deviation.POLARITY) && !deviations.contains(Deviation.TRANSPARENCY)
                    && deviations.contains(Deviation.POSITION) && deviations.contains(Deviation.SIZE);
        }
    }

    private NaiveFailureAttribution() {
    }

    /** The attribution in three parts, each a list of Markdown bullet lines; unlabelled cases are ignored. */
    public record Attribution(List<String> overview, List<String> causes, List<String> seedScenario) {

        /** Every line, in order. */
        public List<String> all() {
            List<String> out = new ArrayList<>(overview);
            out.addAll(causes);
            out.addAll(seedScenario);
            return out;
        }
    }

    /** Markdown bullet lines (each starting with "- "). Unlabelled cases (expected &lt; 0) are ignored. */
    public static List<String> findings(List<Case> all) {
        return attribute(all).all();
    }

    public static Attribution attribute(List<Case> all) {
        List<Case> cases = all.stream().filter(c -> c.expected() >= 0).toList();
        if (cases.isEmpty()) {
            return new Attribution(List.of("- No file name gives the digit drawn, so no naive prediction can be scored or "
                    + "attributed."), List.of(), List.of());
        }
        return new Attribution(overview(cases), causes(cases), seed(cases));
    }

    private static List<String> overview(List<Case> cases) {
        List<String> out = new ArrayList<>();
        List<Case> failures = cases.stream().filter(Case::failed).toList();
        int usual = dominantClass(cases);
        if (usual >= 0) {
            long n = cases.stream().filter(c -> c.naivePredicted() == usual).count();
            out.add("- The naive pipeline reads **" + n + " of " + cases.size() + "** scored images as **" + usual
                    + "**, whatever digit they show: a correct " + usual + " from it is as likely its usual answer as a reading.");
        }
        out.add("- The naive pipeline misread **" + failures.size() + " of " + cases.size() + "** scored images"
                + (failures.isEmpty() ? "." : ": " + names(failures) + "."));

        return out;
    }

    private static List<String> causes(List<Case> cases) {
        List<String> out = new ArrayList<>();
        List<Case> failures = cases.stream().filter(Case::failed).toList();
        List<Deviation> shownCauses = new ArrayList<>();
        for (Deviation d : Deviation.values()) {
            List<Case> alone = cases.stream().filter(c -> c.only(d)).toList();
            List<Case> with = cases.stream().filter(c -> c.deviations().contains(d)).toList();
            List<Case> aloneFailed = alone.stream().filter(Case::failed).toList();
            String label = "**" + d.cause() + "** (" + d.description() + ")";
            if (with.isEmpty()) {
                out.add("- " + label + ": no image shows it, so it is not tested.");
            } else if (alone.isEmpty()) {
                out.add("- " + label + ": every image that shows it (" + names(with) + ") also differs in another way, "
                        + "so its own effect cannot be separated.");
            } else if (aloneFailed.size() == alone.size()) {
                shownCauses.add(d);
                out.add("- " + label + " broke the naive pipeline " + (alone.size() == 1 ? "in the one sample" : "in all "
                        + alone.size() + " samples") + " differing from MNIST only by it (" + readings(aloneFailed) + ")" + (alone.size() == 1 ? "; one sample shows it can, not that it always does." : "."));
            } else if (aloneFailed.isEmpty()) {
                out.add("- " + label + " alone did not break it: " + names(alone) + " differ" + (alone.size() == 1 ? "s" : "")
                        + " from MNIST only by it and " + (alone.size() == 1 ? "was" : "were") + " read correctly.");
            } else {
                shownCauses.add(d);
                out.add("- " + label + " breaks it sometimes: " + aloneFailed.size() + " of " + alone.size()
                        + " images differing only by it were misread (" + readings(aloneFailed) + ").");
            }
        }

        for (Case f : failures) {
            if (f.deviations().isEmpty()) {
                out.add("- " + f.name() + " was misread (" + reading(f) + ") although it shows none of the measured "
                        + "deviations: the model's own error on this drawing, not the pipeline's.");
            } else if (f.deviations().size() > 1) {
                List<Deviation> known = f.deviations().stream().filter(shownCauses::contains).toList();
                String devs = f.deviations().stream().map(Deviation::cause).collect(Collectors.joining(", "));
                out.add("- " + f.name() + " (" + reading(f) + ") differs in " + devs + ": "
                        + (known.isEmpty() ? "none of these broke the pipeline on its own here, so the failure comes from "
                        + "their combination (or from something not measured)."
                        : "explained by " + known.stream().map(Deviation::cause).collect(Collectors.joining(" and "))
                        + (known.size() == 1 ? ", which fails on its own" : ", each of which fails on its own")
                        + (known.size() < f.deviations().size() ? "; the others may add to it." : ".")));
            }
        }

        List<Case> clean = cases.stream().filter(c -> c.deviations().isEmpty()).toList();
        if (!clean.isEmpty()) {
            long right = clean.stream().filter(c -> !c.failed()).count();
            out.add("- Control: " + right + " of " + clean.size() + " images with none of the deviations (" + names(clean)
                    + ") " + (clean.size() == 1 ? "was" : "were") + " read correctly by the naive pipeline.");
        }

        List<Case> polarity = cases.stream().filter(c -> c.deviations().contains(Deviation.POLARITY)).toList();
        if (polarity.size() >= 2 && polarity.stream().mapToInt(Case::naivePredicted).distinct().count() == 1) {
            int p = polarity.get(0).naivePredicted();
            List<Case> lucky = polarity.stream().filter(c -> !c.failed()).toList();
            out.add("- All " + polarity.size() + " dark-on-light images are read as **" + p + "** by the naive pipeline, "
                    + "whatever digit they show" + (lucky.isEmpty() ? "." : "; so " + names(lucky) + " scored right by coincidence."));
        }

        return out;
    }

    private static List<String> seed(List<Case> cases) {
        List<String> out = new ArrayList<>();
        int usual = dominantClass(cases);
        List<Case> seed = cases.stream().filter(Case::seedScenario).toList();
        if (seed.isEmpty()) {
            out.add("- No scored image has the seed's failure scenario (light ink on a dark canvas, small and off-centre), "
                    + "so whether the seed's failure reproduces is not tested.");
        }
        for (Case s : seed) {
            if (s.failed()) {
                out.add("- **The seed's failure reproduces with this model**: " + s.name() + " (" + scenario(s) + ") is read as " + reading(s)
                        + (s.expected() == 7 && s.naivePredicted() == 3 ? ", the same misreading as the seed's (its 7 read as a 3)." : "."));
            } else if (s.naivePredicted() == usual) {
                out.add("- **Whether the seed's failure reproduces is not shown**: " + s.name() + " (" + scenario(s)
                        + ") is read as " + reading(s) + ", the naive pipeline's usual answer, so being right here says "
                        + "little.");
            } else {
                out.add("- **The seed's failure does not reproduce with this model**: " + s.name()
                        + " (" + scenario(s) + ") is read correctly, as " + reading(s) + ".");
            }
        }
        return out;
    }

    static String scenario(Case s) {
        return "light ink on a dark canvas, small, off-centre" + (s.deviations().contains(Deviation.STROKE) ? ", thin pen" : "");
    }

    /** The class the naive pipeline answers for more than half of the scored images (three or more), or -1. */
    public static int dominantClass(List<Case> cases) {
        List<Case> scored = cases.stream().filter(c -> c.expected() >= 0).toList();
        for (int k = 0; k < 10; k++) {
            int cls = k;
            if (scored.size() >= 3 && scored.stream().filter(c -> c.naivePredicted() == cls).count() * 2 > scored.size()) {
                return k;
            }
        }
        return -1;
    }

    static String names(List<Case> cases) {
        return cases.stream().map(Case::name).collect(Collectors.joining(", "));
    }

    static String reading(Case c) {
        return c.naivePredicted() + " (" + Fmt.pct(c.naiveP()) + ")";
    }

    static String readings(List<Case> cases) {
        return cases.stream().map(c -> c.name() + " as " + reading(c)).collect(Collectors.joining("; "));
    }
}
