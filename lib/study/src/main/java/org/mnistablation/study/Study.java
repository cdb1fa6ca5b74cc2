package org.mnistablation.study;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.mnistablation.plot.Panels;
import org.mnistablation.report.MarkdownHtml;
import org.mnistablation.report.TableRender;
import tech.tablesaw.api.Table;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.RunCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Runner;
import org.mnistablation.cache.TaskManifest;
import org.mnistablation.model.RunConfig;
import org.mnistablation.data.StudyData;
import org.mnistablation.data.StudySplit;
import org.mnistablation.notebook.NotebookDisplay;
import org.mnistablation.notebook.NotebookProgress;
import org.mnistablation.train.NdRuntime;

/**
 * What a notebook talks to: the data (full or quick mode, MNIST or Fashion-MNIST), the runs (from the run cache
 * or trained with live progress), and where outputs go. Settings come from the environment:
 * <ul>
 *   <li>{@code STUDY_QUICK=1}: quick mode (see {@link StudyMode});</li>
 *   <li>{@code STUDY_DATASET=fashion-mnist}: Fashion-MNIST; its results and analyses go to
 *       {@code results/fashion-mnist/} and {@code submission/fashion-mnist/};</li>
 *   <li>{@code STUDY_ROOT}: the project directory (default: found by walking up from the working directory);</li>
 *   <li>{@code STUDY_RUNS_DIR}: the run cache (default {@code <root>/runs/<dataset>-<mode>}).</li>
 * </ul>
 * {@link #get()} keeps one instance per JVM: the documented cache that lets every cell of a notebook share the
 * loaded data.
 */
public final class Study {

    private static Study current;

    private final Path root;
    private final String dataset;
    private final StudyMode mode;
    private final Runner runner;
    private final NotebookDisplay display;
    private final Map<String, List<RunResult>> recorded = new LinkedHashMap<>();
    private String task;

    private Study(Path root, String dataset, StudyMode mode, Runner runner, NotebookDisplay display) {
        this.root = root;
        this.dataset = dataset;
        this.mode = mode;
        this.runner = runner;
        this.display = display;
    }

    /** The study for this JVM, created on first use from the environment. */
    public static synchronized Study get() {
        if (current == null) {
            current = create(env("STUDY_DATASET", "mnist"));
        }
        return current;
    }

    /**
     * The same study on another dataset (same project, mode and seeds), e.g. to compare findings across MNIST and
     * Fashion-MNIST; its runs live in their own cache folder.
     */
    public static Study forDataset(String dataset) {
        return create(dataset);
    }

    private static Study create(String dataset) {
        NdRuntime.ensureReady();
        Path root = findRoot();
        StudyMode mode = StudyMode.fromEnvironment();
        StudySplit split = StudyData.load(dataset);
        if (mode.quick()) {
            split = split.subset(mode.trainCount(), mode.validationCount(), mode.testCount());
        }
        String runs = env("STUDY_RUNS_DIR", null);
        Path runsDir = runs != null ? Path.of(runs).resolve(dataset) : root.resolve("runs").resolve(dataset + "-" + mode.label());
        return new Study(root, dataset, mode, new Runner(new RunCache(runsDir), split), NotebookDisplay.detect());
    }

    /**
     * Every task recorded in this study's run cache (by the task notebooks' fits), each with its settings and their
     * runs, in task-name order. Nothing is trained.
     */
    public Map<String, Map<String, List<RunResult>>> recordedTasks() {
        Map<String, Map<String, List<RunResult>>> out = new LinkedHashMap<>();
        for (String task : TaskManifest.tasks(runner.cache())) {
            Map<String, List<RunResult>> settings = TaskManifest.read(runner.cache(), task);
            if (!settings.isEmpty()) {
                out.put(task, settings);
            }
        }
        return out;
    }

