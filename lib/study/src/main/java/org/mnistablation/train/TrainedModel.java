package org.mnistablation.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A finished run: its configuration, its history and the network holding the final (or restored best) weights. */
public record TrainedModel(ExperimentConfig config, History history, MultiLayerNetwork network) {
}
