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
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudyData;
import org.mnistablation.data.StudySplit;
import org.mnistablation.notebook.NotebookDisplay;
import org.mnistablation.notebook.NotebookProgress;
import org.mnistablation.settings.StudySettings;
import org.mnistablation.train.NdRuntime;

/**
 * What a notebook talks to: the data (full or quick mode, MNIST or Fashion-MNIST), the runs (from the run cache
 * or trained with live progress), and where outputs go, as {@link StudySettings} say. {@link #get()} keeps one instance per JVM: the documented cache that lets every cell of a notebook share the
 * loaded data.
 */
public final class Study {

    private static Study current;

    private final Path root;
    private final String dataset;
    private final StudyMode mode;
    private final StudySettings settings;
    private final Runner runner;
    private final NotebookDisplay display;
    private final Map<String, List<RunResult>> recorded = new LinkedHashMap<>();
    private String task;

    private Study(StudySettings settings, Path root, String dataset, StudyMode mode, Runner runner,
                  NotebookDisplay display) {
        this.settings = settings;
        this.root = root;
        this.dataset = dataset;
        this.mode = mode;
        this.runner = runner;
        this.display = display;
    }

    /** The study for this JVM, created on first use from the environment. */
    public static synchronized Study get() {
        if (current == null) {
            StudySettings settings = StudySettings.fromEnvironment();
            current = create(settings, settings.dataset());
        }
        return current;
    }

    private static Study create(StudySettings settings, String dataset) {
        NdRuntime.ensureReady(settings);
        Path root = settings.projectRoot();
        StudyMode mode = settings.quick() ? StudyMode.QUICK : StudyMode.FULL;
        StudySplit split = StudyData.load(dataset, settings);
        if (mode.quick()) {
            split = split.subset(mode.trainCount(), mode.validationCount(), mode.testCount());
        }
        return new Study(settings, root, dataset, mode, new Runner(new RunCache(settings.runCache(dataset)), split),
                NotebookDisplay.detect());
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

    /**
     * Independent runs (e.g. one model's seeds), in the order given: from the cache, or trained now, several at once
     * ({@link StudySettings#workers()}), under one progress display
     * labelled {@code label} with a line per seed. Must be called on the cell's thread (it renders the progress).
     */
    public List<RunResult> run(List<RunConfig> configs, String label) {
        return run(configs, data().train(), data().validation(), label);
    }

    /** {@link #run(List, String)} on {@code train}, validated on {@code validation} (null: none). */
    public List<RunResult> run(List<RunConfig> configs, LabeledImages train, LabeledImages validation, String label) {
        NotebookProgress progress = new NotebookProgress(display, label);
        List<RunResult> runs = runner.runAll(configs, train, validation, settings.workers(), progress::forRun,
                progress::render);
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
     * The seeds every setting is trained with ({@link StudySettings#seeds()}): 42 to 46 in full mode, so that the
     * analyses' t-intervals and Welch tests have four degrees of freedom per setting; 42 alone in quick mode. The
     * first seed's run is the one curves and per-run views show.
     */
    public List<Long> seeds() {
        return settings.seeds();
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
