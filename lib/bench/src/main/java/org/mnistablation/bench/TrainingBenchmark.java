package org.mnistablation.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.mnistablation.data.StudyData;
import org.mnistablation.settings.StudySettings;
import org.mnistablation.data.StudySplit;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.GemmRate;
import org.mnistablation.model.Activation;
import org.mnistablation.model.Dense;
import org.mnistablation.model.Flatten;
import org.mnistablation.model.Layer;
import org.mnistablation.model.ModelDefinition;
import org.mnistablation.model.Optimizer;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.Engine;
import org.mnistablation.train.NdRuntime;
import org.mnistablation.train.Trainer;
import org.mnistablation.train.TrainingProgress;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How fast the project's own training loop (the exact {@link Trainer} the notebooks use) trains the baseline MLP on
 * the study's MNIST split. Per batch size: median seconds per epoch over the measured epochs after one warm-up
 * epoch, training only (shuffle + minibatch steps) and separately the validation pass, steps per second, the
 * validation accuracy reached and the process's peak resident memory so far. It also measures this machine's SGEMM
 * rate through OpenBLAS and prints how far each epoch is from the arithmetic bound (training FLOPs / GEMM rate).
 * {@code -Dbench.engine=dl4j_fit} measures the reference engine (one {@code MultiLayerNetwork.fit} per minibatch);
 * {@code -Dbench.hidden=256,128} measures another stack of ReLU Dense layers (default: the baseline's 128).
 * A benchmark, not a test: it prints figures and asserts nothing.
 *
 * <pre>OMP_NUM_THREADS=1 java -XX:+UseParallelGC -Xmn1g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
 *     -cp lib/study/target/mnist-study.jar org.mnistablation.bench.TrainingBenchmark [epochs] [batch sizes...]</pre>
 * Defaults: 4 epochs (1 warm-up + 3 measured), batch sizes 8 32 128. {@code scripts/bench.sh} runs it next to
 * the PyTorch reference and parses the table rows (lines starting with the batch size and {@code |}).
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    /** One batch size's figures; seconds are medians over the measured (post-warm-up) epochs. */
    public record Result(int batchSize, double trainSeconds, double validationSeconds, double epochSeconds,
                         double stepsPerSecond, double valAccuracy, double peakRssGiB) {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? parse(args[0], "epochs") : 4;
        if (epochs < 2) {
            throw new IllegalArgumentException("epochs must be at least 2 (1 warm-up + measured ones), got " + epochs);
        }
        int[] batches = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(a -> parse(a, "batch size")).toArray()
                : new int[]{8, 32, 128};

        Engine engine = engine(System.getProperty("bench.engine", "fused"));
        ModelDefinition model = model(System.getProperty("bench.hidden", "128"));
        NdRuntime.ensureReady();
        StudySplit data = StudyData.load("mnist", StudySettings.fromEnvironment());
        int n = data.train().count();
        System.out.println(machine());
        System.out.println("model: " + model.keras());
        System.out.println("engine: " + engine + (engine == Engine.FUSED
                ? " (hand-written step on OpenBLAS, the notebooks' default)" : " (one MultiLayerNetwork.fit per minibatch)"));

        int cores = Runtime.getRuntime().availableProcessors();
        double big1 = GemmRate.gflops(1024, 1024, 1024, 12, 1);
        double big = GemmRate.gflops(1024, 1024, 1024, 12, cores);
        double small = GemmRate.gflops(128, 784, 128, 3000, 1);
        double flops = minimalTrainingFlops(model, n);
        double bound = flops / (big * 1e9);
        System.out.printf(Locale.ROOT, "OpenBLAS SGEMM (the library ND4J bundles): 1024x1024x1024 %.1f GFLOP/s on 1 thread, "
                + "%.1f GFLOP/s on %d; 128x784 by 784x128 %.1f GFLOP/s on 1 thread%n", big1, big, cores, small);
        System.out.printf(Locale.ROOT, "training FLOPs per epoch: %.1f GFLOP (forward and weight gradients, 2 FLOPs per "
                        + "multiply-add; no input gradient for layer 1, as in PyTorch and the fused step; DL4J's fit "
                        + "also computes it: %.1f GFLOP)%n", flops / 1e9, trainingFlops(model, n) / 1e9);
        System.out.printf(Locale.ROOT, "arithmetic bound: %.3f s/epoch at the %d-thread 1024^3 rate%n", bound, cores);
        System.out.printf(Locale.ROOT, "epochs: %d (1 warm-up + %d measured); train = shuffle + minibatch steps, val = "
                + "validation pass (5,000 images), both medians%n", epochs, epochs - 1);
        System.out.println("batch | train s/epoch | val s/epoch | epoch+val s | steps/s | val_acc | peak RSS GiB | x bound"
                + " | step us | 1-thread bound us | x step bound");
        for (int b : batches) {
            Result r = measure(data, model, b, epochs, engine);
            double stepMicros = 1e6 / r.stepsPerSecond();
            double stepBoundMicros = StudyArithmetic.stepFlops(model, b) / (big1 * 1e3);
            System.out.printf(Locale.ROOT, "%5d | %13.2f | %11.3f | %11.2f | %7.0f | %7.4f | %12.2f | %7.1f | %7.0f | "
                            + "%17.0f | %12.1f%n",
                    b, r.trainSeconds(), r.validationSeconds(), r.epochSeconds(), r.stepsPerSecond(), r.valAccuracy(),
                    r.peakRssGiB(), r.trainSeconds() / bound, stepMicros, stepBoundMicros, stepMicros / stepBoundMicros);
        }
        System.out.println("x bound = train s/epoch / arithmetic bound; peak RSS is the process's VmHWM after that row "
                + "(it only grows); step us = train s/epoch / steps (shuffle included); 1-thread bound us = one step's "
                + "FLOPs / the 1-thread 1024^3 SGEMM rate");
    }

    /** Trains {@code model} at {@code batch} for {@code epochs} epochs with the project's trainer and times it. */
    public static Result measure(StudySplit data, ModelDefinition model, int batch, int epochs, Engine engine) {
        double[] trainSeconds = new double[epochs];
        TrainingProgress timer = new TrainingProgress() {
            @Override
            public void onBatch(int epoch, int step, int steps, double loss, double acc, double seconds) {
                if (step == steps) {
                    trainSeconds[epoch - 1] = seconds;
                }
            }
        };
        RunConfig cfg = new RunConfig(model, epochs, batch, null, 42);
        List<EpochStats> history = new Trainer(timer, engine, Runtime.getRuntime().availableProcessors())
                .fit(cfg, data.train(), data.validation()).history().epochs();
        double[] train = Arrays.copyOfRange(trainSeconds, 1, epochs);
        double[] total = history.subList(1, epochs).stream().mapToDouble(EpochStats::seconds).toArray();
        double[] val = new double[train.length];
        for (int i = 0; i < val.length; i++) {
            val[i] = total[i] - train[i];
        }
        int steps = (data.train().count() + batch - 1) / batch;
        double median = median(train);
        return new Result(batch, median, median(val), median(total), steps / median,
                history.get(epochs - 1).valAccuracy(), peakRssGiB());
    }

    /** A stack of ReLU Dense layers of the given widths ("256,128") on 28×28 inputs, softmax over 10, Adam. */
    static ModelDefinition model(String hidden) {
        List<Layer> layers = new java.util.ArrayList<>();
        layers.add(new Flatten(28, 28));
        for (String w : hidden.split(",")) {
            layers.add(new Dense(parse(w, "bench.hidden width"), Activation.RELU));
        }
        layers.add(new Dense(10, Activation.SOFTMAX));
        return new ModelDefinition(layers, Optimizer.adam());
    }

    /** Forward, weight gradients and input gradients of every layer, 2 FLOPs per multiply-add each. */
    static double trainingFlops(ModelDefinition model, int n) {
        return 3.0 * n * StudyArithmetic.forwardFlopsPerImage(model);
    }

    /** Without the input gradient of the first layer, which no one needs (PyTorch skips it). */
    static double minimalTrainingFlops(ModelDefinition model, int n) {
        return n * StudyArithmetic.trainingFlopsPerImage(model);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** VmHWM of this process in GiB, NaN where /proc is unavailable (not Linux). */
    static double peakRssGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return Double.NaN;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // keep "unknown CPU"
        }
        return String.join(System.lineSeparator(),
                "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu,
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), JVM flags "
                        + ManagementFactory.getRuntimeMXBean().getInputArguments(),
                "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", OPENBLAS_CORETYPE="
                        + System.getenv("OPENBLAS_CORETYPE") + ", ND4J threads " + Nd4j.getEnvironment().maxThreads()
                        + ", backend " + Nd4j.getBackend().getClass().getSimpleName(),
                "native libraries loaded: " + nativeLibraries());
    }

    /** ND4J's and OpenBLAS's shared objects mapped into this process (shows which classifier, e.g. avx2, loaded). */
    static String nativeLibraries() {
        try {
            TreeSet<String> libs = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && (line.contains("libnd4j") || line.contains("openblas"))) {
                    libs.add(line.substring(slash));
                }
            }
            return libs.isEmpty() ? "none found" : String.join(", ", libs);
        } catch (IOException e) {
            return "unknown (no /proc/self/maps)";
        }
    }

    private static Engine engine(String name) {
        try {
            return Engine.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bench.engine: unknown engine '" + name + "'; use fused or dl4j_fit");
        }
    }

    private static int parse(String arg, String what) {
        try {
            int v = Integer.parseInt(arg.trim());
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a positive whole number, got '" + arg
                    + "'; usage: TrainingBenchmark [epochs] [batch sizes...]");
        }
    }
}
