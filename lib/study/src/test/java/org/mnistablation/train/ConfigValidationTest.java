package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad settings are rejected when the configuration is built, with the field and the allowed range named. */
class ConfigValidationTest {

    static void rejected(Executable build, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void everyFieldIsChecked() {
        ExperimentConfig ok = ExperimentConfig.baseline();
        rejected(() -> ok.withDropout(1.0), "dropoutRate", "[0, 1)", "1.0");
        rejected(() -> ok.withDropout(-0.1), "dropoutRate");
        rejected(() -> ok.withDropout(Double.NaN), "dropoutRate");
        rejected(() -> ok.withL2(-1e-4), "l2", ">= 0");
        rejected(() -> ok.withL2(Double.POSITIVE_INFINITY), "l2");
        rejected(() -> ok.withBatchSize(0), "batchSize", "> 0");
        rejected(() -> ok.withEpochs(0), "epochs", "> 0");
        rejected(() -> ok.withHiddenUnits(-3), "hiddenUnits");
        rejected(() -> new EarlyStopping(-1, true), "patience", ">= 0");
        rejected(() -> OptimizerConfig.sgd(0), "learningRate", "> 0");
        rejected(() -> OptimizerConfig.sgdMomentum(0.01, 1.0), "momentum", "[0, 1)");
        rejected(() -> OptimizerConfig.adamW(1e-3, -0.01), "weightDecay");
        rejected(() -> new OptimizerConfig(OptimizerConfig.Kind.ADAM, 1e-3, 0.9, 0), "momentum applies only to sgd");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        rejected(() -> Activation.fromName("swish"), "swish", "relu, tanh, softsign, gelu, sigmoid");
        rejected(() -> OptimizerConfig.Kind.fromName("rmsprop"), "rmsprop", "sgd, adam, adamw");
        assertEquals(Activation.GELU, Activation.fromName(" GELU "));
        assertEquals(OptimizerConfig.Kind.ADAMW, OptimizerConfig.Kind.fromName("AdamW"));
    }
}
