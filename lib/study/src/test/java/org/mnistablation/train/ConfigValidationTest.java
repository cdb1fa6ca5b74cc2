package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.L2;
import org.mnistablation.model.Layer;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;

/** Bad models and settings are rejected when they are built, with what is wrong and what to write instead. */
class ConfigValidationTest {

    static void rejected(Executable build, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    static ModelDefinition model(Layer... layers) {
        return new ModelDefinition(List.of(layers), Optimizer.adam());
    }

    @Test
    void everyValueIsChecked() {
        var ok = Mlp.baseline().config();
        rejected(() -> new Dropout(1.0), "Dropout(rate)", "0 <= rate < 1", "1.0");
        rejected(() -> new Dropout(-0.1), "Dropout(rate)");
        rejected(() -> new Dropout(Double.NaN), "Dropout(rate)");
        rejected(() -> new L2(-1e-4), "l2", ">= 0");
        rejected(() -> new Dense(128, Activation.RELU).kernelRegularizer(new L2(Double.POSITIVE_INFINITY)), "l2");
        rejected(() -> ok.withBatchSize(0), "batch_size", "> 0");
        rejected(() -> ok.withEpochs(0), "epochs", "> 0");
        rejected(() -> new Dense(-3, Activation.RELU), "units > 0");
        rejected(() -> new Flatten(0, 28), "Flatten");
        rejected(() -> EarlyStopping.create().patience(-1), "patience", ">= 0");
        rejected(() -> new EarlyStopping("val_accuracy", 3, true), "val_loss");
        rejected(() -> Optimizer.sgd().learningRate(0), "learning_rate", "> 0");
        rejected(() -> Optimizer.sgd().momentum(1.0), "momentum", "[0, 1)");
        rejected(() -> Optimizer.adamW().weightDecay(-0.01), "weight_decay");
        rejected(() -> Optimizer.adam().momentum(0.9), "momentum is an argument of SGD");
        rejected(() -> Optimizer.sgd().weightDecay(0.01), "weight_decay is an argument of AdamW");
    }

    @Test
    void layerSequencesAreChecked() {
        Dense out = new Dense(10, Activation.SOFTMAX);
        rejected(() -> model(new Dense(128, Activation.RELU), out), "first layer must be Flatten");
        rejected(() -> model(new Flatten(28, 28), new Dense(128, Activation.RELU)), "activation \"softmax\"");
        rejected(() -> model(new Flatten(28, 28), new Dense(128, Activation.RELU), new Dropout(0.1)), "last layer must be Dense");
        rejected(() -> model(new Flatten(28, 28), new Dropout(0.1), new Dropout(0.2), out), "two Dropout layers in a row");
        rejected(() -> model(new Flatten(28, 28), new Flatten(28, 28), out), "Flatten may only be the first layer");
        rejected(() -> new ModelDefinition(List.of(new Flatten(28, 28), out), null), "optimizer");
        // accepted: dropout on the input, several hidden layers
        ModelDefinition deep = model(new Flatten(28, 28), new Dropout(0.2), new Dense(64, Activation.TANH),
                new Dropout(0.1), new Dense(32, Activation.GELU, 1e-4), out);
        assertEquals(3, deep.dense().size());
        assertEquals(List.of(0.2, 0.1, 0.0), java.util.Arrays.stream(deep.dropoutBeforeDense()).boxed().toList());
        assertEquals(784L * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10, deep.parameterCount());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        rejected(() -> Activation.fromName("mish"), "mish", "relu, tanh, softsign, gelu, sigmoid");
        assertEquals(Activation.GELU, Activation.fromName(" GELU "));
        assertEquals(Activation.SWISH, Activation.fromName("silu"));
    }

    @Test
    void kerasDefaults() {
        assertEquals(0.01, Optimizer.sgd().learningRate());
        assertEquals(1e-3, Optimizer.adam().learningRate());
        assertEquals(0.004, Optimizer.adamW().weightDecay());
        assertEquals(0, EarlyStopping.create().patience());
        assertEquals(false, EarlyStopping.create().restoreBestWeights());
        assertEquals("SGD(learning_rate=0.01, momentum=0.9)", Optimizer.sgd().momentum(0.9).keras());
    }
}
