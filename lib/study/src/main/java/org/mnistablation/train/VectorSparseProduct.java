package org.mnistablation.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SparseProduct} on the incubating Vector API: blocks of 8 vectors of sums stay in registers while every term
 * is added (a term's values are read once and nothing is stored until the block is done), then a block of one vector
 * and plain loops for what is left. Each sum sees the same multiplications and additions in the same order as the
 * plain loops, so the result is the same bits. Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorSparseProduct implements SparseProduct.Kernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;

    @Override
    public void accumulate(float[] rows, int stride, int[] index, float[] value, int from, int to, float[] out,
                           int at, int n) {
        int j = 0;
        for (; j + 8 * L <= n; j += 8 * L) {
            block8(rows, stride, index, value, from, to, out, at, j);
        }
        for (; j + L <= n; j += L) {
            FloatVector a = FloatVector.zero(S);
            for (int e = from; e < to; e++) {
                a = a.add(FloatVector.fromArray(S, rows, index[e] * stride + j).mul(value[e]));
            }
            a.intoArray(out, at + j);
        }
        for (; j < n; j++) {
            float a = 0f;
            for (int e = from; e < to; e++) {
                a += value[e] * rows[index[e] * stride + j];
            }
            out[at + j] = a;
        }
    }

    private static void block8(float[] rows, int stride, int[] index, float[] value, int from, int to, float[] out,
                               int at, int j) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int e = from; e < to; e++) {
            int x = index[e] * stride + j;
            FloatVector v = FloatVector.broadcast(S, value[e]);
            a0 = a0.add(FloatVector.fromArray(S, rows, x).mul(v));
            a1 = a1.add(FloatVector.fromArray(S, rows, x + L).mul(v));
            a2 = a2.add(FloatVector.fromArray(S, rows, x + 2 * L).mul(v));
            a3 = a3.add(FloatVector.fromArray(S, rows, x + 3 * L).mul(v));
            a4 = a4.add(FloatVector.fromArray(S, rows, x + 4 * L).mul(v));
            a5 = a5.add(FloatVector.fromArray(S, rows, x + 5 * L).mul(v));
            a6 = a6.add(FloatVector.fromArray(S, rows, x + 6 * L).mul(v));
            a7 = a7.add(FloatVector.fromArray(S, rows, x + 7 * L).mul(v));
        }
        a0.intoArray(out, at + j);
        a1.intoArray(out, at + j + L);
        a2.intoArray(out, at + j + 2 * L);
        a3.intoArray(out, at + j + 3 * L);
        a4.intoArray(out, at + j + 4 * L);
        a5.intoArray(out, at + j + 5 * L);
        a6.intoArray(out, at + j + 6 * L);
        a7.intoArray(out, at + j + 7 * L);
    }
}
