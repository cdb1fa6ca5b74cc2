package org.mnistablation.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Setting;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Layer;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Dl4jModel;
import org.mnistablation.train.Engine;
import org.mnistablation.train.Evaluation;
import org.mnistablation.train.Evaluator;

/**
 * Keras's {@code Sequential} model in a notebook: layers, then {@code compile}, then {@code fit}, which trains the
 * model once per seed (or loads the runs from the run cache) and returns a {@link Setting}. After {@code fit},
 * {@code evaluate} and {@code predict} use the first seed's trained weights, as Keras's model object would.
 */
public final class Sequential {

    private final String name;
    private final List<Layer> layers;
    private ModelDefinition compiled;
    private RunResult trained;
    private MultiLayerNetwork network;

    Sequential(String name, Layer... layers) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model needs a name (it labels its curves and table rows)");
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == null) {
                throw new IllegalArgumentException("layer " + (i + 1) + " of model \"" + name + "\" is null: write each "
                        + "layer as Flatten(28, 28), Dense(128, \"relu\"), Dropout(0.1), …");
            }
        }
        this.name = name;
        this.layers = List.of(layers);
        ModelDefinition.validate(this.layers);
    }

    public String name() {
        return name;
    }

    /** Keras's {@code compile(optimizer, loss, metrics)}; the loss and metric are the study's only ones. */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        if (!"sparse_categorical_crossentropy".equals(loss)) {
            throw new IllegalArgumentException("loss must be \"sparse_categorical_crossentropy\" (integer labels, "
                    + "softmax output), got \"" + loss + "\"");
        }
        for (String m : metrics) {
            if (!"accuracy".equals(m)) {
                throw new IllegalArgumentException("the only metric here is \"accuracy\", got \"" + m + "\"");
            }
        }
        compiled = new ModelDefinition(layers, optimizer);
        trained = null;
        network = null;
    }

    /** The compiled definition (what the run cache keys on). */
    public ModelDefinition definition() {
        if (compiled == null) {
            throw new IllegalStateException("call " + name + ".compile(...) first, e.g. compile(Adam(), "
                    + "\"sparse_categorical_crossentropy\", \"accuracy\")");
        }
        return compiled;
    }

    /**
     * Keras's {@code fit(x, epochs=, batch_size=, validation_data=, callbacks=)}: trains on {@code train} one run per
     * seed (or loads it from the run cache, which names the images by their content), the seeds at once on the
     * machine's cores, with one live progress line per seed, and returns every seed's result in seed order (each the
     * same as when trained alone). Without {@code validationData} the history has no validation metrics; every run is
     * evaluated on the study's test set.
     */
    public Setting fit(LabeledImages train, FitOption... options) {
        ModelDefinition model = definition();
        int epochs = 1;
        int batch = 32;
        LabeledImages validation = null;
        EarlyStopping earlyStopping = null;
        List<Long> seeds = null;
        for (FitOption o : options) {
            if (o instanceof FitOption.Epochs e) {
                epochs = e.value();
            } else if (o instanceof FitOption.BatchSize b) {
                batch = b.value();
            } else if (o instanceof FitOption.ValidationData v) {
                validation = v.value();
            } else if (o instanceof FitOption.Callbacks c) {
                if (c.value().size() > 1) {
                    throw new IllegalArgumentException("one EarlyStopping callback at most, got " + c.value().size());
                }
                earlyStopping = c.value().isEmpty() ? null : c.value().get(0);
            } else if (o instanceof FitOption.Seeds s) {
                seeds = s.value();
            }
        }
        if (train == null) {
            throw new IllegalArgumentException("fit needs training images, e.g. fit(data.train(), ...); got null");
        }
        if (validation == null && earlyStopping != null) {
            throw new IllegalArgumentException("EarlyStopping monitors " + earlyStopping.monitor() + ", which needs "
                    + "validation data: add validationData(data.validation()) to fit, or leave out the callback");
        }
        Session study = Session.current();
        if (seeds == null) {
            seeds = study.seeds();
        }
        RunConfig base = new RunConfig(model, epochs, batch, earlyStopping, seeds.get(0));
        List<RunConfig> configs = new ArrayList<>();
        for (long seed : seeds) {
            configs.add(base.withSeed(seed));
        }
        // the seeds train at once, one per core (STUDY_WORKERS=1: one after another); results in seed order
        List<RunResult> runs = study.run(configs, train, validation, name);
        Setting result = new Setting(name, runs);
        study.runs().record(result);
        trained = runs.get(0);
        network = null;
        study.show(FitReport.markdown(result));
        return result;
    }

    /** The first seed's trained network, built once per fit. */
    private MultiLayerNetwork network() {
        if (trained == null) {
            throw new IllegalStateException(name + " has not been trained yet: call fit(...) first");
        }
        if (network == null) {
            network = trained.buildNetwork();
        }
        return network;
    }

    /** Keras's {@code evaluate}: loss (with the L2 terms) and accuracy of the first seed's trained model. */
    public Evaluation evaluate(LabeledImages data) {
        return Evaluator.evaluate(network(), definition(), data);
    }

    /** Keras's {@code predict}: the softmax outputs of the first seed's trained model, one row per image. */
    public float[][] predict(LabeledImages data) {
        Evaluation e = evaluate(data);
        float[][] out = new float[e.count()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = e.probabilitiesOf(i);
        }
        return out;
    }

    /**
     * Keras's {@code summary()}: layer, output shape and parameters, plus what each layer becomes in DL4J and which
     * engine trains the model; shown below the cell.
     */
    public void summary() {
        Session.current().show(summaryMarkdown());
    }

    /** The table {@link #summary()} shows, as Markdown. */
    public String summaryMarkdown() {
        List<String> dl4j = Dl4jModel.translation(compiled != null ? compiled : new ModelDefinition(layers, Optimizer.adam()));
        StringBuilder sb = new StringBuilder("Model: \"" + name + "\"\n\n");
        sb.append("| Layer (type) | Output shape | Param # | in DL4J |\n|---|---|---:|---|\n");
        int in = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            long params = 0;
            int out;
            if (l instanceof org.mnistablation.model.Flatten f) {
                out = f.size();
            } else if (l instanceof org.mnistablation.model.Dense d) {
                params = (long) in * d.units() + d.units();
                out = d.units();
            } else {
                out = in;
            }
            sb.append("| ").append(l.keras()).append(" | (None, ").append(out).append(") | ")
                    .append(String.format(Locale.ROOT, "%,d", params)).append(" | ").append(dl4j.get(i)).append(" |\n");
            in = out;
        }
        ModelDefinition def = compiled != null ? compiled : new ModelDefinition(layers, Optimizer.adam());
        sb.append("\nTotal params: ").append(String.format(Locale.ROOT, "%,d", def.parameterCount()))
                .append(" (all trainable)  \n");
        if (compiled != null) {
            sb.append("Optimizer: ").append(compiled.optimizer().keras()).append(" → DL4J ")
                    .append(Dl4jModel.translation(compiled.optimizer())).append("  \n");
        } else {
            sb.append("Not compiled yet.  \n");
        }
        sb.append("Trained by: ").append(Engine.choose(def).describe()).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Sequential[" + name + (compiled != null ? ", " + compiled.keras() : ", not compiled") + "]";
    }
}