    private static String env(String name, String fallback) {
        String v = System.getProperty(name.toLowerCase().replace('_', '.'), System.getenv(name));
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    static Path findRoot() {
        String explicit = env("STUDY_ROOT", null);
        if (explicit != null) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("lib/study/pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the project directory (the one holding lib/study/pom.xml) above "
                + p + "; start Jupyter inside the project or set STUDY_ROOT");
    }

    public StudySplit data() {
        return runner.data();
    }

    public StudyMode mode() {
        return mode;
    }

    public String dataset() {
        return dataset;
    }

    public NotebookDisplay display() {
        return display;
    }

    /** One run: from the cache, or trained now with a live progress line labelled {@code label}. */
    public RunResult run(RunConfig config, String label) {
        return run(List.of(config), label).get(0);
    }

    /**
     * Independent runs (e.g. one model's seeds), in the order given: from the cache, or trained now, several at once
     * ({@link Runner#defaultWorkers()}: {@code STUDY_WORKERS}, default one per core), under one progress display
     * labelled {@code label} with a line per seed. Must be called on the cell's thread (it renders the progress).
     */
    public List<RunResult> run(List<RunConfig> configs, String label) {
        NotebookProgress progress = new NotebookProgress(display, label);
        List<RunResult> runs = runner.runAll(configs, Runner.defaultWorkers(), progress::forRun, progress::render);
        progress.finish();
        return runs;
    }

    /**
     * The notebook's task, e.g. "Task05_Dropout": names its loss-curve files, its analysis in {@code submission/} and
     * the record of its runs that the Summary notebook reads. Setting it starts a fresh record.
     */
    public synchronized void task(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a task name is letters, digits, '_', '.' or '-', e.g. \"Task05_Dropout\"; got "
                    + name);
        }
        task = name;
        recorded.clear();
    }

    public synchronized String task() {
        if (task == null) {
            throw new IllegalStateException("no task set: start the notebook with task(\"Task05_Dropout\") (its name)");
        }
        return task;
    }

    /**
     * Records a setting of the current task (a later fit with the same label replaces it) in the task's manifest,
     * keeping the notebook's other settings recorded there ({@link TaskManifest#merge}).
     */
    public synchronized void record(String label, List<RunResult> runs) {
        if (task == null) {
            return;
        }
        recorded.put(label, List.copyOf(runs));
        TaskManifest.merge(runner.cache(), task, label, runs);
    }


    /** {@code results/<kind>/<file>} (under {@code results/fashion-mnist/} for Fashion-MNIST); folders are created. */
    public Path resultFile(String kind, String file) {
        return outputDir("results").resolve(kind).resolve(file);
    }

    /** {@code submission/<file>} (or {@code submission/fashion-mnist/<file>}). */
    public Path submissionFile(String file) {
        return outputDir("submission").resolve(file);
    }

    private Path outputDir(String top) {
        Path base = root.resolve(top);
        if (!"mnist".equals(dataset)) {
            base = base.resolve(dataset);
        }
        if (mode.quick()) {
            base = root.resolve("test-output").resolve("quick").resolve(top + (!"mnist".equals(dataset) ? "/" + dataset : ""));
        }
        return base;
    }

    public Path root() {
        return root;
    }

    /**
     * The seeds every setting is trained with: 42 to 46 (five) in full mode, so that the analyses' t-intervals and
     * Welch tests have four degrees of freedom per setting; 42 alone in quick mode; {@code STUDY_SEEDS}
     * (e.g. "42,43,44") overrides. The first seed's run is the one curves and per-run views show.
     */
    public List<Long> seeds() {
        String v = env("STUDY_SEEDS", null);
        if (v != null) {
            List<Long> out = new java.util.ArrayList<>();
            for (String part : v.split(",")) {
                try {
                    out.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("STUDY_SEEDS must be comma-separated integers, got '" + v + "'");
                }
            }
            return out;
        }
        return mode.quick() ? List.of(42L) : List.of(42L, 43L, 44L, 45L, 46L);
    }

    /** A file-name-safe form of a label: "dropout 0.1" -> "dropout_0.1". */
    public static String slug(String label) {
        return label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.+-]+", "_").replaceAll("^_|_$", "");
    }

    /**
     * Saves {@code image} as {@code results/<kind>/<file>} and returns it, so a cell ending with this call shows
     * the chart inline and keeps the file in step with it.
     */
    public BufferedImage figure(BufferedImage image, String kind, String file) {
        Panels.save(image, resultFile(kind, file));
        return image;
    }

    /**
     * Writes a generated analysis to {@code submission/<file>} and shows it below the cell (as HTML for the browser
     * and Markdown for other front ends). The analysis is a notebook's last cell, so the task's manifest is then set to
     * exactly the models fitted since the setup cell ({@link TaskManifest#write}): a model removed from the notebook
     * drops out of the Summary at the next run through it.
     */
    public void publish(String file, String markdown) {
        Path target = submissionFile(file);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
        show(markdown);
        System.out.println("written to " + root.relativize(target));
        synchronized (this) {
            // the analysis ends a run through the notebook: its manifest becomes the models fitted since the setup cell
            if (task != null && !recorded.isEmpty()) {
                TaskManifest.write(runner.cache(), task, recorded);
            }
        }
    }

    /** Shows Markdown below the cell (HTML for browsers, Markdown for other front ends; plain text outside a kernel). */
    public void show(String markdown) {
        display.show(display.rich(markdown, MarkdownHtml.toHtml(markdown), markdown));
    }

    /** Numbers computed from this study's cached runs (training-set evaluations, …), kept beside the run cache. */
    public org.mnistablation.cache.MeasureCache measures() {
        return new org.mnistablation.cache.MeasureCache(runner.cache().root());
    }

    /** The saved notebook of the current task: {@code notebooks/<task>.ipynb}, or the overview {@code notebook.ipynb}. */
    public Path notebookFile() {
        Path book = root.resolve("notebooks").resolve(task() + ".ipynb");
        return Files.isRegularFile(book) ? book : root.resolve("notebook.ipynb");
    }

    /** Shows a Tablesaw table below the cell, as HTML and Markdown. */
    public void show(Table table) {
        String md = (table.name() == null || table.name().isBlank() ? "" : "**" + table.name() + "**\n\n") + TableRender.markdown(table);
        display.show(display.rich(md, MarkdownHtml.toHtml(md), md));
    }
}
