package org.mnistablation.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mnistablation.cache.MeasureCache;
import org.mnistablation.cache.RecordedTask;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Runner;
import org.mnistablation.cache.Setting;
import org.mnistablation.cache.TaskManifest;
import org.mnistablation.data.LabeledImages;
import org.mnistablation.data.StudySplit;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.TrainingProgress;

/**
 * A study's runs: trained or loaded by its {@link Runner} with its seeds and workers, and recorded per task in the
 * run cache ({@link TaskManifest}) for the Summary notebook.
 */
public final class RunService {

    private final Runner runner;
    private final List<Long> seeds;
    private final int workers;
    private final Map<String, Setting> recorded = new LinkedHashMap<>();
    private String task;

    /** @param seeds the seeds a fit trains by default; {@code workers} how many runs train at once */
    public RunService(Runner runner, List<Long> seeds, int workers) {
        this.runner = runner;
        this.seeds = List.copyOf(seeds);
        this.workers = workers;
    }

    public StudySplit data() {
        return runner.data();
    }

    public List<Long> seeds() {
        return seeds;
    }

    /**
     * Independent runs on {@code train}, validated on {@code validation} (null: none), returned in the order of
     * {@code configs}: see {@link Runner#runAll(List, LabeledImages, LabeledImages, int, Function, Runnable)}.
     */
    public List<RunResult> runAll(List<RunConfig> configs, LabeledImages train, LabeledImages validation,
                                  Function<RunConfig, TrainingProgress> progress, Runnable tick) {
        return runner.runAll(configs, train, validation, workers, progress, tick);
    }

    /** Starts the record of the task {@code name}, the notebook's file name (letters, digits, '_', '.', '-'). */
    public synchronized void task(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a task name is letters, digits, '_', '.' or '-' (the notebook's file "
                    + "name without .ipynb); got " + name);
        }
        task = name;
        recorded.clear();
    }

    public synchronized String task() {
        if (task == null) {
            throw new IllegalStateException("no task set: run the notebook's setup cell first "
                    + "(task(\"<the notebook's file name>\"))");
        }
        return task;
    }

    /** Records a setting of the current task, keeping its other recorded settings ({@link TaskManifest#merge}). */
    public synchronized void record(Setting setting) {
        if (task == null) {
            return;
        }
        recorded.put(setting.label(), setting);
        TaskManifest.merge(runner.cache(), task, setting);
    }

    /** Sets the task's record to exactly the settings recorded since {@link #task(String)} ({@link TaskManifest#write}). */
    public synchronized void closeRecord() {
        if (task != null && !recorded.isEmpty()) {
            TaskManifest.write(runner.cache(), task, List.copyOf(recorded.values()));
        }
    }

    /** Every task recorded in the run cache with its settings and their runs, in task-name order. Nothing is trained. */
    public List<RecordedTask> recordedTasks() {
        return TaskManifest.readAll(runner.cache());
    }

    /** Numbers computed from the cached runs (training-set evaluations, …), kept beside the run cache. */
    public MeasureCache measures() {
        return new MeasureCache(runner.cache().root());
    }
}
