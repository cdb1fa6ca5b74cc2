package org.mnistablation.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mnistablation.data.StudyData;
import org.mnistablation.data.StudySplit;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.ExperimentConfig;
import org.mnistablation.train.NdRuntime;
import org.mnistablation.train.Trainer;
import org.mnistablation.train.TrainingProgress;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints how fast the project's own training loop (the exact {@link Trainer} the notebooks use) trains the baseline
 * MLP on MNIST: median seconds per epoch of training (validation pass excluded) over the measured epochs after one
 * warm-up epoch, steps per second, the validation accuracy reached, peak resident memory, and the distance to an
 * arithmetic bound (training FLOPs per epoch over a measured GEMM rate). A benchmark, not a test: it asserts
 * nothing.
 *
 * <pre>java -cp lib/study/target/mnist-study.jar org.mnistablation.bench.TrainingBenchmark [epochs] [batch sizes...]</pre>
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    /** One batch size's figures. */
    public record Result(int batchSize, double medianTrainSeconds, double stepsPerSecond, double valAccuracy,
                         double medianEpochSeconds) {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int[] batches = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[]{8, 32, 128};
        NdRuntime.ensureReady();
        StudySplit data = StudyData.load("mnist");
        System.out.println(machine());
        double gflops = gemmGflops();
        double flopsPerEpoch = trainingFlops(data.train().count());
        double bound = flopsPerEpoch / (gflops * 1e9);
        System.out.printf(Locale.ROOT, "GEMM rate (ND4J sgemm 1024^3, %s threads): %.1f GFLOP/s; training FLOPs per epoch %.1f GFLOP; "
                + "arithmetic bound %.3f s/epoch%n", Nd4j.getEnvironment().maxThreads(), gflops, flopsPerEpoch / 1e9, bound);
        System.out.println("batch | s/epoch (train, median) | s/epoch (with validation) | steps/s | val_acc | x bound");
        List<Result> results = new ArrayList<>();
        for (int b : batches) {
            Result r = measure(data, b, epochs);
            results.add(r);
            System.out.printf(Locale.ROOT, "%5d | %23.2f | %25.2f | %7.0f | %7.4f | %7.0f%n", b, r.medianTrainSeconds(),
                    r.medianEpochSeconds(), r.stepsPerSecond(), r.valAccuracy(), r.medianTrainSeconds() / bound);
        }
        System.out.printf(Locale.ROOT, "peak RSS of this process: %.2f GiB%n", peakRssGiB());
    }

    static Result measure(StudySplit data, int batch, int epochs) {
        double[] trainSeconds = new double[epochs];
        TrainingProgress timer = new TrainingProgress() {
            @Override
            public void onBatch(int epoch, int step, int steps, double loss, double acc, double seconds) {
                if (step == steps) {
                    trainSeconds[epoch - 1] = seconds;
                }
            }
        };
        ExperimentConfig cfg = ExperimentConfig.baseline().withBatchSize(batch).withEpochs(epochs);
        List<EpochStats> h = new Trainer(timer).fit(cfg, data.train(), data.validation()).history().epochs();
        double[] measured = Arrays.copyOfRange(trainSeconds, 1, epochs);
        double[] withVal = h.subList(1, epochs).stream().mapToDouble(EpochStats::seconds).toArray();
        int steps = (data.train().count() + batch - 1) / batch;
        double median = median(measured);
        return new Result(batch, median, steps / median, h.get(epochs - 1).valAccuracy(), median(withVal));
    }

    /** Multiply-adds of one epoch: forward 2·n·P, weight gradients 2·n·P, input gradients 2·n·P beyond layer 1. */
    static double trainingFlops(int n) {
        double layer1 = 784.0 * 128;
        double layer2 = 128.0 * 10;
        return n * (4 * layer1 + 6 * layer2);
    }

    static double gemmGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        INDArray c = Nd4j.create(DataType.FLOAT, 1024, 1024);
        for (int i = 0; i < 3; i++) {
            a.mmuli(b, c);
        }
        int reps = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            a.mmuli(b, c);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return 2.0 * 1024 * 1024 * 1024 * reps / s / 1e9;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double peakRssGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux: unknown
        }
        return Double.NaN;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (Exception e) {
            // keep "unknown CPU"
        }
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + "; Java " + Runtime.version()
                + "; OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + "; ND4J backend "
                + Nd4j.getBackend().getClass().getSimpleName();
    }
}
