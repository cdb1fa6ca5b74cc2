package org.mnistablation.measure;

/**
 * Hessian-vector products of a function from its exact gradient: Hv ≈ (∇f(θ + εv) − ∇f(θ − εv)) / 2ε for a unit v,
 * exact for a quadratic and with an error of order ε² elsewhere.
 */
final class FiniteDifferenceHessian implements PowerIteration.Operator {

    /** A function's value at θ, its gradient written to {@code out}. */
    interface Gradient {
        double valueAndGradient(double[] theta, double[] out);
    }

    private final Gradient f;
    private final double[] at;
    private final double step;
    private final double[] shifted;
    private final double[] plus;
    private final double[] minus;

    FiniteDifferenceHessian(Gradient f, double[] at, double step) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("the finite-difference step must be > 0, got " + step);
        }
        this.f = f;
        this.at = at.clone();
        this.step = step;
        this.shifted = new double[at.length];
        this.plus = new double[at.length];
        this.minus = new double[at.length];
    }

    /** {@code out = H·v}, v taken as is (power iteration passes unit vectors). */
    @Override
    public void apply(double[] v, double[] out) {
        for (int i = 0; i < at.length; i++) {
            shifted[i] = at[i] + step * v[i];
        }
        f.valueAndGradient(shifted, plus);
        for (int i = 0; i < at.length; i++) {
            shifted[i] = at[i] - step * v[i];
        }
        f.valueAndGradient(shifted, minus);
        for (int i = 0; i < at.length; i++) {
            out[i] = (plus[i] - minus[i]) / (2 * step);
        }
    }
}
