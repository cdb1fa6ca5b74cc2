package org.mnistablation.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudySettingsTest {

    private static StudySettings parse(Map<String, String> properties, Map<String, String> environment) {
        return StudySettings.parse(properties::get, environment::get);
    }

    @Test
    void nothingSetGivesTheFullStudy() {
        StudySettings s = StudySettings.defaults();
        assertEquals("mnist", s.dataset());
        assertEquals(false, s.quick());
        assertEquals(List.of(42L, 43L, 44L, 45L, 46L), s.seeds());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.workers());
        assertEquals(1, s.ndThreads());
        assertEquals(1, s.blasThreads());
        assertNull(s.data("mnist").dir());
    }

    @Test
    void quickModeTrainsOneSeedUnlessSeedsAreGiven() {
        assertEquals(List.of(42L), parse(Map.of(), Map.of("STUDY_QUICK", "1")).seeds());
        assertEquals(List.of(7L, 8L), parse(Map.of(), Map.of("STUDY_QUICK", "yes", "STUDY_SEEDS", "7, 8")).seeds());
        assertEquals("quick", parse(Map.of(), Map.of("STUDY_QUICK", "on")).modeLabel());
    }

    @Test
    void aSystemPropertyWinsOverItsVariableAndBlankIsUnset() {
        StudySettings s = parse(Map.of("study.workers", "3", "study.dataset", " "),
                Map.of("STUDY_WORKERS", "1", "STUDY_DATASET", "Fashion-MNIST"));
        assertEquals(3, s.workers());
        assertEquals("fashion-mnist", s.dataset());
    }

    @Test
    void ompNumThreadsLeavesNd4jItsOwnChoiceUnlessThePropertyIsSet() {
        assertNull(parse(Map.of(), Map.of("OMP_NUM_THREADS", "4")).ndThreads());
        assertEquals(2, parse(Map.of("study.threads", "2"), Map.of("OMP_NUM_THREADS", "4")).ndThreads());
    }

    @Test
    void badValuesNameTheVariable() {
        assertMessage(Map.of("STUDY_QUICK", "maybe"), "STUDY_QUICK must be 1 or 0, got 'maybe'");
        assertMessage(Map.of("STUDY_SEEDS", "42,x"), "STUDY_SEEDS must be comma-separated integers");
        assertMessage(Map.of("STUDY_WORKERS", "0"), "STUDY_WORKERS (or -Dstudy.workers) must be a whole number from 1");
        assertMessage(Map.of("STUDY_BLAS_THREADS", "two"), "STUDY_BLAS_THREADS");
    }

    private static void assertMessage(Map<String, String> env, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), env));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void runCacheIsPerDatasetAndMode() {
        StudySettings s = parse(Map.of(), Map.of("STUDY_ROOT", "/p", "STUDY_QUICK", "1"));
        assertEquals(Path.of("/p/runs/fashion-mnist-quick"), s.runCache("fashion-mnist"));
        assertEquals(Path.of("/r/mnist"), s.withRunsDir(Path.of("/r")).runCache("mnist"));
    }

    @Test
    void datasetFoldersMirrorsAndCacheAreRead() {
        StudySettings s = parse(Map.of("mnist.cache", "/c"), Map.of("MNIST_DIR", "/m", "FASHION_MNIST_MIRROR", "a/, ,b/"));
        assertEquals(Path.of("/c"), s.dataCache());
        assertEquals(Path.of("/m"), s.data("mnist").dir());
        assertEquals(List.of("a/", "b/"), s.data("fashion.mnist").mirrors());
        assertNull(s.data("mnist").mirrors());
    }

    @Test
    void dataCacheIsTheOperatingSystemsUsualCacheDirectory() {
        Map<String, String> none = Map.of();
        assertEquals(Path.of("/home/ada", ".cache", "mnist-study"),
                StudySettings.defaultDataCache("Linux", none::get, "/home/ada"));
        assertEquals(Path.of("/var/cache/ada", "mnist-study"),
                StudySettings.defaultDataCache("Linux", Map.of("XDG_CACHE_HOME", "/var/cache/ada")::get, "/home/ada"));
        assertEquals(Path.of("/home/ada", ".cache", "mnist-study"),
                StudySettings.defaultDataCache("Linux", Map.of("XDG_CACHE_HOME", "relative/dir")::get, "/home/ada"),
                "a relative XDG_CACHE_HOME is ignored, as the XDG spec says");
        assertEquals(Path.of("/Users/ada", "Library", "Caches", "mnist-study"),
                StudySettings.defaultDataCache("Mac OS X", none::get, "/Users/ada"));
        String local = "C:\\Users\\ada\\AppData\\Local";
        assertEquals(Path.of(local, "mnist-study", "cache"),
                StudySettings.defaultDataCache("Windows 11", Map.of("LOCALAPPDATA", local)::get, "C:\\Users\\ada"));
        assertEquals(Path.of("C:\\Users\\ada", "AppData", "Local", "mnist-study", "cache"),
                StudySettings.defaultDataCache("Windows 10", none::get, "C:\\Users\\ada"));
    }

    /** The README's settings table lists exactly the variables and properties this class reads. */
    @Test
    void readmeTableListsEverySetting() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("../../README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Settings");
            } else if (inSection && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String property = cells[2].trim();
                if (!property.equals("—")) {
                    documented.add(cells[1].trim().replace("`", "") + " " + property.replace("`", ""));
                }
            }
        }
        List<String> read = StudySettings.VARIABLES.stream().map(v -> v.env() + " " + v.property()).toList();
        assertEquals(read.stream().sorted().toList(), documented.stream().sorted().toList());
    }
}
