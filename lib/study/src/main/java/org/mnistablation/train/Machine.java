package org.mnistablation.train;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a one-thread training time depends on besides the run: the CPU and the native build of ND4J the JVM loads (the
 * generic and the {@code -avx2} builds run at different speeds). A time measured under one identity is not reused
 * under another. The processors a JVM may use are not part of it: the timing runs on one thread, and a notebook run
 * two at a time sees one processor where the same notebook run alone sees all.
 *
 * <pre>{@code
 * Machine.current().describe()   // "AMD EPYC 7B13; nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar"
 * }</pre>
 */
public record Machine(String cpu, String nativeBuild) {

    /** The machine this JVM runs on. */
    public static Machine current() {
        return new Machine(cpuModel(), loadedNativeBuild());
    }

    public String describe() {
        return cpu + "; " + nativeBuild;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
    }

    /** The jars holding ND4J's CPU natives, by file name (e.g. nd4j-native-…-linux-x86_64-avx2.jar). */
    private static String loadedNativeBuild() {
        try {
            List<URL> urls = Collections.list(Machine.class.getClassLoader()
                    .getResources("org/nd4j/linalg/cpu/nativecpu/bindings/"));
            String jars = urls.stream().map(URL::toString).map(u -> u.contains("!") ? u.substring(0, u.indexOf('!')) : u)
                    .map(u -> u.substring(u.lastIndexOf('/') + 1)).filter(n -> !n.isEmpty()).distinct().sorted().collect(Collectors.joining(","));
            return jars.isEmpty() ? "no ND4J natives found" : jars;
        } catch (IOException e) {
            return "ND4J natives unknown";
        }
    }
}
