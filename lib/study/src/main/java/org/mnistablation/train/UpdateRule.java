package org.mnistablation.train;

import org.mnistablation.model.Optimizer;

/**
 * How a Keras 3 optimizer turns a gradient into new parameter values, applied in place to a flat parameter vector
 * (the fused training step's counterpart of the DL4J updaters {@link Dl4jModel} configures).
 */
interface UpdateRule extends AutoCloseable {

    /** Updates {@code params} in place from {@code gradient} (same length); called once per minibatch. */
    void apply(NativeFloats params, NativeFloats gradient);

    /**
     * The parameters were set outside the rule (before training, or between epochs): rules that keep their own copy
     * take them now.
     */
    default void load(NativeFloats params) {
    }

    /** The rule's state between two steps (copies), for a {@link Checkpoint}. */
    Checkpoint.OptimizerState state();

    /** Continues from a state {@link #state()} returned by a rule of the same optimizer and length. */
    void restore(Checkpoint.OptimizerState state);

    @Override
    default void close() {
    }

    /** The rule for {@code opt}; {@code pair} (may be null) lets Adam split its loop across two cores. */
    static UpdateRule of(Optimizer opt, int length, PairWorker pair) {
        return switch (opt.kind()) {
            case SGD -> new SgdRule(opt.learningRate(), opt.momentum(), length);
            case ADAM -> new AdamRule(opt.learningRate(), 0, length, pair);
            case ADAMW -> new AdamRule(opt.learningRate(), opt.weightDecay(), length, pair);
        };
    }
}
