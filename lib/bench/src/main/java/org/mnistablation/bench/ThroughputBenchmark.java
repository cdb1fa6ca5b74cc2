package org.mnistablation.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mnistablation.cache.RunCache;
import org.mnistablation.cache.RunResult;
import org.mnistablation.cache.Runner;
import org.mnistablation.data.StudyData;
import org.mnistablation.settings.StudySettings;
import org.mnistablation.data.StudySplit;
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
 * The study's throughput: how many runs per minute this machine finishes when one model's seeds train one after
 * another (1 worker, each run on every core) and when they train at once ({@link Runner#runAll} with one worker
 * per core, as a notebook's {@code fit} does), on the full MNIST split. The model is the notebooks' overview
 * baseline (Dense(128, relu), Dropout(0.1), Dense(10, softmax), Adam, batch 32, EarlyStopping(3, restore)); a run is
 * training, the test evaluation and storing it in a fresh temporary run cache, as in a notebook. It also checks that
 * both ways give the same parameters bit for bit, and prints the process's peak resident memory.
 *
 * <pre>OMP_NUM_THREADS=1 java ... -cp lib/study/target/mnist-study.jar org.mnistablation.bench.ThroughputBenchmark
 *     [runs (default 4)] [epochs per run (default 2)] [workers (default: the machine's processors)]</pre>
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        NdRuntime.ensureReady();
        StudySplit data = StudyData.load("mnist", StudySettings.fromEnvironment());
        System.out.println(TrainingBenchmark.machine());
        ModelDefinition model = new ModelDefinition(List.of(new Flatten(28, 28), new Dense(128, Activation.RELU),
                new Dropout(0.1), new Dense(10, Activation.SOFTMAX)), Optimizer.adam());
        List<RunConfig> configs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            configs.add(new RunConfig(model, epochs, 32, EarlyStopping.create().patience(3).restoreBestWeights(true),
                    42 + i));
        }
        System.out.println("model: " + model.keras() + ", batch 32, " + epochs + " epochs per run, " + runs
                + " runs (seeds 42..." + (41 + runs) + ")");
        // warm-up: one short run, so the JIT has compiled the step before either measurement
        time(data, List.of(new RunConfig(model, 1, 32, null, 1)), 1);
        Measured sequential = time(data, configs, 1);
        Measured parallel = time(data, configs, workers);
        boolean same = true;
        for (int i = 0; i < runs; i++) {
            same &= Arrays.equals(sequential.results.get(i).parameters(), parallel.results.get(i).parameters());
        }
        System.out.println("mode | workers | wall s | runs/min");
        System.out.printf(Locale.ROOT, "sequential | %d | %.1f | %.2f%n", 1, sequential.seconds,
                runs * 60 / sequential.seconds);
        System.out.printf(Locale.ROOT, "parallel | %d | %.1f | %.2f%n", workers, parallel.seconds,
                runs * 60 / parallel.seconds);
        System.out.printf(Locale.ROOT, "speed-up %.2fx; parameters identical bit for bit: %s; peak RSS %.2f GiB%n",
                sequential.seconds / parallel.seconds, same ? "yes" : "NO", TrainingBenchmark.peakRssGiB());
    }

    private record Measured(double seconds, List<RunResult> results) {
    }

    private static Measured time(StudySplit data, List<RunConfig> configs, int workers) throws IOException {
        Path dir = Files.createTempDirectory("throughput-cache");
        try {
            Runner runner = new Runner(new RunCache(dir), data);
            long start = System.nanoTime();
            List<RunResult> results = runner.runAll(configs, workers, c -> TrainingProgress.NONE, () -> { });
            return new Measured((System.nanoTime() - start) / 1e9, results);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (UncheckedIOException ignored) {
                // best effort
            }
        }
    }
}
