package org.mnistablation.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnistablation.data.DataIdentity;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.Layer;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;

/**
 * What decides a run's result, as one canonical JSON text: the model, the optimizer, the fit arguments, the seed, the
 * data and the training code's version with the OpenBLAS kernel it runs on, under the cache format's number. The run
 * cache's key is a hash of this text, and an entry stores it as {@code run.json}, so what names an entry is what it
 * holds.
 */
public record RunDefinition(RunConfig config, DataIdentity data) {

    /** The cache format; a change of this text's layout or of an entry's files is a new number ({@link LegacyEntries}). */
    public static final int FORMAT = 2;

    /**
     * The training code's version: change it when training gives other results for the same definition, so older
     * entries are not reused ({@code TrainingVersionTest} fails until it is).
     */
    public static final String TRAINING_VERSION = "keras3-dl4j-1.0.0-M2.1/sequential-v4";

    /**
     * The OpenBLAS kernel this process's products run on, as OpenBLAS takes it from {@code OPENBLAS_CORETYPE} when
     * it loads ({@code openblas-skylakex}; {@code openblas-auto} when unset: OpenBLAS's own pick for the CPU). Kernels
     * round differently, so a run trained on one is not another's: it is part of the training text, and a process
     * on another kernel finds other keys. scripts/openblas-env.sh chooses it for the project's scripts and kernel.
     */
    static final String BLAS = blasKernel(System.getenv("OPENBLAS_CORETYPE"));

    static String blasKernel(String coretype) {
        return "openblas-" + (coretype == null || coretype.isBlank() ? "auto" : coretype.trim().toLowerCase(Locale.ROOT));
    }

    /** What a run of this process is trained with: the training code's version and the OpenBLAS kernel. */
    public static String training() {
        return TRAINING_VERSION + " " + BLAS;
    }

    public RunDefinition {
        if (config == null || data == null) {
            throw new IllegalArgumentException("a run definition needs a configuration and its data");
        }
    }

    /** A run on the study's own training and validation sets of the split {@code splitIdentity}. */
    public static RunDefinition of(RunConfig config, String splitIdentity) {
        return new RunDefinition(config, new DataIdentity(splitIdentity, null, null));
    }

    /** The canonical JSON text. */
    public String json() {
        return json(BLAS);
    }

    /** The canonical JSON text of this run trained on the OpenBLAS kernel {@code blas}. */
    String json(String blas) {
        return Json.write(tree(blas, true));
    }

    /**
     * The canonical JSON text of this run's trajectory: the definition without the epoch count and early stopping,
     * which decide only where a run of it ends ({@code train.Trajectory}).
     */
    public String trajectoryJson() {
        return Json.write(tree(BLAS, false));
    }

    /** The key of {@link #trajectoryJson()}, as {@link #key()} is of {@link #json()}. */
    public String trajectoryKey() {
        return key(trajectoryJson());
    }

    private Map<String, Object> tree(String blas, boolean length) {
        Map<String, Object> fit = new LinkedHashMap<>();
        if (length) {
            fit.put("epochs", config.epochs());
        }
        fit.put("batch_size", config.batchSize());
        EarlyStopping es = config.earlyStopping();
        if (length) {
            fit.put("early_stopping", es == null ? null : Map.of("monitor", es.monitor(), "patience", es.patience(),
                    "restore_best_weights", es.restoreBestWeights()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("split", this.data.split());
        data.put("train", this.data.train());
        data.put("validation", this.data.validation());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("training", TRAINING_VERSION + " " + blas);
        root.put("model", model(config.model()));
        root.put("fit", fit);
        root.put("seed", config.seed());
        root.put("data", data);
        return root;
    }

    /** The cache key: the first 24 hex digits of SHA-256 over {@link #json()}. */
    public String key() {
        return key(json());
    }

    static String key(String json) {
        return HexFormat.of().formatHex(RunCache.sha256(json.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
    }

    private static Map<String, Object> model(ModelDefinition m) {
        List<Object> layers = new ArrayList<>();
        for (Layer l : m.layers()) {
            if (l instanceof Flatten f) {
                layers.add(Map.of("type", "Flatten", "height", f.height(), "width", f.width()));
            } else if (l instanceof Dense d) {
                layers.add(Map.of("type", "Dense", "units", d.units(), "activation", d.activation().kerasName(),
                        "l2", d.l2()));
            } else {
                layers.add(Map.of("type", "Dropout", "rate", ((Dropout) l).rate()));
            }
        }
        Optimizer o = m.optimizer();
        return Map.of("layers", layers, "optimizer", Map.of("kind", o.kind().name(), "learning_rate", o.learningRate(),
                "momentum", o.momentum(), "weight_decay", o.weightDecay()));
    }

    /**
     * The definition a {@code run.json} text holds.
     *
     * @throws IllegalArgumentException when it is not this format's, or not a definition
     */
    public static RunDefinition parse(String json) {
        Map<?, ?> root = (Map<?, ?>) Json.read(json);
        Object format = root.get("format");
        if (!(format instanceof Long f) || f != FORMAT) {
            throw new OtherFormatException("run.json is of cache format " + format + ", not " + FORMAT);
        }
        Map<?, ?> model = (Map<?, ?>) root.get("model");
        List<Layer> layers = new ArrayList<>();
        for (Object o : (List<?>) model.get("layers")) {
            Map<?, ?> l = (Map<?, ?>) o;
            layers.add(switch ((String) l.get("type")) {
                case "Flatten" -> new Flatten(integer(l, "height"), integer(l, "width"));
                case "Dense" -> new Dense(integer(l, "units"), Activation.fromName((String) l.get("activation")),
                        number(l, "l2"));
                case "Dropout" -> new Dropout(number(l, "rate"));
                default -> throw new IllegalArgumentException("run.json names an unknown layer " + l.get("type"));
            });
        }
        Map<?, ?> o = (Map<?, ?>) model.get("optimizer");
        Optimizer optimizer = new Optimizer(Optimizer.Kind.valueOf((String) o.get("kind")), number(o, "learning_rate"),
                number(o, "momentum"), number(o, "weight_decay"));
        Map<?, ?> fit = (Map<?, ?>) root.get("fit");
        Map<?, ?> es = (Map<?, ?>) fit.get("early_stopping");
        EarlyStopping earlyStopping = es == null ? null : new EarlyStopping((String) es.get("monitor"),
                integer(es, "patience"), (Boolean) es.get("restore_best_weights"));
        Map<?, ?> data = (Map<?, ?>) root.get("data");
        return new RunDefinition(new RunConfig(new ModelDefinition(layers, optimizer), integer(fit, "epochs"),
                integer(fit, "batch_size"), earlyStopping, (Long) root.get("seed")),
                new DataIdentity((String) data.get("split"), (String) data.get("train"), (String) data.get("validation")));
    }

    /** A {@code run.json} of another cache format: the entry is not this version's to read or to remove. */
    public static final class OtherFormatException extends IllegalArgumentException {
        OtherFormatException(String message) {
            super(message);
        }
    }

    private static int integer(Map<?, ?> m, String key) {
        return Math.toIntExact((Long) m.get(key));
    }

    private static double number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
