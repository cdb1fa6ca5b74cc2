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

    /**
     * A dropout mask: {@code mask[i] = nextDouble() < rate ? 0f : kept} for i in [0, n), in that order, with the
     * generator left where those n calls would leave it. Without the calls, the conversion to double and the branch:
     * {@code (x >>> 11)·2⁻⁵³ < rate} exactly when the integer {@code x >>> 11} is below ⌈rate·2⁵³⌉ (the scaling by a
     * power of two is exact), and the choice is made with bit masks: 4096 values (a batch-32 mask over 128 units) took
     * 23–29 µs by calls, 6.3–6.4 µs so.
     */
    void fillMask(float[] mask, int n, double rate, float kept) {
        long threshold = (long) Math.ceil(rate * 0x1p53);
        int keptBits = Float.floatToRawIntBits(kept);
        long s = state;
        for (int i = 0; i < n; i++) {
            long z = s += GOLDEN_GAMMA;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            z = z ^ (z >>> 31);
            int drop = (int) (((z >>> 11) - threshold) >> 63); // all ones when dropped
            mask[i] = Float.intBitsToFloat(keptBits & ~drop);
        }
        state = s;
    }
}
