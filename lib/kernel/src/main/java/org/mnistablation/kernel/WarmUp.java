package org.mnistablation.kernel;

/**
 * Evaluates the given cells in a fresh kernel session and exits, without a Jupyter connection. Run once under
 * {@code -XX:ArchiveClassesAtExit=kernel.jsa} with the kernel jar as the class path, it leaves a class-data-sharing
 * archive of what a notebook's first cells load (JShell, the compiler, the cells' classes); a kernel started with
 * {@code -XX:SharedArchiveFile=kernel.jsa} maps those classes instead of loading them again. scripts/install-kernel.py
 * does both.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=kernel.jsa -cp java-kernel.jar org.mnistablation.kernel.WarmUp "%classpath study.jar" "1 + 1"
 * }</pre>
 */
public final class WarmUp {

    private WarmUp() {
    }

    public static void main(String[] cells) throws Exception {
        JavaKernel kernel = new JavaKernel();
        for (String cell : cells) {
            kernel.eval(cell);
        }
        kernel.onShutdown(false);
    }
}
