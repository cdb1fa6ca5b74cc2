package org.mnistablation.train;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU in its exact form, {@code x·Φ(x) = 0.5·x·(1 + erf(x/√2))}, which is what Keras's {@code gelu} computes by
 * default ({@code approximate=False}). DL4J's {@code ActivationGELU} offers only approximations (sigmoid- or
 * tanh-based), so the study brings this one. Derivative: {@code Φ(x) + x·φ(x)}.
 */
public final class ExactGelu extends BaseActivationFunction {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray cdf = cdf(in);
        return in.muli(cdf);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray cdf = cdf(in);
        INDArray pdf = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);
        INDArray derivative = cdf.addi(pdf.muli(in));
        in.assign(derivative.muli(epsilon));
        return new Pair<>(in, null);
    }

    /** Φ(x) = 0.5·(1 + erf(x/√2)), as a new array. */
    private static INDArray cdf(INDArray x) {
        INDArray scaled = x.mul(INV_SQRT2);
        Nd4j.getExecutioner().exec(new Erf(scaled, scaled));
        return scaled.addi(1.0).muli(0.5);
    }

    @Override
    public String toString() {
        return "gelu(exact)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactGelu;
    }

    @Override
    public int hashCode() {
        return ExactGelu.class.hashCode();
    }
}
