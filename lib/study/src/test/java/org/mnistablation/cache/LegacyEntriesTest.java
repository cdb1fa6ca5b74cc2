package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;

class LegacyEntriesTest {

    @TempDir
    Path dir;

    static final RunConfig CONFIG = RunCacheFaultTest.CONFIG;
    static final String DATA = RunCacheFaultTest.DATA;

    /** The key format 1 gave a run: a hash of its Keras text, its data and the training version. */
    static String format1Key(RunConfig config, String data) {
        String text = config.describe() + "\n" + data + "\n" + LegacyEntries.FORMAT_1_TRAINING;
        return HexFormat.of().formatHex(RunCache.sha256(text.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
    }

    /**
     * Rewrites the entry {@code entry} (format 2) as format 1 wrote it under {@code key}: config.ser instead of
     * run.json, the Keras text and data in test.properties, the checksums of those five files.
     */
    static Path asFormat1(Path entry, RunConfig config, String data, String key) throws IOException {
        Properties test = new Properties();
        try (var in = Files.newBufferedReader(entry.resolve("test.properties"))) {
            test.load(in);
        }
        test.setProperty("config", config.describe());
        test.setProperty("data", data);
        StringWriter out = new StringWriter();
        test.store(out, "test-set evaluation");
        Files.writeString(entry.resolve("test.properties"), out.toString());
        Files.delete(entry.resolve("run.json"));
        Files.write(entry.resolve("config.ser"), new byte[]{(byte) 0xac, (byte) 0xed, 0, 5}); // never read
        List<String> sums = new ArrayList<>();
        for (String f : List.of("history.tsv", "parameters.f32", "test_probabilities.f32", "test.properties", "config.ser")) {
            sums.add(HexFormat.of().formatHex(RunCache.sha256(Files.readAllBytes(entry.resolve(f)))) + "  " + f);
        }
        Files.write(entry.resolve("SHA256SUMS"), sums);
        Path old = entry.resolveSibling(key);
        Files.move(entry, old);
        return old;
    }

    @Test
    void aFormat1EntryMovesToItsNewKeyWithItsResultsMeasuresAndTaskRecords() throws IOException {
        RunCache cache = new RunCache(dir);
        RunResult stored = RunCacheFaultTest.result(CONFIG, 1);
        assertTrue(cache.store(stored));
        String newKey = RunCache.key(CONFIG, DATA);
        byte[] params = Files.readAllBytes(dir.resolve(newKey).resolve("parameters.f32"));
        String oldKey = format1Key(CONFIG, DATA);
        asFormat1(dir.resolve(newKey), CONFIG, DATA, oldKey);
        Files.createDirectories(dir.resolve("tasks"));
        Files.writeString(dir.resolve("tasks/Task05_Dropout.tsv"), "dropout 0.1\t" + oldKey + "\tffffffffffffffffffffffff\n");
        Files.createDirectories(dir.resolve("measures").resolve(oldKey));
        Files.writeString(dir.resolve("measures").resolve(oldKey).resolve("train-eval-v1.txt"), "0.1\n0.9\n");
        assertTrue(cache.load(RunDefinition.of(CONFIG, DATA)).isEmpty(), "not found before the conversion");

        LegacyEntries.Report report = LegacyEntries.migrate(cache);

        assertEquals(Map.of(oldKey, newKey), report.converted());
        assertEquals(Map.of(), report.ignored());
        assertFalse(Files.exists(dir.resolve(oldKey)));
        RunResult loaded = cache.load(RunDefinition.of(CONFIG, DATA)).orElseThrow();
        assertEquals(stored, loaded);
        assertEquals(stored.test().accuracy(), loaded.test().accuracy());
        assertArrayEquals(params, Files.readAllBytes(dir.resolve(newKey).resolve("parameters.f32")), "results untouched");
        assertEquals("dropout 0.1\t" + newKey + "\tffffffffffffffffffffffff\n",
                Files.readString(dir.resolve("tasks/Task05_Dropout.tsv")));
        assertEquals(List.of(loaded), TaskManifest.read(cache, "Task05_Dropout").setting("dropout 0.1").runs());
        assertEquals("0.1\n0.9\n", Files.readString(dir.resolve("measures").resolve(newKey).resolve("train-eval-v1.txt")));

        LegacyEntries.Report again = LegacyEntries.migrate(cache);
        assertEquals(1, again.current());
        assertTrue(again.converted().isEmpty());
    }

    @Test
    void aRunnerConvertsTheCacheItOpens() throws IOException {
        RunCache cache = new RunCache(dir);
        RunConfig config = RunnerTest.CONFIG;
        String split = RunnerTest.DATA.identity();
        RunResult r = RunCacheFaultTest.result(config, 2);
        assertTrue(cache.store(new RunResult(config, split, r.history(), r.parameters(), r.test(), r.engine(), false)));
        asFormat1(dir.resolve(RunCache.key(config, split)), config, split, format1Key(config, split));
        assertTrue(new Runner(new RunCache(dir), RunnerTest.DATA).cached(config).isPresent());
    }

    @Test
    void whatCannotBeConvertedIsListedAndKeptButNeverLoaded() throws IOException {
        RunCache cache = new RunCache(dir, RunCache.FileWriter.DEFAULT, m -> { });
        assertTrue(cache.store(RunCacheFaultTest.result(CONFIG, 1)));
        String wrongKey = "0123456789abcdef01234567";
        asFormat1(dir.resolve(RunCache.key(CONFIG, DATA)), CONFIG, DATA, wrongKey);
        Files.createDirectories(dir.resolve("fedcba9876543210fedcba98"));
        assertTrue(cache.store(RunCacheFaultTest.result(CONFIG.withSeed(9), 1)));
        Path future = dir.resolve(RunCache.key(CONFIG.withSeed(9), DATA)).resolve("run.json");
        Files.writeString(future, Files.readString(future).replace("\"format\":2", "\"format\":3"));

        LegacyEntries.Report report = LegacyEntries.migrate(cache);

        assertEquals(List.of("0123456789abcdef01234567", "fedcba9876543210fedcba98"), List.copyOf(report.ignored().keySet()));
        assertTrue(report.ignored().get(wrongKey).contains("its key is not that of its configuration"));
        assertTrue(cache.load(wrongKey).isEmpty());
        assertTrue(cache.load(RunDefinition.of(CONFIG.withSeed(9), DATA)).isEmpty(), "another format is not read");
        assertTrue(Files.exists(dir.resolve(wrongKey).resolve("parameters.f32")), "nor removed");
        assertTrue(Files.exists(future), "nor removed");
    }

    @Test
    void theKerasTextReadsBackAsItsConfiguration() {
        for (RunConfig c : List.of(CONFIG, RunDefinitionTest.DROPOUT, Mlp.baseline().withL2(1e-4).config().withSeed(46),
                Mlp.baseline().withOptimizer(Optimizer.sgd().learningRate(0.1).momentum(0.9)).config(),
                Mlp.baseline().withOptimizer(Optimizer.adamW().weightDecay(0.01)).config().withBatchSize(8),
                CONFIG.withEarlyStopping(EarlyStopping.create()))) {
            assertEquals(c, LegacyEntries.parse(c.describe()));
        }
        assertThrows(IllegalArgumentException.class, () -> LegacyEntries.parse("Sequential([Conv2D(3)]), Adam()"));
    }
}
