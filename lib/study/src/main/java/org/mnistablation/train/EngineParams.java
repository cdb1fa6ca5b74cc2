package org.mnistablation.train;

import java.nio.FloatBuffer;

/**
 * A dense stack's parameters (or their gradient, or an optimizer's moment of them) as the fused engine keeps them in
 * Java arrays. Input-major: the first layer's kernel as one row of {@code out(0)} weights per input, so a step can
 * skip the inputs that are zero ({@link SparseProduct}), and everything after it ({@code b0, W1, b1, …}) as one flat
 * array in DL4J's order ({@link ParamLayout}); otherwise all of it as one flat array in DL4J's order. Element-wise work
 * (the update rules) runs over the {@link #segments()}; conversions to and from DL4J's flat vector transpose an
 * input-major first kernel.
 */
final class EngineParams {

    private final ParamLayout layout;
    /** first[k][o]: the weight from input k to unit o of the first layer (no rows unless input-major). */
    final float[][] first;
    /** DL4J's flat vector from {@link #restStart()} on. */
    final float[] rest;
    private final int restStart;
    private final float[][] segments;

    EngineParams(ParamLayout layout, boolean inputMajor) {
        this.layout = layout;
        int in = inputMajor ? layout.in(0) : 0;
        int out = layout.out(0);
        first = new float[in][out];
        restStart = inputMajor ? (int) layout.bias(0) : 0;
        rest = new float[(int) layout.size() - restStart];
        segments = new float[in + 1][];
        System.arraycopy(first, 0, segments, 0, in);
        segments[in] = rest;
    }

    /** Where {@link #rest} starts in DL4J's flat vector: after the first kernel when input-major, else 0. */
    int restStart() {
        return restStart;
    }

    /** A zero-filled vector of the same layout. */
    EngineParams zeros() {
        return new EngineParams(layout, first.length > 0);
    }

    /** The arrays that together hold every element once: the first kernel's rows, then the rest. */
    float[][] segments() {
        return segments;
    }

    int size() {
        return (int) layout.size();
    }

    /** Takes every value from a DL4J flat vector. */
    void read(FloatBuffer flat) {
        int in = first.length;
        int out = layout.out(0);
        float[] unit = new float[in];
        for (int o = 0; o < out; o++) {
            flat.get(o * in, unit, 0, in);
            for (int k = 0; k < in; k++) {
                first[k][o] = unit[k];
            }
        }
        flat.get(restStart, rest, 0, rest.length);
    }

    /** Writes every value into a DL4J flat vector. */
    void write(FloatBuffer flat) {
        int in = first.length;
        int out = layout.out(0);
        float[] unit = new float[in];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < in; k++) {
                unit[k] = first[k][o];
            }
            flat.put(o * in, unit, 0, in);
        }
        flat.put(restStart, rest, 0, rest.length);
    }

    void read(float[] flat) {
        check(flat.length);
        read(FloatBuffer.wrap(flat));
    }

    /** A DL4J flat vector of these values. */
    float[] toFlat() {
        float[] flat = new float[size()];
        write(FloatBuffer.wrap(flat));
        return flat;
    }

    private void check(int length) {
        if (length != size()) {
            throw new IllegalArgumentException("the network has " + size() + " parameters, got " + length);
        }
    }
}
