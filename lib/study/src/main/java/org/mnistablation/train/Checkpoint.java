package org.mnistablation.train;

import java.util.List;

/**
 * Everything a run of the fused engine carries from one epoch into the next, after epoch {@link #epochs()}'s last:
 * the history so far, the parameters, the optimizer's state and the positions of the two seeded generators (the
 * epochs' shuffles and the dropout masks). A run given it goes on exactly as the run that wrote it would have.
 *
 * @param epochs        the epochs trained so far, from 1
 * @param parameters    the flat parameter vector after the last of them
 * @param optimizer     the update rule's state ({@link UpdateRule#state()})
 * @param shuffleState  the shuffle generator's state ({@link Lcg48})
 * @param dropoutState  the dropout generator's state ({@link SplitMix64})
 */
public record Checkpoint(List<EpochStats> epochs, float[] parameters, OptimizerState optimizer, long shuffleState,
                         long dropoutState) {

    public Checkpoint {
        epochs = List.copyOf(epochs);
        if (epochs.isEmpty() || parameters == null || optimizer == null) {
            throw new IllegalArgumentException("a checkpoint needs its epochs, parameters and optimizer state");
        }
    }

    /** An update rule's state between steps: its step count and its arrays (Adam's moments, SGD's velocity). */
    public record OptimizerState(long steps, List<float[]> arrays) {
        public OptimizerState {
            arrays = List.copyOf(arrays);
        }
    }
}
