package org.mnistablation.train;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Keras's {@code SGD(learning_rate, momentum)} with classical (heavy-ball) momentum:
 * {@code v = momentum·v − lr·g; w = w + v}. DL4J only ships Nesterov momentum ({@code Nesterovs}), which is a
 * different rule, so the study brings this one. In DL4J's convention the updater turns the gradient into the step
 * that is subtracted from the parameters, so the state kept here is {@code u = −v = momentum·u + lr·g}.
 */
public final class KerasMomentum implements IUpdater {

    private double learningRate;
    private double momentum;

    /** For DL4J's configuration cloning/serialisation. */
    public KerasMomentum() {
        this(0.01, 0.0);
    }

    public KerasMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<KerasMomentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<KerasMomentum> instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(state, initializeStateArrays);
        return u;
    }

    @Override
    public KerasMomentum clone() {
        return new KerasMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("KerasMomentum has a constant learning rate");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasMomentum k && k.learningRate == learningRate && k.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "KerasMomentum(lr=" + learningRate + ", momentum=" + momentum + ")";
    }

    private static final class Updater implements GradientUpdater<KerasMomentum> {
        private static final String STATE = "U";
        private final KerasMomentum config;
        private INDArray u;

        Updater(KerasMomentum config) {
            this.config = config;
        }

        @Override
        public KerasMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            INDArray s = state.get(STATE);
            if (s == null) {
                throw new IllegalStateException("KerasMomentum state needs the array '" + STATE + "'");
            }
            u = s;
            if (initialize) {
                u.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(STATE, u);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            u = viewArray.reshape(order, gradientShape);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            // u = momentum*u + lr*g ; the parameters then take w -= u, i.e. w += v with v = -u.
            u.muli(config.momentum).addi(gradient.mul(config.learningRate));
            gradient.assign(u);
        }
    }
}
