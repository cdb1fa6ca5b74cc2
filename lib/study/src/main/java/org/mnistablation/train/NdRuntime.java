package org.mnistablation.train;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J usable inside a JShell-based notebook kernel: ND4J finds its native backend through a
 * {@code ServiceLoader} on the thread's context class loader, which in a kernel does not see jars added with
 * {@code %classpath}. Pointing the context loader at the loader of this jar before ND4J's first use avoids
 * "Could not initialize class org.nd4j.linalg.factory.Nd4j".
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
    }
}
