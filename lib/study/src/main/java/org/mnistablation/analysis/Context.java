package org.mnistablation.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mnistablation.data.DatasetSpec;

/**
 * What the analyses need to know besides the runs: the dataset (for class names and wording), the sizes of the
 * training, validation and test sets the runs used, and the machine the timings refer to. Every count in a generated
 * sentence comes from here or from the runs.
 */
public record Context(DatasetSpec dataset, String dataIdentity, int trainCount, int validationCount, int testCount,
                      String machine) {

    public Context {
        if (dataset == null) {
            throw new IllegalArgumentException("an analysis needs its dataset");
        }
    }

    /** The machine this JVM runs on: CPU model (from /proc/cpuinfo where available) and processor count. */
    public static String thisMachine() {
        String cpu = System.getProperty("os.arch");
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info)) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep the architecture name
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM";
    }

    public String noun() {
        return dataset.itemNoun();
    }
}
