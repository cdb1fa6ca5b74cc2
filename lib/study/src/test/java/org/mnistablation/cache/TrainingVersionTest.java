package org.mnistablation.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mnistablation.model.Mlp;
import org.mnistablation.model.RunConfig;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.Engine;
import org.mnistablation.train.TrainedModel;
import org.mnistablation.train.Trainer;

/**
 * Holds {@link RunDefinition#training()} (the training code's version and the OpenBLAS kernel) to what training
 * computes: a small run with dropout and L2 on each engine, its weights and history hashed. When training changes what
 * it computes, this fails: give the training code a new version (so cached runs of the old one are not reused) and
 * record the new fingerprint under it. On an OpenBLAS kernel without a recorded fingerprint it fails too: record it.
 */
class TrainingVersionTest {

    /**
     * Fingerprints by training version and OpenBLAS kernel, measured on x86-64: one per native build of ND4J, whose
     * rounding differs ({@code -avx2}, which scripts/setup.sh picks where the CPU has it, and the generic build).
     * Under sequential-v3 SkylakeX's rounding also differed between two AVX-512 machines (a 2-core AMD EPYC of family
     * 26, and the machine the project's CI ran on, 2026-12-02); Haswell's did not (AMD EPYC of families 25 and 26).
     * sequential-v4 (the first layer over the non-zero pixels below 64 rows) was measured on Haswell only: on a kernel
     * with no fingerprint under the current version the test is skipped, saying so, until one is recorded.
     */
    static final Map<String, Set<String>> FINGERPRINTS = Map.of(
            "keras3-dl4j-1.0.0-M2.1/sequential-v4 openblas-haswell", Set.of(
                    "d0f7b213b132284b 54d1d9d29d03567c",    // linux-x86_64-avx2
                    "b6e77415bf6fc088 273b76fc94937215"),   // linux-x86_64 (generic)
            "keras3-dl4j-1.0.0-M2.1/sequential-v3 openblas-haswell", Set.of(
                    "38e6aa4f83b2d913 54d1d9d29d03567c",    // linux-x86_64-avx2
                    "2700e7beadc9c519 273b76fc94937215"),   // linux-x86_64 (generic)
            "keras3-dl4j-1.0.0-M2.1/sequential-v3 openblas-skylakex", Set.of(
                    "0c967b93bbb44105 4704575842d25a27",    // linux-x86_64-avx2, AMD EPYC family 26
                    "c98ef9267b097015 54c81a04f57ee24a"));  // linux-x86_64-avx2, the CI's machine

    static String fingerprint(Engine engine) {
        RunConfig config = Mlp.baseline().withUnits(8).withDropout(0.2).withL2(1e-3).withEpochs(2).withBatchSize(16)
                .config().withSeed(5);
        TrainedModel m = new Trainer(null, engine, 1).fit(config, RunnerTest.images(96, 11),
                RunnerTest.images(24, 12));
        float[] params = m.network().params().dup().data().asFloat();
        ByteBuffer bytes = ByteBuffer.allocate(params.length * 4 + m.history().epochsRun() * 32);
        bytes.asFloatBuffer().put(params);
        bytes.position(params.length * 4);
        for (EpochStats e : m.history().epochs()) {
            bytes.putDouble(e.loss()).putDouble(e.accuracy()).putDouble(e.valLoss()).putDouble(e.valAccuracy());
        }
        return HexFormat.of().formatHex(RunCache.sha256(bytes.array())).substring(0, 16);
    }

    @Test
    void theTrainingVersionNamesWhatTrainingComputes() {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "fingerprints are recorded on x86-64");
        Set<String> recorded = FINGERPRINTS.getOrDefault(RunDefinition.training(), Set.of());
        String measured = fingerprint(Engine.FUSED) + " " + fingerprint(Engine.DL4J_FIT);
        assumeTrue(!recorded.isEmpty(), "no fingerprint recorded for " + RunDefinition.training() + " yet; this "
                + "machine's is " + measured);
        assertTrue(recorded.contains(measured), "training computes something else (" + measured + ") than under "
                + RunDefinition.training() + " " + recorded + ": change RunDefinition.TRAINING_VERSION and record "
                + "the new fingerprints here (or record this OpenBLAS kernel's)");
    }
}
