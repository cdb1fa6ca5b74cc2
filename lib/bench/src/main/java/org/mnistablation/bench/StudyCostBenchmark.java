package org.mnistablation.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.mnistablation.data.StudyData;
import org.mnistablation.data.StudySplit;
import org.mnistablation.settings.StudySettings;
import org.mnistablation.train.GemmRate;

/**
 * The MNIST study's training arithmetic against this machine's SGEMM rate: the runs its run cache holds (model, batch
 * size, epochs run), their FLOPs ({@link StudyArithmetic}), the seconds their histories recorded, and the ratio of
 * those seconds to the two-core bound (FLOPs at twice the one-thread 1024³ SGEMM rate). A benchmark: it prints.
 *
 * <pre>java -cp mnist-study-bench.jar:mnist-study.jar org.mnistablation.bench.StudyCostBenchmark [run cache directory]</pre>
 * Default directory: the study's MNIST run cache ({@code STUDY_RUNS_DIR}, else {@code runs/mnist-full}).
 */
public final class StudyCostBenchmark {

    private StudyCostBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        StudySettings settings = StudySettings.fromEnvironment();
        Path cache = args.length > 0 ? Path.of(args[0]) : settings.runCache("mnist");
        StudyRuns.Listing listing = StudyRuns.read(cache);
        if (listing.runs().isEmpty()) {
            System.out.println("study arithmetic: no runs in " + cache.toAbsolutePath()
                    + " (train the study, or pass its run cache directory)");
            return;
        }
        StudySplit data = StudyData.load("mnist", settings);
        StudyArithmetic.Totals t = StudyArithmetic.of(listing.runs(), data.train().count(), data.validation().count());
        double rate = GemmRate.gflops(1024, 1024, 1024, 12, 1);
        double bound = t.boundSeconds(rate, 2);
        System.out.printf(Locale.ROOT, "run cache: %s (%d trajectories trained, each counted once; %d entries skipped)%n", cache.toAbsolutePath(),
                t.runs(), listing.skipped().size());
        listing.skipped().forEach(s -> System.out.println("  skipped " + s));
        System.out.printf(Locale.ROOT, "training steps: %,d; validation passes: %,d (%,d / %,d images)%n", t.steps(),
                t.validationPasses(), data.train().count(), data.validation().count());
        System.out.printf(Locale.ROOT, "FLOPs: %.1f TFLOP%n", t.flops() / 1e12);
        System.out.printf(Locale.ROOT, "training seconds (history.tsv, summed over trajectories, validation included): %.1f s%n",
                t.seconds());
        System.out.printf(Locale.ROOT, "two-core bound: %.1f s (2 x %.1f GFLOP/s, 1-thread SGEMM 1024^3)%n", bound, rate);
        System.out.printf(Locale.ROOT, "training seconds / two-core bound: %.1f%n", t.seconds() / bound);
    }
}
