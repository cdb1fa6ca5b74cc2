package org.mnistablation.train;

/**
 * One minibatch's non-zero inputs, both by row (for the forward product, each row's inputs in increasing order) and
 * by input (for the weight gradient, each input's rows in increasing order), in buffers sized once for the largest
 * minibatch. Values may be scaled by a dropout mask on the input ({@link #index(float[])}).
 */
final class SparseBatch {

    private final int width;
    private int rows;
    // by row: row r's entries are [rowStart[r], rowStart[r + 1])
    final int[] rowStart;
    final int[] rowIndex;
    private final float[] loaded;
    /** The values the products use: the loaded ones, or those times the input's dropout mask. */
    float[] rowValue;
    private final float[] masked;
    // by input: input k's entries are [inputStart[k], inputStart[k + 1])
    final int[] inputStart;
    final int[] inputRow;
    final float[] inputValue;
    private final int[] next;

    SparseBatch(int maxRows, int width) {
        this.width = width;
        rowStart = new int[maxRows + 1];
        rowIndex = new int[maxRows * width];
        loaded = new float[maxRows * width];
        masked = new float[maxRows * width];
        inputStart = new int[width + 1];
        inputRow = new int[maxRows * width];
        inputValue = new float[maxRows * width];
        next = new int[width];
    }

    int rows() {
        return rows;
    }

    /** Rows {@code order[from .. from + rows)} of {@code images}. */
    void load(SparseImages images, int[] order, int from, int rows) {
        this.rows = rows;
        int at = 0;
        for (int r = 0; r < rows; r++) {
            rowStart[r] = at;
            int img = order[from + r];
            int s = images.start()[img];
            int n = images.start()[img + 1] - s;
            System.arraycopy(images.index(), s, rowIndex, at, n);
            System.arraycopy(images.value(), s, loaded, at, n);
            at += n;
        }
        rowStart[rows] = at;
        rowValue = loaded;
    }

    /** Rows {@code order[from .. from + rows)} of dense row-major images. */
    void load(float[] pixels, int[] order, int from, int rows) {
        this.rows = rows;
        int at = 0;
        for (int r = 0; r < rows; r++) {
            rowStart[r] = at;
            at = SparseImages.compress(pixels, order[from + r] * width, width, rowIndex, loaded, at);
        }
        rowStart[rows] = at;
        rowValue = loaded;
    }

    /**
     * Fills the by-input lists from the by-row ones; with a mask (rows × width, row-major), the values are first
     * multiplied by it.
     */
    void index(float[] mask) {
        int entries = rowStart[rows];
        if (mask != null) {
            for (int r = 0; r < rows; r++) {
                for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                    masked[e] = loaded[e] * mask[r * width + rowIndex[e]];
                }
            }
            rowValue = masked;
        } else {
            rowValue = loaded;
        }
        java.util.Arrays.fill(inputStart, 0);
        for (int e = 0; e < entries; e++) {
            inputStart[rowIndex[e] + 1]++;
        }
        for (int k = 0; k < width; k++) {
            inputStart[k + 1] += inputStart[k];
        }
        System.arraycopy(inputStart, 0, next, 0, width);
        for (int r = 0; r < rows; r++) {
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                int p = next[rowIndex[e]]++;
                inputRow[p] = r;
                inputValue[p] = rowValue[e];
            }
        }
    }
}
