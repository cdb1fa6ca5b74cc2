package org.mnistablation.train;

/**
 * The generator of {@code java.util.SplittableRandom} (SplitMix64 with the golden-ratio gamma), with its state
 * readable and restorable, for the dropout masks of a run continued from a {@link Checkpoint}.
 * {@code new SplitMix64(s).nextDouble()} returns what {@code new SplittableRandom(s).nextDouble()} does.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    /** The generator {@code new SplittableRandom(seed)} starts as. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** A generator continuing from {@code state} (a value {@link #state()} returned). */
    static SplitMix64 restored(long state) {
        return new SplitMix64(state);
    }

    long state() {
        return state;
    }

    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1), as {@code SplittableRandom.nextDouble()}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
