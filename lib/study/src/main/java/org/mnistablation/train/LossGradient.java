package org.mnistablation.train;

import java.util.ArrayList;
import java.util.List;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Layer;
import org.mnistablation.model.ModelDefinition;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exact gradient of a dense stack's training loss at given parameters, with dropout off (evaluation mode): Keras's
 * mean sparse cross-entropy over the rows plus λ·Σw² of every L2-regularised kernel, computed by {@link FusedStep},
 * the code that trains the models. For measurements at stored weights (gradient noise, curvature, gradient flow).
 * Parameters and gradients are flat vectors in DL4J's layout ({@link ParamLayout}). One instance per thread.
 */
public final class LossGradient implements AutoCloseable {

    /** The loss (cross-entropy + L2 terms) and the correctly classified rows of one computation. */
    public record Outcome(double loss, int correct) {
    }

    private final ParamLayout layout;
    private final INDArray params;
    private final INDArray gradient;
    private final NativeFloats paramView;
    private final NativeFloats gradientView;
    private final FusedStep step;
    private final int maxRows;

    /** For minibatches of up to {@code maxRows} rows of {@code model}; its Dropout layers are left out. */
    public LossGradient(ModelDefinition model, int maxRows) {
        NdRuntime.ensureReady();
        String blas = Blas.unavailableReason();
        if (blas != null) {
            throw new IllegalStateException("exact gradients need OpenBLAS: " + blas);
        }
        List<Dense> dense = model.dense();
        for (int l = 0; l < dense.size() - 1; l++) {
            if (!ActivationKernels.SUPPORTED.contains(dense.get(l).activation())) {
                throw new IllegalArgumentException("hidden activation " + dense.get(l).activation().kerasName()
                        + " has no exact kernel; use one of relu, tanh, softsign, gelu, sigmoid, linear");
            }
        }
        int blasThreads = NdRuntime.blasThreads();
        if (Blas.threads() != blasThreads) { // as FusedEngine: process-wide, set once
            Blas.threads(blasThreads);
        }
        int[] sizes = new int[dense.size() + 1];
        sizes[0] = model.input().size();
        for (int l = 0; l < dense.size(); l++) {
            sizes[l + 1] = dense.get(l).units();
        }
        this.layout = new ParamLayout(sizes);
        this.maxRows = maxRows;
        this.params = NativeFloats.allocate(layout.size());
        this.gradient = NativeFloats.allocate(layout.size());
        this.paramView = NativeFloats.of(params);
        this.gradientView = NativeFloats.of(gradient);
        this.step = new FusedStep(layout, params, gradient, withoutDropout(model), maxRows, null);
    }

    /** The model's layers without its Dropout layers: the network as evaluation sees it. */
    static ModelDefinition withoutDropout(ModelDefinition model) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!(l instanceof org.mnistablation.model.Dropout)) {
                layers.add(l);
            }
        }
        return new ModelDefinition(layers, model.optimizer());
    }

    /** Parameters of the network (the length of every flat vector here). */
    public int size() {
        return (int) layout.size();
    }

    /** The largest minibatch {@link #compute} takes. */
    public int maxRows() {
        return maxRows;
    }

    /** Sets the parameters the next computations use (DL4J's flat layout). */
    public void parameters(float[] flat) {
        if (flat.length != layout.size()) {
            throw new IllegalArgumentException("the network has " + layout.size() + " parameters, got " + flat.length);
        }
        paramView.buffer.put(0, flat);
        step.readParameters();
    }

    /**
     * The loss of rows {@code order[from..to)} of the images (row-major, {@code pixels}) at the current parameters,
     * with its gradient written to {@code gradientOut} (DL4J's flat layout).
     */
    public Outcome compute(float[] pixels, int[] labels, int[] order, int from, int to, float[] gradientOut) {
        if (gradientOut.length != layout.size()) {
            throw new IllegalArgumentException("the gradient needs " + layout.size() + " values, got " + gradientOut.length);
        }
        int rows = step.load(pixels, labels, order, from, to);
        StepEngine.StepOutcome o = step.forwardBackward(rows, null);
        step.writeGradient();
        gradientView.buffer.get(0, gradientOut);
        return new Outcome(o.meanLoss(), o.correct());
    }

    @Override
    public void close() {
        step.close();
        params.close();
        gradient.close();
    }
}
