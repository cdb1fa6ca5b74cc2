package org.mnistablation.analysis;

/**
 * How far training moved the first layer's weights from their initial values, split by input pixel: pixels that are
 * zero in every training image (their weights get no gradient from the data) and the others.
 */
public record WeightMotion(int deadPixels, int livePixels, double meanMoveDead, double meanMoveLive,
                           double shareUnmovedDead, double initialMeanAbs) {

    /** Versioned id under which a run's values are kept in the measure cache. */
    public static final String ID = "weight-motion-v1";

    /** A weight that moved by less than this counts as unmoved. */
    public static final double UNMOVED = 1e-6;

    /** The values as stored in the measure cache. */
    public double[] values() {
        return new double[]{deadPixels, livePixels, meanMoveDead, meanMoveLive, shareUnmovedDead, initialMeanAbs};
    }

    public static WeightMotion from(double[] v) {
        return new WeightMotion((int) v[0], (int) v[1], v[2], v[3], v[4], v[5]);
    }

    /**
     * @param initial  the first layer's kernel at initialisation, {@code [pixel][unit]}
     * @param trained  the same after training
     * @param everLit  per pixel: true when it is non-zero in at least one training image
     */
    public static WeightMotion of(float[][] initial, float[][] trained, boolean[] everLit) {
        int dead = 0;
        int live = 0;
        double moveDead = 0;
        double moveLive = 0;
        long unmovedDead = 0;
        long deadWeights = 0;
        long liveWeights = 0;
        double init = 0;
        long all = 0;
        for (int p = 0; p < initial.length; p++) {
            if (everLit[p]) {
                live++;
            } else {
                dead++;
            }
            for (int u = 0; u < initial[p].length; u++) {
                double m = Math.abs(trained[p][u] - initial[p][u]);
                init += Math.abs(initial[p][u]);
                all++;
                if (everLit[p]) {
                    moveLive += m;
                    liveWeights++;
                } else {
                    moveDead += m;
                    deadWeights++;
                    unmovedDead += m < UNMOVED ? 1 : 0;
                }
            }
        }
        return new WeightMotion(dead, live, deadWeights == 0 ? Double.NaN : moveDead / deadWeights,
                liveWeights == 0 ? Double.NaN : moveLive / liveWeights,
                deadWeights == 0 ? Double.NaN : (double) unmovedDead / deadWeights, init / all);
    }

    /** Per pixel: non-zero in at least one of the images. */
    public static boolean[] everLit(float[] pixels, int pixelsPerImage) {
        boolean[] lit = new boolean[pixelsPerImage];
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != 0) {
                lit[i % pixelsPerImage] = true;
            }
        }
        return lit;
    }
}
