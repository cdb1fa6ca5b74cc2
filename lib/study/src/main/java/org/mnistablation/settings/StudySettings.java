package org.mnistablation.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of the helper jar, read once from system properties and environment variables: this is the only
 * class that reads them. A system property wins over its environment variable; blank counts as unset. The README's
 * settings table lists the same {@link #VARIABLES} (checked by a test).
 *
 * @param dataset     "mnist" or "fashion-mnist" (lower case; the data package checks the name)
 * @param quick       quick mode: a subset of the split and one seed
 * @param seeds       the seeds each fit trains
 * @param workers     how many runs train at once
 * @param root        the project directory given, or null to find it above the working directory
 * @param runsDir     the run cache's parent folder given, or null for {@code <root>/runs}
 * @param ndThreads   ND4J's thread count, or null to leave ND4J's own choice (it reads OMP_NUM_THREADS)
 * @param blasThreads OpenBLAS threads of the training products
 * @param dataCache   the per-user folder downloaded datasets are kept in
 * @param parsedCache whether a parsed copy of each dataset is kept in the data cache (faster set-up cells)
 * @param data        per dataset settings prefix ("mnist", "fashion.mnist"): its folder and mirrors
 */
public record StudySettings(String dataset, boolean quick, List<Long> seeds, int workers, Path root, Path runsDir,
                            Integer ndThreads, int blasThreads, Path dataCache, boolean parsedCache,
                            Map<String, DataSource> data) {

    /** A dataset's own settings: a folder holding its four files (or null), and mirrors replacing the built-in ones. */
    public record DataSource(Path dir, List<String> mirrors) {
        public DataSource {
            mirrors = mirrors == null ? null : List.copyOf(mirrors);
        }
    }

    /** One setting: its environment variable and its system property. */
    public record Variable(String env, String property) {
    }

    public static final Variable DATASET = new Variable("STUDY_DATASET", "study.dataset");
    public static final Variable QUICK = new Variable("STUDY_QUICK", "study.quick");
    public static final Variable SEEDS = new Variable("STUDY_SEEDS", "study.seeds");
    public static final Variable WORKERS = new Variable("STUDY_WORKERS", "study.workers");
    public static final Variable ROOT = new Variable("STUDY_ROOT", "study.root");
    public static final Variable RUNS_DIR = new Variable("STUDY_RUNS_DIR", "study.runs.dir");
    public static final Variable ND_THREADS = new Variable("OMP_NUM_THREADS", "study.threads");
    public static final Variable BLAS_THREADS = new Variable("STUDY_BLAS_THREADS", "study.blasThreads");
    public static final Variable DATA_CACHE = new Variable("MNIST_CACHE", "mnist.cache");
    public static final Variable PARSED_CACHE = new Variable("STUDY_PARSED_CACHE", "study.parsed.cache");
    public static final Variable MNIST_DIR = new Variable("MNIST_DIR", "mnist.dir");
    public static final Variable MNIST_MIRROR = new Variable("MNIST_MIRROR", "mnist.mirror");
    public static final Variable FASHION_DIR = new Variable("FASHION_MNIST_DIR", "fashion.mnist.dir");
    public static final Variable FASHION_MIRROR = new Variable("FASHION_MNIST_MIRROR", "fashion.mnist.mirror");

    /** Every setting read here (the platform's cache locations XDG_CACHE_HOME and LOCALAPPDATA aside). */
    public static final List<Variable> VARIABLES = List.of(DATASET, QUICK, SEEDS, WORKERS, ROOT, RUNS_DIR, ND_THREADS,
            BLAS_THREADS, DATA_CACHE, PARSED_CACHE, MNIST_DIR, MNIST_MIRROR, FASHION_DIR, FASHION_MIRROR);

    public static final List<Long> FULL_SEEDS = List.of(42L, 43L, 44L, 45L, 46L);
    public static final List<Long> QUICK_SEEDS = List.of(42L);

    public StudySettings {
        seeds = List.copyOf(seeds);
        data = Map.copyOf(data);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException(SEEDS.env + " must name at least one seed");
        }
        if (workers < 1 || blasThreads < 1 || ndThreads != null && ndThreads < 1) {
            throw new IllegalArgumentException("thread and worker counts must be at least 1");
        }
    }

    /**
     * Prints the run cache these settings use ({@code run-cache}), for scripts:
     * {@code java -cp lib/study/target/mnist-study.jar org.mnistablation.settings.StudySettings run-cache}.
     */
    public static void main(String[] args) {
        if (args.length != 1 || !args[0].equals("run-cache")) {
            throw new IllegalArgumentException("usage: StudySettings run-cache");
        }
        StudySettings settings = fromEnvironment();
        System.out.println(settings.runCache(settings.dataset()));
    }

    /** The settings of this JVM's system properties and environment. */
    public static StudySettings fromEnvironment() {
        return parse(System::getProperty, System::getenv);
    }

    /**
     * Parses the settings from property and environment look-ups (null when unset); every error names the variable
     * and the value expected.
     */
    public static StudySettings parse(Function<String, String> properties, Function<String, String> environment) {
        Reader r = new Reader(properties, environment);
        boolean quick = r.flag(QUICK);
        String seeds = r.get(SEEDS);
        String threads = r.get(ND_THREADS);
        Integer nd = r.properties.apply(ND_THREADS.property) != null ? Integer.valueOf(r.count(ND_THREADS, 1))
                : threads == null ? Integer.valueOf(1) : null; // OMP_NUM_THREADS set: ND4J reads it itself
        String cache = r.get(DATA_CACHE);
        return new StudySettings(
                r.get(DATASET) == null ? "mnist" : r.get(DATASET).toLowerCase(Locale.ROOT),
                quick,
                seeds == null ? quick ? QUICK_SEEDS : FULL_SEEDS : r.seeds(seeds),
                r.count(WORKERS, Runtime.getRuntime().availableProcessors()),
                r.path(ROOT), r.path(RUNS_DIR), nd, r.count(BLAS_THREADS, 1),
                cache != null ? Path.of(cache) : defaultDataCache(r.properties.apply("os.name"), environment,
                        r.properties.apply("user.home")),
                r.get(PARSED_CACHE) == null || r.flag(PARSED_CACHE),
                Map.of("mnist", r.source(MNIST_DIR, MNIST_MIRROR), "fashion.mnist", r.source(FASHION_DIR, FASHION_MIRROR)));
    }

    /** The default settings of the full study (nothing set), e.g. for tests. */
    public static StudySettings defaults() {
        return parse(name -> null, name -> null);
    }

    public StudySettings withRunsDir(Path v) {
        return new StudySettings(dataset, quick, seeds, workers, root, v, ndThreads, blasThreads, dataCache, parsedCache,
                data);
    }

    /** "quick" or "full". */
    public String modeLabel() {
        return quick ? "quick" : "full";
    }

    /** The settings of a dataset by its settings prefix ("mnist", "fashion.mnist"); nothing set for others. */
    public DataSource data(String settingsPrefix) {
        return data.getOrDefault(settingsPrefix, new DataSource(null, null));
    }

    /** The project directory: {@link #root} when given, else the first folder above the working one holding lib/study/pom.xml. */
    public Path projectRoot() {
        if (root != null) {
            return root.toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("lib/study/pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the project directory (the one holding lib/study/pom.xml) above "
                + p + "; start Jupyter inside the project or set " + ROOT.env);
    }

    /** The run cache of {@code dataset}: {@code <runsDir>/<dataset>}, or {@code <root>/runs/<dataset>-<mode>}. */
    public Path runCache(String dataset) {
        return runsDir != null ? runsDir.resolve(dataset) : projectRoot().resolve("runs").resolve(dataset + "-" + modeLabel());
    }

    /**
     * The per-user cache root in the operating system's usual place: {@code %LOCALAPPDATA%\mnist-study\cache} on
     * Windows (else {@code <home>\AppData\Local\...}), {@code <home>/Library/Caches/mnist-study} on macOS,
     * {@code $XDG_CACHE_HOME/mnist-study} elsewhere when that variable holds an absolute path, else
     * {@code <home>/.cache/mnist-study}.
     */
    public static Path defaultDataCache(String osName, Function<String, String> env, String home) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        String h = home == null ? "" : home;
        if (os.startsWith("windows")) {
            String local = env.apply("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : Path.of(h, "AppData", "Local");
            return base.resolve("mnist-study").resolve("cache");
        }
        if (os.startsWith("mac")) {
            return Path.of(h, "Library", "Caches", "mnist-study");
        }
        String xdg = env.apply("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(h, ".cache");
        return base.resolve("mnist-study");
    }

    private record Reader(Function<String, String> properties, Function<String, String> environment) {

        String get(Variable v) {
            String value = properties.apply(v.property);
            if (value == null || value.isBlank()) {
                value = environment.apply(v.env);
            }
            return value == null || value.isBlank() ? null : value.trim();
        }

        boolean flag(Variable v) {
            String value = get(v);
            if (value == null) {
                return false;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes", "on" -> true;
                case "0", "false", "no", "off" -> false;
                default -> throw new IllegalArgumentException(v.env + " must be 1 or 0, got '" + value + "'");
            };
        }

        int count(Variable v, int fallback) {
            String value = get(v);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(v.env + " (or -D" + v.property + ") must be a whole number from 1, got '"
                    + value + "'");
        }

        List<Long> seeds(String value) {
            List<Long> out = new ArrayList<>();
            for (String part : value.split(",")) {
                try {
                    out.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(SEEDS.env + " must be comma-separated integers, got '" + value + "'");
                }
            }
            return out;
        }

        Path path(Variable v) {
            String value = get(v);
            return value == null ? null : Path.of(value);
        }

        DataSource source(Variable dir, Variable mirror) {
            String m = get(mirror);
            return new DataSource(path(dir), m == null ? null
                    : Arrays.stream(m.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        }
    }
}
