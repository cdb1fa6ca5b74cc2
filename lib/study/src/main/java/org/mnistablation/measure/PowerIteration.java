package org.mnistablation.measure;

import java.util.Random;

/**
 * The eigenvalue of largest magnitude of a symmetric operator known only through its products with vectors (e.g. a
 * Hessian through Hessian-vector products): v ← Av/‖Av‖ from a seeded random start, the estimate being the Rayleigh
 * quotient λ = vᵀAv, until the residual ‖Av − λv‖ is below a tolerance times |λ|. The residual, not the change of λ,
 * decides: with clustered top eigenvalues λ can stall for several iterations on a mixture of eigenvectors, while a
 * small residual certifies an eigenpair.
 */
final class PowerIteration {

    /** A symmetric linear operator: {@code out = A·v}. */
    interface Operator {
        void apply(double[] v, double[] out);
    }

    /** @param converged false when {@code maxIterations} ran out before the estimate settled */
    record Result(double eigenvalue, int iterations, boolean converged) {
    }

    private PowerIteration() {
    }

    static Result run(Operator a, int dimension, int maxIterations, double tolerance, long seed) {
        double[] v = new double[dimension];
        Random rng = new Random(seed);
        for (int i = 0; i < dimension; i++) {
            v[i] = rng.nextGaussian();
        }
        scale(v, 1 / norm(v));
        double[] av = new double[dimension];
        double estimate = Double.NaN;
        for (int it = 1; it <= maxIterations; it++) {
            a.apply(v, av);
            double rayleigh = dot(v, av);
            double n = norm(av);
            if (n == 0) {
                return new Result(0, it, true);
            }
            double residual2 = 0;
            for (int i = 0; i < dimension; i++) {
                double r = av[i] - rayleigh * v[i];
                residual2 += r * r;
            }
            estimate = rayleigh;
            if (Math.sqrt(residual2) <= tolerance * Math.abs(rayleigh)) {
                return new Result(estimate, it, true);
            }
            System.arraycopy(av, 0, v, 0, dimension);
            scale(v, 1 / n);
        }
        return new Result(estimate, maxIterations, false);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }
}
