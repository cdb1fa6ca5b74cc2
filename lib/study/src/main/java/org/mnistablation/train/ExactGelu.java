package org.mnistablation.train;

import org.mnistablation.model.Activation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GELU in its exact form, {@code x·Φ(x) = 0.5·x·(1 + erf(x/√2))}, which is what Keras's {@code gelu} computes by
 * default ({@code approximate=False}); DL4J's {@code ActivationGELU} offers only approximations. The values come from
 * {@link ActivationKernels}, the same loops the fused engine runs, so the project has one GELU.
 */
public final class ExactGelu extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        float[] z = in.dup('c').data().asFloat();
        float[] h = new float[z.length];
        ActivationKernels.forward(Activation.GELU, z, h, z.length);
        return in.assign(Nd4j.create(h, in.shape(), 'c'));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        float[] z = in.dup('c').data().asFloat();
        float[] h = new float[z.length];
        ActivationKernels.forward(Activation.GELU, z, h, z.length);
        float[] d = epsilon.dup('c').data().asFloat();
        ActivationKernels.multiplyByDerivative(Activation.GELU, z, h, d, z.length);
        in.assign(Nd4j.create(d, in.shape(), 'c'));
        return new Pair<>(in, null);
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
