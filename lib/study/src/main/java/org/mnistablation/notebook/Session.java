package org.mnistablation.notebook;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mnistablation.cache.MeasureCache;
import org.mnistablation.cache.RecordedTask;
import org.mnistablation.cache.RunCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Runner;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudyData;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.RunConfig;
import org.mnistablation.report.MarkdownHtml;
import org.mnistablation.report.TableRender;
import org.mnistablation.settings.StudySettings;
import org.mnistablation.study.OutputLayout;
import org.mnistablation.study.RunService;
import org.mnistablation.study.StudyMode;
import org.mnistablation.train.NdRuntime;
import tech.tablesaw.api.Table;

/**
 * What the notebook vocabulary works with: the data, the runs ({@link RunService}), where outputs go
 * ({@link OutputLayout}) and the kernel's display. {@link #current()} keeps one per JVM, made from the environment's
 * {@link StudySettings}: the documented cache that lets every cell of a notebook share the loaded data.
 */
public record Session(String dataset, StudyMode mode, StudySplit data, OutputLayout layout, RunService runs,
                      NotebookDisplay display) {

    private static Session current;

    /** The session of this JVM, made on first use from the environment's settings. */
    public static synchronized Session current() {
        if (current == null) {
            current = of(StudySettings.fromEnvironment(), NotebookDisplay.detect());
        }
        return current;
    }

    /** A session on {@code settings}' dataset: loads it (a subset in quick mode) and opens its run cache. */
    static Session of(StudySettings settings, NotebookDisplay display) {
        NdRuntime.configureWith(settings);
        StudyMode mode = settings.quick() ? StudyMode.QUICK : StudyMode.FULL;
        StudySplit split = StudyData.load(settings.dataset(), settings);
        if (mode.quick()) {
            split = split.subset(mode.trainCount(), mode.validationCount(), mode.testCount());
        }
        Runner runner = new Runner(new RunCache(settings.runCache(settings.dataset())), split);
        return new Session(settings.dataset(), mode, split, new OutputLayout(settings.projectRoot(), settings.dataset(),
                mode.quick()), new RunService(runner, settings.seeds(), settings.workers()), display);
    }

    public List<Long> seeds() {
        return runs.seeds();
    }

    public String task() {
        return runs.task();
    }

    /**
     * Runs on {@code train} validated on {@code validation} (null: none), from the cache or trained now under one
     * progress display labelled {@code label}. Must be called on the cell's thread (it renders the progress).
     */
    public List<RunResult> run(List<RunConfig> configs, LabeledImages train, LabeledImages validation, String label) {
        NotebookProgress progress = new NotebookProgress(display, label);
        List<RunResult> out = runs.runAll(configs, train, validation, progress::forRun, progress::render);
        progress.finish();
        return out;
    }

    /** Saves {@code image} as {@code results/<kind>/<file>} and returns it, so a cell ending with it shows it. */
    public BufferedImage figure(BufferedImage image, String kind, String file) {
        return layout.figure(image, kind, file);
    }

    /** The saved notebook of the current task. */
    public Path notebookFile() {
        return layout.notebookFile(runs.task());
    }

    /** Writes an analysis to {@code submission/<file>}, shows it, and closes the task's record (the last cell's job). */
    public void publish(String file, String markdown) {
        Path written = layout.writeSubmission(file, markdown);
        show(markdown);
        System.out.println("written to " + written);
        runs.closeRecord();
    }

    /** Shows Markdown below the cell (HTML for browsers, Markdown for other front ends; plain text outside a kernel). */
    public void show(String markdown) {
        display.show(display.rich(markdown, MarkdownHtml.toHtml(markdown), markdown));
    }

    /** Shows a Tablesaw table below the cell, as HTML and Markdown. */
    public void show(Table table) {
        String title = table.name() == null || table.name().isBlank() ? "" : "**" + table.name() + "**\n\n";
        show(title + TableRender.markdown(table));
    }

    public MeasureCache measures() {
        return runs.measures();
    }

    public List<RecordedTask> recordedTasks() {
        return runs.recordedTasks();
    }
}
