package org.mnistablation.train;

import java.nio.FloatBuffer;

/**
 * A dense stack's parameters (or their gradient, or an optimizer's moment of them) as the fused engine keeps them in
 * Java arrays. Input-major: the first layer's kernel as one row of {@code out(0)} weights per input, the rows one
 * after another in one array, so a step can skip the inputs that are zero ({@link SparseProduct}) and an update rule
 * still runs over one long array (over 784 separate rows of 128, Adam's update took 67–81 µs a step instead of
 * 41–49 in a microbenchmark), and everything after it ({@code b0, W1, b1, …}) as one flat
 * array in DL4J's order ({@link ParamLayout}); otherwise all of it as one flat array in DL4J's order. Element-wise work
 * (the update rules) runs over the {@link #segments()}; conversions to and from DL4J's flat vector transpose an
 * input-major first kernel.
 */
final class EngineParams {

    private final ParamLayout layout;
    /** first[k·out(0) + o]: the weight from input k to unit o of the first layer (empty unless input-major). */
    final float[] first;
    /** Inputs in {@link #first} (0 unless input-major). */
    private final int inputs;
    /** DL4J's flat vector from {@link #restStart()} on. */
    final float[] rest;
    private final int restStart;
    private final float[][] segments;

    EngineParams(ParamLayout layout, boolean inputMajor) {
        this.layout = layout;
        inputs = inputMajor ? layout.in(0) : 0;
        first = new float[inputs * layout.out(0)];
        restStart = inputMajor ? (int) layout.bias(0) : 0;
        rest = new float[(int) layout.size() - restStart];
        segments = inputMajor ? new float[][]{first, rest} : new float[][]{rest};
    }

    /** Where {@link #rest} starts in DL4J's flat vector: after the first kernel when input-major, else 0. */
    int restStart() {
        return restStart;
    }

    /** A zero-filled vector of the same layout. */
    EngineParams zeros() {
        return new EngineParams(layout, inputs > 0);
    }

    /** The arrays that together hold every element once: the input-major first kernel (if any), then the rest. */
    float[][] segments() {
        return segments;
    }

    int size() {
        return (int) layout.size();
    }

    /** Takes every value from a DL4J flat vector. */
    void read(FloatBuffer flat) {
        int in = inputs;
        int out = layout.out(0);
        float[] unit = new float[in];
        for (int o = 0; o < out; o++) {
            flat.get(o * in, unit, 0, in);
            for (int k = 0; k < in; k++) {
                first[k * out + o] = unit[k];
            }
        }
        flat.get(restStart, rest, 0, rest.length);
    }

    /** Writes every value into a DL4J flat vector. */
    void write(FloatBuffer flat) {
        int in = inputs;
        int out = layout.out(0);
        float[] unit = new float[in];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < in; k++) {
                unit[k] = first[k * out + o];
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
