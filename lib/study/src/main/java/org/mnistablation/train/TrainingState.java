package org.mnistablation.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a {@link Callback} may see and change of a running fit: the weights, and Keras's {@code stop_training}. */
final class TrainingState {

    private final MultiLayerNetwork net;
    private boolean stopTraining;

    TrainingState(MultiLayerNetwork net) {
        this.net = net;
    }

    /** A copy of every parameter (Keras's {@code get_weights()}). */
    INDArray weights() {
        return net.params().dup();
    }

    /** Keras's {@code set_weights()}: copies {@code weights} into the network's parameters. */
    void setWeights(INDArray weights) {
        net.params().assign(weights);
    }

    void stopTraining() {
        stopTraining = true;
    }

    boolean stopRequested() {
        return stopTraining;
    }
}
