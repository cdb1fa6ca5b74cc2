package org.mnistablation.train;

/**
 * The epochs earlier runs of one trajectory trained, and where a run puts the epochs it trains. A trajectory is what
 * a run is apart from its length: the same model, optimizer, batch size, seed and data. Its runs train the same
 * epochs for as long as they run (epoch counts and early stopping only decide where a run ends and which epoch's
 * weights it keeps), so a run takes the epochs already recorded — ending among them, or continuing from their
 * {@link Checkpoint} — and trains only the ones no run has trained yet. {@link Trainer} uses it with the fused
 * engine only.
 */
public interface Trajectory {

    /** The checkpoint after the last epoch recorded (it holds every recorded epoch's statistics), or null. */
    Checkpoint checkpoint();

    /** The parameters after recorded epoch {@code epoch} (from 1), or null when they were not kept. */
    float[] parametersAfter(int epoch);

    /** This run trained epoch {@code stats.epoch()} just now; {@code parameters} are those after it. */
    void trained(EpochStats stats, float[] parameters);

    /** This run trained its last epoch; {@code checkpoint} is the state after it. */
    void ended(Checkpoint checkpoint);

    /** Nothing recorded, nothing kept: every run trains from its first epoch. */
    Trajectory NONE = new Trajectory() {
        @Override
        public Checkpoint checkpoint() {
            return null;
        }

        @Override
        public float[] parametersAfter(int epoch) {
            return null;
        }

        @Override
        public void trained(EpochStats stats, float[] parameters) {
        }

        @Override
        public void ended(Checkpoint checkpoint) {
        }
    };
}
