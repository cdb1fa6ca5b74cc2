package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mnistablation.notebook.Notebook.Adam;
import static org.mnistablation.notebook.Notebook.AdamW;
import static org.mnistablation.notebook.Notebook.Dense;
import static org.mnistablation.notebook.Notebook.Dropout;
import static org.mnistablation.notebook.Notebook.EarlyStopping;
import static org.mnistablation.notebook.Notebook.Flatten;
import static org.mnistablation.notebook.Notebook.SGD;
import static org.mnistablation.notebook.Notebook.Sequential;
import static org.mnistablation.notebook.Notebook.l2;

import org.junit.jupiter.api.Test;
import org.mnistablation.model.Activation;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;

/** The notebook vocabulary: what a model cell writes becomes the intended definition, and mistakes are named. */
class NotebookApiTest {

    @Test
    void aSeedCellBecomesTheDefinitionItReads() {
        var model = Sequential("dropout 0.1",
                Flatten(28, 28),
                Dense(128, "relu").kernelRegularizer(l2(1e-3)),
                Dropout(0.1),
                Dense(10, "softmax"));
        model.compile(SGD().learningRate(0.01).momentum(0.9), "sparse_categorical_crossentropy", "accuracy");
        ModelDefinition d = model.definition();
        assertEquals(2, d.dense().size());
        assertEquals(128, d.firstUnits());
        assertEquals(Activation.RELU, d.firstActivation());
        assertEquals(1e-3, d.firstL2());
        assertEquals(0.1, d.dropoutBeforeDense()[1]);
        assertEquals(new Optimizer(Optimizer.Kind.SGD, 0.01, 0.9, 0), d.optimizer());
        assertEquals(0.01, AdamW().learningRate(1e-3).weightDecay(0.01).weightDecay());
        assertEquals(3, EarlyStopping().patience(3).restoreBestWeights(true).patience());
    }

    @Test
    void summaryShowsKerasTableTheDl4jFormAndTheEngine() {
        var model = Sequential("two layers", Flatten(28, 28), Dense(256, "relu"), Dropout(0.2),
                Dense(128, "gelu").kernelRegularizer(l2(1e-4)), Dense(10, "softmax"));
        model.compile(Adam(), "sparse_categorical_crossentropy", "accuracy");
        String s = model.summaryMarkdown();
        assertTrue(s.contains("| Dense(256, activation=\"relu\") | (None, 256) | 200,960 |"), s);
        assertTrue(s.contains("dropOut(0.8) on the next layer's input"), s);
        assertTrue(s.contains("l2(2.0E-4) on W") || s.contains("l2(0.0002) on W"), s);
        assertTrue(s.contains("Total params: 235,146"), s);
        assertTrue(s.contains("Trained by: fused engine"), s);
        var elu = Sequential("elu", Flatten(28, 28), Dense(64, "elu"), Dense(10, "softmax"));
        elu.compile(Adam(), "sparse_categorical_crossentropy", "accuracy");
        assertTrue(elu.summaryMarkdown().contains("Trained by: DL4J fit (hidden activation elu has no fused kernel)"),
                elu.summaryMarkdown());
    }

    @Test
    void mistakesInACellAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dense(128, "rleu"));
        assertTrue(e.getMessage().contains("unknown name 'rleu'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Sequential("m", Flatten(28, 28), Dense(128, "relu"), Dense(10, "relu")));
        assertTrue(e.getMessage().contains("softmax"), e.getMessage());
        var model = Sequential("m", Flatten(28, 28), Dense(10, "softmax"));
        e = assertThrows(IllegalArgumentException.class, () -> model.compile(Adam(), "mse", "accuracy"));
        assertTrue(e.getMessage().contains("sparse_categorical_crossentropy"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.compile(Adam(), "sparse_categorical_crossentropy", "precision"));
        assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
        IllegalStateException notCompiled = assertThrows(IllegalStateException.class, model::definition);
        assertTrue(notCompiled.getMessage().contains("compile"), notCompiled.getMessage());
        IllegalStateException notTrained = assertThrows(IllegalStateException.class, () -> {
            model.compile(Adam(), "sparse_categorical_crossentropy", "accuracy");
            model.evaluate(null);
        });
        assertTrue(notTrained.getMessage().contains("fit"), notTrained.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequential(" ", Flatten(28, 28), Dense(10, "softmax")));
        assertThrows(IllegalArgumentException.class, () -> Notebook.seeds());
    }
}
