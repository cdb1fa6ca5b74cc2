package org.mnistablation.measure;

import java.util.ArrayList;
import java.util.List;
import org.mnistablation.cache.RunResult;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.train.ActivationKernels;
import org.mnistablation.train.Weights;

/**
 * A trained (or initial) dense stack as the measures see it: every Dense layer's kernel and bias, decoded once by
 * {@link Weights} (the one reader of DL4J's flat parameter layout), with the layer's activation and L2 factor from the
 * {@link ModelDefinition}. Dropout is not part of it: measures evaluate the network
 * as Keras's {@code evaluate} does, with dropout off.
 */
public final class DenseWeights {

    /**
     * One Dense layer. {@code kernel} is DL4J's column-major {@code in×out} block: the weight from input i to unit o is
     * {@code kernel[o*in + i]}, so each unit's incoming weights are contiguous.
     */
    public record Layer(int in, int out, Activation activation, double l2, float[] kernel, float[] bias) {

        public float weight(int input, int unit) {
            return kernel[unit * in + input];
        }

        /** Σw² of the kernel (the bias excluded, as Keras's kernel_regularizer). */
        public double kernelSquaredNorm() {
            return squaredNorm(kernel);
        }
    }

    private final ModelDefinition model;
    private final List<Layer> layers;
    private final float[] flat;

    private DenseWeights(Weights weights) {
        this.model = weights.model();
        this.flat = weights.flat().clone();
        List<Dense> dense = model.dense();
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < weights.layers(); l++) {
            Dense d = dense.get(l);
            boolean hidden = l < dense.size() - 1;
            if (hidden && !ActivationKernels.SUPPORTED.contains(d.activation())) {
                throw new IllegalArgumentException("measures need hidden activations relu, tanh, softsign, gelu, sigmoid "
                        + "or linear; layer " + (l + 1) + " uses " + d.activation().kerasName());
            }
            out.add(new Layer(weights.in(l), weights.out(l), d.activation(), d.l2(), weights.kernelBlock(l),
                    weights.bias(l)));
        }
        this.layers = List.copyOf(out);
    }

    /** The kept weights of a run (its last or restored best epoch's). */
    public static DenseWeights of(RunResult run) {
        return new DenseWeights(run.weights());
    }

    /** Weights given as DL4J's flat vector for {@code model}. */
    public static DenseWeights of(ModelDefinition model, float[] flat) {
        return new DenseWeights(new Weights(model, flat));
    }

    /** Weights layer by layer, e.g. a run's {@link RunResult#initialWeights()}. */
    public static DenseWeights of(Weights weights) {
        return new DenseWeights(weights);
    }

    public ModelDefinition model() {
        return model;
    }

    /** The Dense layers, the softmax output last. */
    public List<Layer> layers() {
        return layers;
    }

    public Layer layer(int l) {
        return layers.get(l);
    }

    /** Dense layers below the output. */
    public int hiddenLayers() {
        return layers.size() - 1;
    }

    public int inputs() {
        return layers.get(0).in();
    }

    public int classes() {
        return layers.get(layers.size() - 1).out();
    }

    /** A copy of the flat parameter vector (DL4J's layout). */
    public float[] flat() {
        return flat.clone();
    }

    public int size() {
        return flat.length;
    }

    /** Throws unless {@code images} have as many pixels as the network has inputs. */
    void requireInputs(LabeledImages images) {
        if (images.pixelsPerImage() != inputs()) {
            throw new IllegalArgumentException("the network takes " + inputs() + " inputs, the images have "
                    + images.pixelsPerImage() + " pixels (" + images.rows() + "×" + images.cols() + ")");
        }
    }

    /** Keras's L2 terms of the loss: λ·Σw² of every kernel that has a regulariser. */
    public double l2Penalty() {
        double sum = 0;
        for (Layer l : layers) {
            if (l.l2() > 0) {
                sum += l.l2() * l.kernelSquaredNorm();
            }
        }
        return sum;
    }

    /** ‖θ‖ over every kernel and bias. */
    public double norm() {
        return Math.sqrt(squaredNorm(flat));
    }

    static double squaredNorm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }
}
