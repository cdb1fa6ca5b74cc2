package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mnistablation.data.DataIdentity;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;

class RunDefinitionTest {

    static final RunConfig DROPOUT = Mlp.baseline().withDropout(0.1).config()
            .withEarlyStopping(EarlyStopping.create().patience(3).restoreBestWeights(true));

    /**
     * The text and key of a study run, fixed: a change here re-keys every cached run, so it must be a format bump (or,
     * for what training computes, a new training version or OpenBLAS kernel).
     */
    @Test
    void theCanonicalTextAndKeyOfARunAreFixed() {
        RunDefinition run = RunDefinition.of(DROPOUT, "mnist-0123456789abcdef");
        String json = run.json(RunDefinition.blasKernel("SkylakeX"));
        assertEquals("{\"data\":{\"split\":\"mnist-0123456789abcdef\",\"train\":null,\"validation\":null},"
                + "\"fit\":{\"batch_size\":32,\"early_stopping\":{\"monitor\":\"val_loss\",\"patience\":3,"
                + "\"restore_best_weights\":true},\"epochs\":5},\"format\":2,\"model\":{\"layers\":["
                + "{\"height\":28,\"type\":\"Flatten\",\"width\":28},"
                + "{\"activation\":\"relu\",\"l2\":0.0,\"type\":\"Dense\",\"units\":128},"
                + "{\"rate\":0.1,\"type\":\"Dropout\"},"
                + "{\"activation\":\"softmax\",\"l2\":0.0,\"type\":\"Dense\",\"units\":10}],"
                + "\"optimizer\":{\"kind\":\"ADAM\",\"learning_rate\":0.001,\"momentum\":0.0,\"weight_decay\":0.0}},"
                + "\"seed\":42,\"training\":\"" + RunDefinition.TRAINING_VERSION + " openblas-skylakex\"}", json);
        assertEquals("cda94539c477a50b854514ba", RunDefinition.key(json));
        assertEquals(run.json(RunDefinition.BLAS), run.json());
        assertNotEquals(RunDefinition.key(json), RunDefinition.key(run.json(RunDefinition.blasKernel("Haswell"))),
                "a run trained on another OpenBLAS kernel is another entry");
    }

    @Test
    void theTextReadsBackAsTheSameDefinition() {
        for (RunConfig c : new RunConfig[]{DROPOUT, Mlp.baseline().withL2(1e-4).config().withSeed(-3),
                Mlp.baseline().withOptimizer(Optimizer.sgd().momentum(0.9)).config(),
                Mlp.baseline().withOptimizer(Optimizer.adamW().weightDecay(0.01)).config()}) {
            RunDefinition run = new RunDefinition(c, new DataIdentity("s", "content-28x28-ab", DataIdentity.NONE));
            assertEquals(run, RunDefinition.parse(run.json()));
        }
    }

    @Test
    void dataOtherThanTheSplitsOwnIsAnotherRun() {
        RunDefinition own = RunDefinition.of(DROPOUT, "s");
        assertNotEquals(own.key(), new RunDefinition(DROPOUT, new DataIdentity("s", "content-a", null)).key());
        assertNotEquals(own.key(), new RunDefinition(DROPOUT, new DataIdentity("s", null, DataIdentity.NONE)).key());
    }

    @Test
    void anotherFormatIsRefusedAsSuch() {
        String json = RunDefinition.of(DROPOUT, "s").json().replace("\"format\":2", "\"format\":3");
        assertThrows(RunDefinition.OtherFormatException.class, () -> RunDefinition.parse(json));
    }
}
