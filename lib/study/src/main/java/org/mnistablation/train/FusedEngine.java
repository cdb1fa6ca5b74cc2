package org.mnistablation.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.RunConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The default engine: each step takes its rows' non-zero pixels (listed once per run, {@link SparseImages}), runs
 * {@link FusedStep} and applies the Keras update in place ({@link UpdateRule}) to the step's own copy of the
 * parameters ({@link EngineParams}). The DL4J network stays the model: it was built and initialised by
 * {@link Dl4jModel}; the engine takes its parameters when an epoch starts and gives them back when it ends, and
 * evaluation, saving and early stopping use it.
 */
final class FusedEngine implements StepEngine {

    private final LabeledImages train;
    private final SparseImages pixels;
    private final FusedStep step;
    private final UpdateRule rule;
    private final INDArray gradientArray;
    private SplitMix64 dropout;
    private final PairWorker pair;
    private int[] order;

    /** An engine that may use every core of the machine. */
    FusedEngine(MultiLayerNetwork net, RunConfig config, LabeledImages train) {
        this(net, config, train, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param cores the cores this run may use: with two or more, large minibatches compute the halves of their big
     *              products on two threads ({@link PairWorker}); with one (other runs train at the same time), no
     *              helper thread is started and this thread computes both halves. The same halves are computed
     *              either way, so the result does not depend on the cores.
     */
    FusedEngine(MultiLayerNetwork net, RunConfig config, LabeledImages train, int cores) {
        this.train = train;
        ParamLayout layout = ParamLayout.of(net);
        if (layout.in(0) != train.pixelsPerImage()) {
            throw new IllegalArgumentException("the network takes " + layout.in(0) + " inputs, the images have "
                    + train.pixelsPerImage() + " pixels");
        }
        int blasThreads = NdRuntime.blasThreads();
        if (Blas.threads() != blasThreads) { // process-wide: set once, not under other runs' running products
            Blas.threads(blasThreads);
        }
        boolean large = false;
        for (int l = 0; l < layout.layers(); l++) {
            large |= layout.out(l) >= 2 && (long) layout.in(l) * layout.out(l) >= FusedStep.PAIR_MIN_WEIGHTS;
        }
        // Whether the large products are done in two halves depends on the model and minibatch only, so that the
        // result is the same on one core as on two; only who computes the second half depends on the cores.
        boolean split = config.batchSize() >= FusedStep.PAIR_MIN_ROWS && large;
        this.pair = !split ? null : cores > 1 ? new PairWorker() : PairWorker.inline();
        INDArray flat = net.params();
        this.gradientArray = NativeFloats.allocate(flat.length());
        this.step = new FusedStep(layout, flat, gradientArray, config.model(), config.batchSize(), pair);
        this.rule = UpdateRule.of(config.optimizer(), step.parameters(), pair);
        this.pixels = step.sparse() ? SparseImages.listed(train.pixels(), train.count(), train.pixelsPerImage()) : null;
        this.dropout = new SplitMix64(config.seed());
    }

    @Override
    public void startEpoch(int[] order) {
        this.order = order;
        step.readParameters(); // the network's: set before training, by a checkpoint or by a restore
    }

    @Override
    public StepOutcome step(int from, int to) {
        int rows = pixels != null ? step.load(pixels, train.labels(), order, from, to)
                : step.load(train.pixels(), train.labels(), order, from, to);
        StepOutcome outcome = step.forwardBackward(rows, dropout);
        rule.apply(step.parameters(), step.gradient());
        step.writeLaterParameters();
        return outcome;
    }

    @Override
    public void endEpoch() {
        step.writeParameters();
    }

    /** The update rule's state and the dropout generator's position now (between steps), for a {@link Checkpoint}. */
    Checkpoint.OptimizerState optimizerState() {
        return rule.state();
    }

    long dropoutState() {
        return dropout.state();
    }

    /** Continues from {@code checkpoint}'s optimizer state and dropout position (the parameters are set apart). */
    void restore(Checkpoint checkpoint) {
        rule.restore(checkpoint.optimizer());
        dropout = SplitMix64.restored(checkpoint.dropoutState());
    }

    @Override
    public void close() {
        step.close();
        rule.close();
        gradientArray.close();
        if (pair != null) {
            pair.close();
        }
    }
}
