package org.mnistablation.analysis;

import java.util.List;
import org.mnistablation.cache.Setting;

/**
 * What a notebook asks of its runs to answer one question. The notebook chooses the roles (which setting is the
 * reference, which way the claim points); the analysis measures and tests; the renderer writes the sentence.
 */
public sealed interface Claim {

    /** Two settings in a claim: {@code a} is said to be higher or lower than {@code b}. */
    record Pair(Setting a, Setting b) {
    }

    /**
     * "a is higher (lower) than b on this measure", for each pair. Holds where the Holm-adjusted test (or a paired
     * difference of the same sign in every seed) says so.
     */
    record Direction(Measure measure, Stats.Verdict expected, List<Pair> pairs) implements Claim {
        public Direction {
            if (expected != Stats.Verdict.HIGHER && expected != Stats.Verdict.LOWER) {
                throw new IllegalArgumentException("a direction is HIGHER or LOWER, got " + expected);
            }
            pairs = List.copyOf(pairs);
        }
    }

    /** "The setting matters": some pair of the settings differs on the measure (any direction). */
    record Differs(Measure measure, List<Setting> settings) implements Claim {
        public Differs {
            settings = List.copyOf(settings);
            if (settings.size() < 2) {
                throw new IllegalArgumentException("a difference needs two settings or more");
            }
        }
    }

    /** Which setting is best on the measure; settings not separated from the leader share the lead. */
    record Best(Measure measure, boolean higherIsBetter, List<Setting> settings) implements Claim {
        public Best {
            settings = List.copyOf(settings);
            if (settings.size() < 2) {
                throw new IllegalArgumentException("a ranking needs two settings or more");
            }
        }
    }

    /** The measure's values per setting, stated without a test (counts, epochs, what a table cannot hold). */
    record Describe(Measure measure, List<Setting> settings) implements Claim {
        public Describe {
            settings = List.copyOf(settings);
        }
    }

    /** A part of the question these runs do not measure, with the notebook's reason. */
    record NotMeasured(String reason) implements Claim {
    }
}
