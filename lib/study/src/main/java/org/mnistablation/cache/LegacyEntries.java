package org.mnistablation.cache;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
 * The rule for entries of older cache formats: format 1 entries (a Java-serialized {@code config.ser}, keyed by a
 * hash of the configuration's Keras text, the data and the training version) are converted in place — their
 * definition is read back from the Keras text their {@code test.properties} holds and accepted only when it gives
 * that text and the entry's key again; the result files are copied unchanged beside a new {@code run.json} under the
 * new key, the entry's measures and the task records follow it. Any other entry without a current {@code run.json} is
 * ignored: listed in a warning, never loaded, never removed (a fit that needs its run trains it anew).
 * <p>Run by every {@link Runner} on its cache, or by hand: {@code java -cp lib/study/target/mnist-study.jar
 * org.mnistablation.cache.LegacyEntries <run cache folder>...}.
 */
public final class LegacyEntries {

    /** The training version format 1 keys were made with. */
    static final String FORMAT_1_TRAINING = "keras3-dl4j-1.0.0-M2.1/sequential-v3";

    /** Old key → new key of every converted entry, so interrupted conversions still re-key the task records. */
    static final String KEY_MAP = "format-2-keys.tsv";

    /** What a conversion did: how many entries are current, which were converted, which are ignored and why. */
    public record Report(int current, Map<String, String> converted, Map<String, String> ignored) {
    }

    private LegacyEntries() {
    }

    public static void main(String[] args) {
        for (String dir : args) {
            Report r = migrate(new RunCache(Path.of(dir)));
            System.out.println(dir + ": " + r.current() + " current, " + r.converted().size() + " converted, "
                    + r.ignored().size() + " ignored");
            r.ignored().forEach((key, why) -> System.out.println("  ignored " + key + ": " + why));
        }
    }

    /** Converts every format 1 entry of {@code cache} and lists the entries it cannot use. */
    public static Report migrate(RunCache cache) {
        Path root = cache.root();
        int current = 0;
        Map<String, String> converted = new LinkedHashMap<>();
        Map<String, String> ignored = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return new Report(0, converted, ignored);
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(root)) {
            entries = s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{24}") && Files.isDirectory(p)).sorted()
                    .toList();
        } catch (IOException e) {
            cache.warn("warning: could not list the run cache " + root + " (" + e.getMessage() + ")");
            return new Report(0, converted, ignored);
        }
        for (Path dir : entries) {
            String key = dir.getFileName().toString();
            if (Files.exists(dir.resolve("run.json"))) {
                current++;
            } else if (Files.exists(dir.resolve("config.ser"))) {
                try {
                    converted.put(key, convert(cache, dir));
                } catch (IOException | RuntimeException e) {
                    if (Files.isDirectory(dir)) { // else another process converted it meanwhile
                        ignored.put(key, e.getMessage());
                    }
                }
            } else {
                ignored.put(key, "neither run.json nor config.ser");
            }
        }
        if (!converted.isEmpty()) {
            TaskManifest.rekey(cache, keyMap(root));
            System.out.println("run cache " + root + ": " + converted.size() + " entries converted to cache format "
                    + RunDefinition.FORMAT + " (results unchanged)");
        }
        if (!ignored.isEmpty()) {
            cache.warn("run cache " + root + ": " + ignored.size() + " entries ignored (not loaded, not removed): "
                    + String.join(", ", ignored.keySet()));
        }
        return new Report(current, converted, ignored);
    }

    /** Converts one format 1 entry and returns its new key. */
    private static String convert(RunCache cache, Path dir) throws IOException {
        RunCache.verify(dir);
        Properties test = new Properties();
        try (var in = new StringReader(Files.readString(dir.resolve("test.properties")))) {
            test.load(in);
        }
        String text = test.getProperty("config");
        String split = test.getProperty("data");
        if (text == null || split == null) {
            throw new IOException("test.properties names no configuration or data");
        }
        RunConfig config = parse(text);
        String oldKey = HexFormat.of().formatHex(RunCache.sha256((text + "\n" + split + "\n" + FORMAT_1_TRAINING)
                .getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        if (!oldKey.equals(dir.getFileName().toString())) {
            throw new IOException("its key is not that of its configuration under training version " + FORMAT_1_TRAINING);
        }
        RunDefinition definition = new RunDefinition(config, new DataIdentity(split, null, null));
        List<byte[]> results = new ArrayList<>();
        for (String file : List.of("history.tsv", "parameters.f32", "test_probabilities.f32", "test.properties")) {
            results.add(Files.readAllBytes(dir.resolve(file)));
        }
        cache.writeEntry(definition, results);
        String newKey = definition.key();
        Files.writeString(cache.root().resolve(KEY_MAP), oldKey + "\t" + newKey + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Path measures = cache.root().resolve("measures");
        if (Files.isDirectory(measures.resolve(oldKey)) && !Files.exists(measures.resolve(newKey))) {
            Files.move(measures.resolve(oldKey), measures.resolve(newKey), StandardCopyOption.ATOMIC_MOVE);
        }
        RunCache.discard(dir);
        return newKey;
    }

    private static Map<String, String> keyMap(Path root) {
        Map<String, String> map = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(root.resolve(KEY_MAP))) {
                String[] parts = line.split("\t");
                if (parts.length == 2) {
                    map.put(parts[0], parts[1]);
                }
            }
        } catch (IOException e) {
            // no conversions recorded
        }
        return map;
    }

    private static final Pattern RUN = Pattern.compile("Sequential\\(\\[(.*)]\\), (SGD|Adam|AdamW)\\(learning_rate=([^,)]+)"
            + "(?:, momentum=([^,)]+))?(?:, weight_decay=([^,)]+))?\\), fit\\(epochs=(\\d+), batch_size=(\\d+)(?:, "
            + "callbacks=\\[EarlyStopping\\(monitor=\"([^\"]+)\", patience=(\\d+), restore_best_weights=(True|False)\\)])?"
            + "\\), seed (-?\\d+)");
    private static final Pattern LAYER = Pattern.compile("Flatten\\(input_shape=\\((\\d+), (\\d+)\\)\\)"
            + "|Dense\\((\\d+), activation=\"(\\w+)\"(?:, kernel_regularizer=l2\\(([^)]+)\\))?\\)|Dropout\\(([^)]+)\\)");

    /**
     * The configuration whose Keras text ({@link RunConfig#describe()}) is {@code text}.
     *
     * @throws IllegalArgumentException when the text is not one, or does not come back from what it parses to
     */
    static RunConfig parse(String text) {
        Matcher m = RUN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a run's Keras text: " + text);
        }
        List<Layer> layers = new ArrayList<>();
        Matcher l = LAYER.matcher(m.group(1));
        while (l.find()) {
            if (l.group(1) != null) {
                layers.add(new Flatten(Integer.parseInt(l.group(1)), Integer.parseInt(l.group(2))));
            } else if (l.group(3) != null) {
                layers.add(new Dense(Integer.parseInt(l.group(3)), Activation.fromName(l.group(4)),
                        l.group(5) == null ? 0 : Double.parseDouble(l.group(5))));
            } else {
                layers.add(new Dropout(Double.parseDouble(l.group(6))));
            }
        }
        Optimizer.Kind kind = switch (m.group(2)) {
            case "SGD" -> Optimizer.Kind.SGD;
            case "Adam" -> Optimizer.Kind.ADAM;
            default -> Optimizer.Kind.ADAMW;
        };
        Optimizer optimizer = new Optimizer(kind, Double.parseDouble(m.group(3)),
                m.group(4) == null ? 0 : Double.parseDouble(m.group(4)), m.group(5) == null ? 0 : Double.parseDouble(m.group(5)));
        EarlyStopping es = m.group(8) == null ? null
                : new EarlyStopping(m.group(8), Integer.parseInt(m.group(9)), m.group(10).equals("True"));
        RunConfig config = new RunConfig(new ModelDefinition(layers, optimizer), Integer.parseInt(m.group(6)),
                Integer.parseInt(m.group(7)), es, Long.parseLong(m.group(11)));
        if (!config.describe().equals(text)) {
            throw new IllegalArgumentException("the Keras text reads back as " + config.describe() + ", not " + text);
        }
        return config;
    }
}
