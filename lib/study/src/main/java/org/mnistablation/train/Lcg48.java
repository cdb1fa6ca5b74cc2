package org.mnistablation.train;

/**
 * The generator of {@code java.util.Random} (48-bit linear congruential, as its documentation specifies it), with
 * its state readable and restorable: a run continued from a {@link Checkpoint} shuffles its next epochs exactly as
 * the run that never stopped. {@code new Lcg48(s).nextInt(b)} returns what {@code new Random(s).nextInt(b)} does.
 */
final class Lcg48 {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    /** The generator {@code new Random(seed)} starts as. */
    Lcg48(long seed) {
        this.state = (seed ^ MULTIPLIER) & MASK;
    }

    private Lcg48() {
    }

    /** A generator continuing from {@code state} (a value {@link #state()} returned). */
    static Lcg48 restored(long state) {
        Lcg48 g = new Lcg48();
        g.state = state & MASK;
        return g;
    }

    long state() {
        return state;
    }

    private int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** A uniform int in [0, bound), as {@code Random.nextInt(bound)}. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        int r = next(31);
        int m = bound - 1;
        if ((bound & m) == 0) {
            return (int) ((bound * (long) r) >> 31);
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
            // rejected: u fell in the incomplete last block of [0, 2^31)
        }
        return r;
    }
}
