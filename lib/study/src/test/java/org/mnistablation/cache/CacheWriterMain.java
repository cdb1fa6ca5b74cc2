package org.mnistablation.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mnistablation.model.RunConfig;

/** The second process of {@link RunCacheFaultTest}: works on the cache directory given, as another kernel would. */
final class CacheWriterMain {

    static final int RACE_RUNS = 30;

    private CacheWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        RunConfig config = RunCacheFaultTest.CONFIG;
        String data = RunCacheFaultTest.DATA;
        switch (args[1]) {
            case "store-then-load" -> {
                RunCache cache = new RunCache(dir);
                System.out.println("stored=" + cache.store(RunCacheFaultTest.result(config, 0)));
                System.out.println("loaded=" + cache.load(RunDefinition.of(config, data)).isPresent());
            }
            case "race" -> {
                RunCache cache = new RunCache(dir);
                for (int seed = 0; seed < RACE_RUNS; seed++) {
                    RunConfig c = config.withSeed(seed);
                    if (!cache.store(RunCacheFaultTest.result(c, 0))) {
                        throw new IllegalStateException("store of seed " + seed + " failed");
                    }
                    if (cache.load(RunDefinition.of(c, data)).isEmpty()) {
                        throw new IllegalStateException("seed " + seed + " does not load after storing it");
                    }
                }
                System.out.println("race done");
            }
            case "slow-store" -> {
                RunCache cache = new RunCache(dir, (file, bytes) -> {
                    Files.write(file, bytes);
                    Files.writeString(dir.resolve("writing"), "yes");
                    try {
                        Thread.sleep(120_000); // killed here by the test
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }, System.out::println);
                cache.store(RunCacheFaultTest.result(config, 0));
            }
            case "clean" -> new RunCache(dir).cleanTemporaries();
            default -> throw new IllegalArgumentException(args[1]);
        }
    }
}
