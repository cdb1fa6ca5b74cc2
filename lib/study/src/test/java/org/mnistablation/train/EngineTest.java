package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The run cache stores an engine as its description; reading the description gives the engine back. */
class EngineTest {

    @Test
    void aDescriptionReadsBackAsTheChoiceItDescribes() {
        for (Engine.Choice c : new Engine.Choice[]{Engine.FUSED.chosen(), Engine.DL4J_FIT.chosen(),
                new Engine.Choice(Engine.DL4J_FIT, "hidden activation elu has no fused kernel")}) {
            assertEquals(c, Engine.Choice.parse(c.describe()));
        }
        assertEquals("fused engine", Engine.FUSED.chosen().describe(), "what the cache's entries hold");
    }

    @Test
    void anEntryWithoutAnEngineReadsAsUnrecorded() {
        assertEquals(Engine.Choice.UNRECORDED, Engine.Choice.parse("?"));
        assertEquals(Engine.Choice.UNRECORDED, Engine.Choice.parse("some engine of a later version"));
        assertNull(Engine.Choice.UNRECORDED.engine());
        assertEquals("?", Engine.Choice.UNRECORDED.describe());
    }
}
