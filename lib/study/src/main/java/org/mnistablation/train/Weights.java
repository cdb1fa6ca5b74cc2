package org.mnistablation.train;

import java.util.Arrays;
import org.mnistablation.model.Dense;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.RunConfig;

/**
 * A model's Dense layers' weights, read from DL4J's flat parameter vector ({@link ParamLayout}: per layer the kernel,
 * {@code in×out} column-major, then the bias). Layers count from 0, the softmax output last.
 *
 * @param model the model the parameters belong to
 * @param flat  the parameters in DL4J's order (not copied: do not change them)
 */
public record Weights(ModelDefinition model, float[] flat) {

    public Weights {
        if (flat.length != model.parameterCount()) {
            throw new IllegalArgumentException("the model " + model.sizes() + " has " + model.parameterCount()
                    + " parameters, the vector " + flat.length);
        }
    }

    /** The weights a run starts from: DL4J's initialisation with the run's seed, as training builds it. */
    public static Weights initial(RunConfig config) {
        NdRuntime.ensureReady();
        return new Weights(config.model(), Dl4jModel.build(config.model(), config.seed()).params().toFloatVector());
    }

    private ParamLayout layout() {
        int[] sizes = new int[model.dense().size() + 1];
        sizes[0] = model.input().size();
        int l = 1;
        for (Dense d : model.dense()) {
            sizes[l++] = d.units();
        }
        return new ParamLayout(sizes);
    }

    /** The Dense layers, the softmax output last. */
    public int layers() {
        return model.dense().size();
    }

    /** Inputs of layer {@code l}. */
    public int in(int l) {
        return layout().in(l);
    }

    /** Units of layer {@code l}. */
    public int out(int l) {
        return layout().out(l);
    }

    /**
     * A copy of layer {@code l}'s kernel as DL4J keeps it ({@code in×out} column-major): the weight from input i to
     * unit o is at {@code o*in + i}, each unit's incoming weights contiguous.
     */
    public float[] kernelBlock(int l) {
        ParamLayout layout = layout();
        int start = (int) layout.kernel(l);
        return Arrays.copyOfRange(flat, start, start + layout.in(l) * layout.out(l));
    }

    /** Layer {@code l}'s incoming weights per unit: {@code [unit][input]} (a hidden unit's row is a 28×28 image for l = 0). */
    public float[][] units(int l) {
        float[] block = kernelBlock(l);
        int in = in(l);
        float[][] units = new float[out(l)][];
        for (int u = 0; u < units.length; u++) {
            units[u] = Arrays.copyOfRange(block, u * in, (u + 1) * in);
        }
        return units;
    }

    /** Layer {@code l}'s kernel as Keras's {@code get_weights()} gives it: {@code [input][unit]}. */
    public float[][] kernel(int l) {
        float[][] units = units(l);
        float[][] k = new float[units[0].length][units.length];
        for (int u = 0; u < units.length; u++) {
            for (int p = 0; p < k.length; p++) {
                k[p][u] = units[u][p];
            }
        }
        return k;
    }

    /** Layer {@code l}'s kernel values in the order of {@link #kernel(int)}, row after row. */
    public float[] kernelValues(int l) {
        float[][] k = kernel(l);
        float[] all = new float[k.length * k[0].length];
        for (int i = 0; i < k.length; i++) {
            System.arraycopy(k[i], 0, all, i * k[0].length, k[0].length);
        }
        return all;
    }

    /** Layer {@code l}'s bias. */
    public float[] bias(int l) {
        ParamLayout layout = layout();
        float[] b = new float[layout.out(l)];
        System.arraycopy(flat, (int) layout.bias(l), b, 0, b.length);
        return b;
    }
}
