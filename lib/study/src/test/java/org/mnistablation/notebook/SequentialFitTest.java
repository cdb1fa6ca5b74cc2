package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mnistablation.notebook.Notebook.Adam;
import static org.mnistablation.notebook.Notebook.Dense;
import static org.mnistablation.notebook.Notebook.EarlyStopping;
import static org.mnistablation.notebook.Notebook.Flatten;
import static org.mnistablation.notebook.Notebook.batchSize;
import static org.mnistablation.notebook.Notebook.callbacks;
import static org.mnistablation.notebook.Notebook.epochs;
import static org.mnistablation.notebook.Notebook.task;
import static org.mnistablation.notebook.Notebook.validationData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mnistablation.cache.Setting;
import org.mnistablation.data.DataIdentity;
import org.mnistablation.data.DatasetSpec;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.Layer;

/**
 * {@code model.fit} as a notebook calls it, on the real MNIST (MNIST_DIR) in a run cache of its own: it trains on the
 * images it is given, each set cached under its own content, and works without validation data.
 */
class SequentialFitTest {

    static Path runs;
    static StudySplit data;

    @BeforeAll
    static void study() throws IOException {
        String mnist = System.getenv("MNIST_DIR");
        assumeTrue(mnist != null && Files.isRegularFile(DatasetSpec.resolve(Path.of(mnist), DatasetSpec.TRAIN_IMAGES)),
                "no MNIST directory (set MNIST_DIR)");
        runs = Files.createTempDirectory("sequential-fit");
        System.setProperty("study.runs.dir", runs.toString());
        System.setProperty("study.seeds", "42");
        data = task("SequentialFitTest");
    }

    @AfterAll
    static void restore() {
        System.clearProperty("study.runs.dir");
        System.clearProperty("study.seeds");
    }

    static Sequential model() {
        Sequential m = new Sequential("small", Flatten(28, 28), Dense(16, "relu"), Dense(10, "softmax"));
        m.compile(Adam(), "sparse_categorical_crossentropy", "accuracy");
        return m;
    }

    static long entries() throws IOException {
        Path cache = runs.resolve("mnist");
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{24}")).count();
        }
    }

    @Test
    void fitTrainsOnTheImagesItIsGivenEachCachedUnderItsOwnContent() throws IOException {
        long before = entries();
        LabeledImages first = data.train().take(5000);
        Setting a = model().fit(first, epochs(1), batchSize(128), validationData(data.validation()));
        LabeledImages second = data.train().slice(5000, 9000);
        Setting b = model().fit(second, epochs(1), batchSize(128), validationData(data.validation()));
        assertEquals(before + 2, entries(), "two runs, two entries");
        assertEquals(DataIdentity.digest(first), a.first().data().train());
        assertEquals(DataIdentity.digest(second), b.first().data().train());
        assertNotEquals(a.first().definition().key(), b.first().definition().key());
        assertFalse(Arrays.equals(a.first().parameters(), b.first().parameters()), "other images, other weights");
        assertFalse(a.first().fromCache());

        Setting again = model().fit(data.train().take(5000), epochs(1), batchSize(128),
                validationData(data.validation()));
        assertTrue(again.first().fromCache(), "the same images again (another copy): from the cache");
        assertTrue(Arrays.equals(a.first().parameters(), again.first().parameters()));
        assertEquals(before + 2, entries());
    }

    @Test
    void theStudysOwnSplitKeepsTheKeyOfItsIdentityAlone() {
        assertEquals(new DataIdentity(data.identity(), null, null),
                DataIdentity.of(data, data.train(), data.validation()));
        assertEquals(DataIdentity.NONE, DataIdentity.of(data, data.train(), null).validation());
    }

    @Test
    void fitWithoutValidationDataHasNoValidationMetrics() {
        Setting r = model().fit(data.train().take(2000), epochs(2), batchSize(128));
        assertEquals(DataIdentity.NONE, r.first().data().validation());
        assertEquals(2, r.history().epochsRun());
        assertTrue(Double.isNaN(r.history().last().valLoss()));
        assertTrue(r.history().last().loss() > 0);
        assertTrue(r.first().test().accuracy() > 0.5, "evaluated on the study's test set: " + r.first().test().accuracy());
    }

    @Test
    void earlyStoppingWithoutValidationDataSaysWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().fit(data.train(),
                epochs(2), callbacks(EarlyStopping().patience(1))));
        assertTrue(e.getMessage().contains("EarlyStopping monitors val_loss")
                && e.getMessage().contains("validationData("), e.getMessage());
    }

    @Test
    void aNullLayerIsNamed() {
        Layer missing = null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sequential("m", Flatten(28, 28), missing, Dense(10, "softmax")));
        assertEquals("layer 2 of model \"m\" is null: write each layer as Flatten(28, 28), Dense(128, \"relu\"), "
                + "Dropout(0.1), …", e.getMessage());
    }
}
