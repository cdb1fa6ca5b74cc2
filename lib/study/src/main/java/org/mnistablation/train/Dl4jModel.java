package org.mnistablation.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Builds the DL4J network of a {@link ModelDefinition}, translating each Keras value into DL4J's convention:
 * <ul>
 *   <li>{@code Dense}: Glorot-uniform kernel ({@code XAVIER_UNIFORM}; DL4J's {@code XAVIER} is Gaussian), zero bias;
 *       the last Dense layer is DL4J's {@code OutputLayer} with Keras's clipped cross-entropy ({@link KerasCrossEntropy});</li>
 *   <li>{@code Dropout(rate)}: DL4J applies dropout to a layer's <em>input</em> and takes the <em>retain</em>
 *       probability, so the Dense layer after it gets {@code dropOut(1 − rate)} (inverted dropout, training only);</li>
 *   <li>{@code kernel_regularizer=l2(λ)}: DL4J's L2 adds {@code 0.5·c·Σw²}, so {@code c = 2λ}, on that kernel only;</li>
 *   <li>Adam ε = 1e-7 (DL4J's default is 1e-8); SGD momentum is classical ({@link KerasMomentum}); AdamW's decay is
 *       decoupled ({@code WeightDecay(wd, applyLR=true)}: {@code w −= lr·wd·w} after the Adam step), applied like
 *       Keras to every variable, biases included;</li>
 *   <li>{@code gelu} is the exact erf form ({@link ExactGelu}), as Keras's default.</li>
 * </ul>
 */
public final class Dl4jModel {

    private Dl4jModel() {
    }

    /** A freshly initialised network (weights seeded by {@code seed}). */
    public static MultiLayerNetwork build(ModelDefinition model, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(model, seed));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(ModelDefinition model, long seed) {
        Optimizer opt = model.optimizer();
        List<Regularization> decay = opt.kind() == Optimizer.Kind.ADAMW
                ? List.of(new WeightDecay(opt.weightDecay(), true)) : List.of();
        List<Dense> dense = model.dense();
        double[] dropout = model.dropoutBeforeDense();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0.0)
                .updater(updater(opt))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int in = model.input().size();
        for (int i = 0; i < dense.size(); i++) {
            Dense d = dense.get(i);
            boolean output = i == dense.size() - 1;
            BaseLayer.Builder<?> b = output ? new OutputLayer.Builder(new KerasCrossEntropy()) : new DenseLayer.Builder();
            ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer.Builder<?>) b).nIn(in).nOut(d.units());
            b.activation(activation(d.activation()));
            if (dropout[i] > 0) {
                b.dropOut(new org.deeplearning4j.nn.conf.dropout.Dropout(1.0 - dropout[i]));
            }
            List<Regularization> kernel = new ArrayList<>();
            if (d.l2() > 0) {
                kernel.add(new L2Regularization(2.0 * d.l2()));
            }
            kernel.addAll(decay);
            b.regularization(kernel);
            b.regularizationBias(decay);
            list.layer(b.build());
            in = d.units();
        }
        return list.build();
    }

    /** What each Keras layer becomes in DL4J, one line per layer of the definition (for {@code summary()}). */
    public static List<String> translation(ModelDefinition model) {
        List<String> out = new ArrayList<>();
        int in = model.input().size();
        int denseIndex = 0;
        List<Dense> dense = model.dense();
        for (var layer : model.layers()) {
            if (layer instanceof org.mnistablation.model.Flatten f) {
                out.add("input " + f.size() + " (" + f.height() + "×" + f.width() + " pixels, row by row)");
            } else if (layer instanceof org.mnistablation.model.Dropout d) {
                out.add(d.rate() == 0 ? "nothing (rate 0)"
                        : "dropOut(" + plain(1 - d.rate()) + ") on the next layer's input (DL4J takes the retain probability)");
            } else if (layer instanceof Dense d) {
                boolean output = denseIndex == dense.size() - 1;
                out.add((output ? "OutputLayer " : "DenseLayer ") + in + "→" + d.units() + ", XAVIER_UNIFORM, "
                        + dl4jName(d.activation()) + (output ? ", loss MCXENT (Keras-clipped)" : "")
                        + (d.l2() > 0 ? ", l2(" + plain(2 * d.l2()) + ") on W (Keras l2(" + plain(d.l2()) + ") = 0.5·" + plain(2 * d.l2()) + "·Σw²)" : ""));
                in = d.units();
                denseIndex++;
            }
        }
        return out;
    }

    /** The DL4J updater and regularisation an optimizer becomes (for {@code summary()}). */
    public static String translation(Optimizer opt) {
        return switch (opt.kind()) {
            case SGD -> opt.momentum() == 0 ? "KerasMomentum(lr " + plain(opt.learningRate()) + ", momentum 0) = plain SGD"
                    : "KerasMomentum(lr " + plain(opt.learningRate()) + ", momentum " + plain(opt.momentum())
                    + "), classical momentum (DL4J ships only Nesterov)";
            case ADAM -> "Adam(lr " + plain(opt.learningRate()) + ", β1 0.9, β2 0.999, ε 1e-7)";
            case ADAMW -> "Adam(lr " + plain(opt.learningRate()) + ", ε 1e-7) + WeightDecay(" + plain(opt.weightDecay())
                    + ", applyLR) on every W and b (decoupled)";
        };
    }

    private static String plain(double v) {
        return String.valueOf((float) v).replaceAll("\\.0$", "");
    }

    private static String dl4jName(Activation a) {
        return a == Activation.GELU ? "ExactGelu (erf)" : activation(a).toString();
    }

    static IActivation activation(Activation a) {
        return switch (a) {
            case RELU -> new ActivationReLU();
            case TANH -> new ActivationTanH();
            case SOFTSIGN -> new ActivationSoftSign();
            // Keras's gelu defaults to the exact (erf) form; DL4J's ActivationGELU only approximates it.
            case GELU -> new ExactGelu();
            case SIGMOID -> new ActivationSigmoid();
            case LINEAR -> new ActivationIdentity();
            case ELU -> new ActivationELU(1.0);
            case SELU -> new ActivationSELU();
            case SWISH -> new ActivationSwish();
            case SOFTMAX -> new ActivationSoftmax();
        };
    }

    static IUpdater updater(Optimizer opt) {
        return switch (opt.kind()) {
            case SGD -> new KerasMomentum(opt.learningRate(), opt.momentum());
            case ADAM, ADAMW -> new Adam(opt.learningRate(), Optimizer.ADAM_BETA1, Optimizer.ADAM_BETA2,
                    Optimizer.ADAM_EPSILON);
        };
    }
}
