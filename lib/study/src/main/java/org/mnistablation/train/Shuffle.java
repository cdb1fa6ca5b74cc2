package org.mnistablation.train;

/** Seeded Fisher–Yates permutations, one per epoch. */
final class Shuffle {

    private Shuffle() {
    }

    static int[] permutation(int n, Lcg48 rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
