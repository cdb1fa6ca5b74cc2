package org.mnistablation.train;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Builds the study's Keras model in DL4J, translating each Keras value into DL4J's convention:
 * <ul>
 *   <li>{@code Dense(H)}: Glorot-uniform kernel ({@code XAVIER_UNIFORM}; DL4J's {@code XAVIER} is Gaussian), zero bias;</li>
 *   <li>{@code Dropout(rate)} after the hidden layer: DL4J applies dropout to a layer's <em>input</em> and takes the
 *       <em>retain</em> probability, so the output layer gets {@code dropOut(1 − rate)} (inverted dropout, training only);</li>
 *   <li>{@code kernel_regularizer=l2(λ)} on the hidden kernel: DL4J's L2 adds {@code 0.5·c·Σw²}, so {@code c = 2λ};
 *       biases and the output layer are not regularised;</li>
 *   <li>Adam ε = 1e-7 (DL4J's default is 1e-8); SGD momentum is classical ({@link KerasMomentum}); AdamW's decay is
 *       decoupled ({@code WeightDecay(wd, applyLR=true)}: {@code w −= lr·wd·w} after the Adam step), applied like
 *       Keras to every variable, biases included;</li>
 *   <li>softmax output with cross-entropy scored as Keras does ({@link KerasCrossEntropy}).</li>
 * </ul>
 */
public final class KerasMlp {

    public static final int INPUTS = 28 * 28;
    public static final int CLASSES = 10;

    private KerasMlp() {
    }

    /** A freshly initialised network for {@code config} (seeded by {@code config.seed()}). */
    public static MultiLayerNetwork build(ExperimentConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(ExperimentConfig config) {
        OptimizerConfig opt = config.optimizer();
        List<Regularization> decay = opt.kind() == OptimizerConfig.Kind.ADAMW
                ? List.of(new WeightDecay(opt.weightDecay(), true)) : List.of();

        DenseLayer.Builder hidden = new DenseLayer.Builder()
                .nIn(INPUTS).nOut(config.hiddenUnits())
                .activation(activation(config.activation()));
        OutputLayer.Builder output = new OutputLayer.Builder(new KerasCrossEntropy())
                .nIn(config.hiddenUnits()).nOut(CLASSES)
                .activation(new ActivationSoftmax());
        if (config.dropoutRate() > 0) {
            output.dropOut(new Dropout(1.0 - config.dropoutRate()));
        }
        hidden.regularization(concat(config.l2() > 0 ? List.of(new L2Regularization(2.0 * config.l2())) : List.of(), decay));
        hidden.regularizationBias(decay);
        output.regularization(decay);
        output.regularizationBias(decay);

        return new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .biasInit(0.0)
                .updater(updater(opt))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(hidden.build())
                .layer(output.build())
                .build();
    }

    static IActivation activation(Activation a) {
        return switch (a) {
            case RELU -> new ActivationReLU();
            case TANH -> new ActivationTanH();
            case SOFTSIGN -> new ActivationSoftSign();
            // Keras's gelu defaults to the exact (erf) form; DL4J's ActivationGELU only approximates it.
            case GELU -> new ExactGelu();
            case SIGMOID -> new ActivationSigmoid();
        };
    }

    static IUpdater updater(OptimizerConfig opt) {
        return switch (opt.kind()) {
            case SGD -> new KerasMomentum(opt.learningRate(), opt.momentum());
            case ADAM, ADAMW -> new Adam(opt.learningRate(), OptimizerConfig.ADAM_BETA1, OptimizerConfig.ADAM_BETA2,
                    OptimizerConfig.ADAM_EPSILON);
        };
    }

    private static List<Regularization> concat(List<? extends Regularization> a, List<? extends Regularization> b) {
        List<Regularization> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
