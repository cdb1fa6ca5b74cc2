package org.mnistablation.train;

import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What a {@link Callback} may see and change of a running fit: the weights, and Keras's {@code stop_training}. */
final class TrainingState {

    private final MultiLayerNetwork net;
    private boolean stopTraining;
    private Supplier<float[]> recorded;

    TrainingState(MultiLayerNetwork net) {
        this.net = net;
    }

    /** A copy of every parameter (Keras's {@code get_weights()}). */
    INDArray weights() {
        if (recorded != null) {
            float[] w = recorded.get();
            if (w == null) {
                throw new IllegalStateException("the recorded epoch's parameters were not kept");
            }
            return shaped(w);
        }
        return net.params().dup();
    }

    /** Puts {@code parameters} (a flat vector as {@link #weights()} holds them) into the network. */
    void load(float[] parameters) {
        setWeights(shaped(parameters));
    }

    private INDArray shaped(float[] parameters) {
        return Nd4j.create(parameters).reshape(net.params().shape());
    }

    /**
     * The epoch at hand was taken from a {@link Trajectory}, not trained here: {@link #weights()} are the ones
     * recorded after it ({@code parameters} reads them when asked); null: the network's own again.
     */
    void replaying(Supplier<float[]> parameters) {
        this.recorded = parameters;
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
