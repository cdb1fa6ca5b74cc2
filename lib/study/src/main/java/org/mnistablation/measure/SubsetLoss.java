package org.mnistablation.measure;

import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.train.LossGradient;

/**
 * A network's training loss (dropout off: mean clipped cross-entropy plus the L2 terms) over a fixed set of rows of a
 * data set, as a function of the parameters, with its exact gradient from the training step's own code
 * ({@link LossGradient}). Rows are taken in blocks of {@link #BLOCK}; the value and gradient over all of them are the
 * blocks' means weighted by their rows (the L2 terms, the same in every block, come out once).
 */
final class SubsetLoss implements AutoCloseable {

    static final int BLOCK = 1024;

    private final LossGradient gradient;
    private final LabeledImages data;
    private final int[] rows;
    private final float[] block;

    /** Over {@code rows} of {@code data} (indices into it). */
    SubsetLoss(ModelDefinition model, LabeledImages data, int[] rows, int largestMinibatch) {
        this.gradient = new LossGradient(model, Math.max(BLOCK, largestMinibatch));
        this.data = data;
        this.rows = rows.clone();
        this.block = new float[gradient.size()];
    }

    int size() {
        return gradient.size();
    }

    int rows() {
        return rows.length;
    }

    /** The loss over all rows at {@code params}; the gradient is written to {@code out} (both in double). */
    double lossAndGradient(float[] params, double[] out) {
        gradient.parameters(params);
        java.util.Arrays.fill(out, 0);
        double loss = 0;
        for (int from = 0; from < rows.length; from += BLOCK) {
            int to = Math.min(rows.length, from + BLOCK);
            double share = (double) (to - from) / rows.length;
            loss += share * gradient.compute(data.pixels(), data.labels(), rows, from, to, block).loss();
            for (int i = 0; i < out.length; i++) {
                out[i] += share * block[i];
            }
        }
        return loss;
    }

    /**
     * The gradient of one minibatch, rows {@code order[from..to)} of the data (not of the fixed rows), at the
     * parameters last given; returns its loss.
     */
    double minibatch(int[] order, int from, int to, float[] out) {
        return gradient.compute(data.pixels(), data.labels(), order, from, to, out).loss();
    }

    /** Sets the parameters {@link #minibatch} uses. */
    void parameters(float[] params) {
        gradient.parameters(params);
    }

    @Override
    public void close() {
        gradient.close();
    }
}
