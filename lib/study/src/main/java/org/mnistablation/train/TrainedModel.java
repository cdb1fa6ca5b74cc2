package org.mnistablation.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.model.RunConfig;

/**
 * A finished run: its configuration, its history, the network holding the final (or restored best) weights, the
 * engine that trained it, and the weights it started from.
 */
public record TrainedModel(RunConfig config, History history, MultiLayerNetwork network, Engine.Choice engine,
                           Weights initial) {
}
