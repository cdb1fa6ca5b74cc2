package org.mnistablation.train;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J usable inside a JShell-based notebook kernel: ND4J finds its native backend through a
 * {@code ServiceLoader} on the thread's context class loader, which in a kernel does not see jars added with
 * {@code %classpath}. Pointing the context loader at the loader of this jar before ND4J's first use avoids
 * "Could not initialize class org.nd4j.linalg.factory.Nd4j".
 * <p>It also limits ND4J to one thread unless {@code OMP_NUM_THREADS} (or {@code -Dstudy.threads}) says otherwise:
 * for this small MLP one thread per step was measured fastest on 2 cores (see the README's performance section),
 * and kernels started without the variable (e.g. IJava from conda) would otherwise use every core.
 */
public final class NdRuntime {

    private NdRuntime() {
    }

    public static void ensureReady() {
        Thread t = Thread.currentThread();
        ClassLoader own = NdRuntime.class.getClassLoader();
        ClassLoader previous = t.getContextClassLoader();
        if (previous != own) {
            t.setContextClassLoader(own);
        }
        Nd4j.getBackend();
        if (!configured) {
            configured = true;
            String property = System.getProperty("study.threads");
            if (property != null || System.getenv("OMP_NUM_THREADS") == null) {
                int threads = property != null ? Integer.parseInt(property.trim()) : 1;
                Nd4j.getEnvironment().setMaxThreads(threads);
                Nd4j.getEnvironment().setMaxMasterThreads(threads);
            }
        }
    }

    /** Set once per JVM (the documented piece of static state here). */
    private static volatile boolean configured;
}
