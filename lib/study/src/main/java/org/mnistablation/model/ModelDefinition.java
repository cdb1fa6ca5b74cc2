package org.mnistablation.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled Keras {@code Sequential} model: its layers and its optimizer, with the loss fixed to sparse categorical
 * cross-entropy and the metric to accuracy. This is the one definition of a model in the project: DL4J's
 * configuration is built from it ({@code train.Dl4jModel}) and both training engines train that.
 * <p>The layers must read {@code Flatten}, then {@code Dense} layers, each optionally preceded by one {@code Dropout},
 * the last one {@code Dense(classes, "softmax")}.
 */
public record ModelDefinition(List<Layer> layers, Optimizer optimizer) {

    public ModelDefinition {
        layers = List.copyOf(layers);
        validate(layers);
        if (optimizer == null) {
            throw new IllegalArgumentException("compile needs an optimizer, e.g. Adam()");
        }
    }

    /** Checks the layer sequence; every message says what to change. */
    public static void validate(List<Layer> layers) {
        if (layers.isEmpty() || !(layers.get(0) instanceof Flatten)) {
            throw new IllegalArgumentException("the first layer must be Flatten(28, 28) (the image's input shape)");
        }
        Layer previous = null;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l == null) {
                throw new IllegalArgumentException("layer " + (i + 1) + " is null");
            }
            if (l instanceof Flatten && i > 0) {
                throw new IllegalArgumentException("Flatten may only be the first layer (layer " + (i + 1) + " is one)");
            }
            if (l instanceof Dropout && previous instanceof Dropout) {
                throw new IllegalArgumentException("two Dropout layers in a row (layers " + i + " and " + (i + 1)
                        + "): use one Dropout with the combined rate");
            }
            previous = l;
        }
        if (!(previous instanceof Dense last)) {
            throw new IllegalArgumentException("the last layer must be Dense(10, \"softmax\"), got " + previous.keras());
        }
        if (last.activation() != Activation.SOFTMAX) {
            throw new IllegalArgumentException("the last layer must use activation \"softmax\" for "
                    + "sparse_categorical_crossentropy, got \"" + last.activation().kerasName() + "\"");
        }
    }

    public Flatten input() {
        return (Flatten) layers.get(0);
    }

    /** The Dense layers in order (the last is the softmax output). */
    public List<Dense> dense() {
        List<Dense> out = new ArrayList<>();
        for (Layer l : layers) {
            if (l instanceof Dense d) {
                out.add(d);
            }
        }
        return out;
    }

    /** The dropout rate applied to the input of each Dense layer (0 where no Dropout precedes it). */
    public double[] dropoutBeforeDense() {
        double[] rates = new double[dense().size()];
        int k = 0;
        double pending = 0;
        for (Layer l : layers) {
            if (l instanceof Dropout d) {
                pending = d.rate();
            } else if (l instanceof Dense) {
                rates[k++] = pending;
                pending = 0;
            }
        }
        return rates;
    }

    /** Units of the output layer (the number of classes the model predicts). */
    public int outputs() {
        List<Dense> d = dense();
        return d.get(d.size() - 1).units();
    }

    /** Width of the first Dense layer (the "hidden layer" of the study's one-hidden-layer models). */
    public int firstUnits() {
        return dense().get(0).units();
    }

    /** Activation of the first Dense layer. */
    public Activation firstActivation() {
        return dense().get(0).activation();
    }

    /** The L2 λ of the first Dense layer's kernel (0 without). */
    public double firstL2() {
        return dense().get(0).l2();
    }

    /** The layer widths from the input to the output, e.g. "784-256-128-10" (dropout and L2 not shown). */
    public String sizes() {
        StringBuilder sb = new StringBuilder().append(input().size());
        for (Dense d : dense()) {
            sb.append('-').append(d.units());
        }
        return sb.toString();
    }

    /** Trainable parameters: every Dense layer's kernel and bias. */
    public long parameterCount() {
        long n = 0;
        int in = input().size();
        for (Dense d : dense()) {
            n += (long) in * d.units() + d.units();
            in = d.units();
        }
        return n;
    }

    /** Keras's spelling of the whole model, one layer after the other, and the optimizer. */
    public String keras() {
        StringBuilder sb = new StringBuilder("Sequential([");
        for (int i = 0; i < layers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(layers.get(i).keras());
        }
        return sb.append("]), ").append(optimizer.keras()).toString();
    }
}
