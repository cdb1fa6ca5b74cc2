package org.mnistablation.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.mnistablation.cache.MeasureCache;
import org.mnistablation.cache.RecordedTask;
import org.mnistablation.cache.RunCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Runner;
import org.mnistablation.cache.Setting;
import org.mnistablation.cache.TaskManifest;
import org.mnistablation.data.StudyData;
import org.mnistablation.settings.StudySettings;
import org.mnistablation.data.StudySplit;
import org.mnistablation.measure.GradientFlow;
import org.mnistablation.measure.GradientNoise;
import org.mnistablation.measure.Perturbation;
import org.mnistablation.measure.Sharpness;
import org.mnistablation.measure.StudyMeasures;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Dropout;
import org.mnistablation.model.EarlyStopping;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.NdRuntime;
import org.mnistablation.train.TrainingProgress;

/**
 * How long the measures at stored weights take for the whole MNIST study: every run the task notebooks recorded in
 * the run cache ({@code <project>/runs/mnist-full}, or {@code -Dbench.runs=<dir>}) is measured with the measures the
 * issue assigns to its task (the training-set evaluation for every run; gradient noise for Task08; sharpness for
 * Task05, 06 and 08; robustness curves for Task05, 06 and 09; redundancy for Task05; smoothness for Task06; gradient
 * flow for Task09; stability for Task07), each measure over all its runs at once, one run per core. The measures are
 * kept in a fresh directory (never in the run cache's own {@code measures/}), then read back to time the cached
 * path. Without a study run cache it trains a few one-epoch runs first. A benchmark: it prints figures, asserts
 * nothing.
 *
 * <pre>OMP_NUM_THREADS=1 MNIST_DIR=../shared/datasets/mnist java -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
 *     -cp lib/study/target/mnist-study.jar org.mnistablation.bench.MeasureBenchmark</pre>
 */
public final class MeasureBenchmark {

    private MeasureBenchmark() {
    }

    /** One measure applied to a list of runs. */
    private record Job(String name, List<RunResult> runs, Consumer<List<RunResult>> measure) {
    }

    public static void main(String[] args) throws IOException {
        NdRuntime.ensureReady();
        StudySplit data = StudyData.load("mnist", StudySettings.fromEnvironment());
        Path runsDir = Path.of(System.getProperty("bench.runs", StudySettings.fromEnvironment().projectRoot().resolve("runs/mnist-full").toString()));
        List<RecordedTask> tasks = TaskManifest.readAll(new RunCache(runsDir));
        if (tasks.isEmpty()) {
            System.out.println("no task manifests under " + runsDir + ": training quick runs instead");
            tasks = quickRuns(data);
        }
        Path store = System.getProperty("bench.measures") != null ? Path.of(System.getProperty("bench.measures"))
                : Files.createTempDirectory("measure-bench");
        StudyMeasures measures = new StudyMeasures(new MeasureCache(store), data);
        List<Job> jobs = plan(tasks, measures);
        System.out.println(TrainingBenchmark.machine());
        System.out.println("runs: " + runsDir + " (" + tasks.size() + " tasks); measures kept in " + store);
        System.out.println("load average at the start: " + loadAverage());
        System.out.printf(Locale.ROOT, "%-16s %5s %9s %9s %9s%n", "measure", "runs", "fresh s", "CPU s", "cached s");
        double fresh = 0;
        double cpu = 0;
        double cached = 0;
        int measured = 0;
        for (Job job : jobs) {
            double cpu0 = cpuSeconds();
            double f = time(() -> job.measure().accept(job.runs()));
            double used = cpuSeconds() - cpu0;
            double c = time(() -> job.measure().accept(job.runs()));
            fresh += f;
            cpu += used;
            cached += c;
            measured += job.runs().size();
            System.out.printf(Locale.ROOT, "%-16s %5d %9.2f %9.2f %9.3f%n", job.name(), job.runs().size(), f, used, c);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("load average at the end: " + loadAverage());
        System.out.printf(Locale.ROOT, "all measures, whole study: %d run-measures, %.1f s fresh on %d cores (target "
                + "< 60 s; %.1f CPU s, %.1f s if the %d cores were ours alone), %.2f s read back from the measure "
                + "cache%n", measured, fresh, cores, cpu, cpu / cores, cores, cached);
    }

    /** CPU seconds this process has used so far (every thread). */
    private static double cpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Every measure on every distinct recorded run: an upper bound of what the notebooks ask for. */
    static List<Job> plan(List<RecordedTask> tasks, StudyMeasures m) {
        Map<String, RunResult> all = new LinkedHashMap<>();
        Map<String, Map<String, RunResult>> byMeasure = new LinkedHashMap<>();
        for (String name : List.of("gradient noise", "sharpness", "robustness", "redundancy", "smoothness",
                "gradient flow", "stability")) {
            byMeasure.put(name, new LinkedHashMap<>());
        }
        tasks.forEach(task -> task.settings().forEach(setting -> setting.runs().forEach(r -> {
            String key = r.definition().key();
            all.put(key, r);
            byMeasure.values().forEach(runsOf -> runsOf.put(key, r));
        })));
        List<Job> jobs = new ArrayList<>();
        jobs.add(new Job("train-eval", List.copyOf(all.values()), m::trainEvaluation));
        Map<String, Consumer<List<RunResult>>> how = Map.of(
                "gradient noise", runs -> m.gradientNoise(runs, GradientNoise.Spec.standard()),
                "sharpness", runs -> m.sharpness(runs, Sharpness.Spec.standard()),
                "robustness", runs -> m.robustness(runs, List.of(Perturbation.noise(0.1, 0.2, 0.3),
                        Perturbation.shift(1, 2), Perturbation.unitRemoval(0.1, 0.3, 0.5))),
                "redundancy", m::redundancy,
                "smoothness", m::smoothness,
                "gradient flow", runs -> m.gradientFlow(runs, GradientFlow.Spec.standard()),
                "stability", runs -> m.stability(runs, 10));
        byMeasure.forEach((name, runs) -> {
            if (!runs.isEmpty()) {
                jobs.add(new Job(name, List.copyOf(runs.values()), how.get(name)));
            }
        });
        return jobs;
    }

    /** Two settings of two seeds, one epoch each, when no study has been run yet. */
    private static List<RecordedTask> quickRuns(StudySplit data) throws IOException {
        Runner runner = new Runner(new RunCache(Files.createTempDirectory("measure-bench-runs")), data);
        List<Setting> settings = new ArrayList<>();
        for (int batch : new int[]{32, 128}) {
            ModelDefinition model = new ModelDefinition(List.of(new Flatten(28, 28), new Dense(128, Activation.RELU),
                    new Dropout(0.1), new Dense(10, Activation.SOFTMAX)), Optimizer.adam());
            List<RunConfig> configs = new ArrayList<>();
            for (long seed = 42; seed < 44; seed++) {
                configs.add(new RunConfig(model, 1, batch, EarlyStopping.create().patience(3).restoreBestWeights(true), seed));
            }
            settings.add(new Setting("batch " + batch, runner.runAll(configs, 2, c -> TrainingProgress.NONE, () -> { })));
        }
        return List.of(new RecordedTask("quick", settings));
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
