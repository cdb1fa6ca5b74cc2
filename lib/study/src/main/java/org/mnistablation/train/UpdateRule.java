package org.mnistablation.train;

import org.mnistablation.model.Optimizer;

/**
 * How a Keras 3 optimizer turns a gradient into new parameter values, applied in place to the fused engine's
 * parameters (its counterpart of the DL4J updaters {@link Dl4jModel} configures). Every rule works element by element,
 * so it runs over the {@link EngineParams#segments()} in any order and split in any way with the same result.
 */
interface UpdateRule extends AutoCloseable {

    /** Updates {@code params} in place from {@code gradient} (same layout); called once per minibatch. */
    void apply(EngineParams params, EngineParams gradient);

    /** The rule's state between two steps (copies, in DL4J's flat layout), for a {@link Checkpoint}. */
    Checkpoint.OptimizerState state();

    /** Continues from a state {@link #state()} returned by a rule of the same optimizer and length. */
    void restore(Checkpoint.OptimizerState state);

    @Override
    default void close() {
    }

    /** The rule for {@code opt}; {@code pair} (may be null) lets Adam split its loop across two cores. */
    static UpdateRule of(Optimizer opt, EngineParams shape, PairWorker pair) {
        return switch (opt.kind()) {
            case SGD -> new SgdRule(opt.learningRate(), opt.momentum(), shape);
            case ADAM -> new AdamRule(opt.learningRate(), 0, shape, pair);
            case ADAMW -> new AdamRule(opt.learningRate(), opt.weightDecay(), shape, pair);
        };
    }
}
