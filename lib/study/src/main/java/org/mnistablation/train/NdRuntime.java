package org.mnistablation.train;

import org.mnistablation.settings.StudySettings;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes ND4J usable inside a JShell-based notebook kernel: ND4J finds its native backend through a
 * {@code ServiceLoader} on the thread's context class loader, which in a kernel does not see jars added with
 * {@code %classpath}. Pointing the context loader at the loader of this jar before ND4J's first use avoids
 * "Could not initialize class org.nd4j.linalg.factory.Nd4j".
 * <p>It also sets the process-wide thread counts of {@link StudySettings} (ND4J one thread unless
 * {@code OMP_NUM_THREADS} or {@code -Dstudy.threads} says otherwise: for this small MLP one thread per step was
 * measured fastest on 2 cores, and kernels started without the variable, e.g. IJava from conda, would otherwise use
 * every core), from the first settings it is given, or the environment's when none were.
 */
public final class NdRuntime {

    private NdRuntime() {
    }

    /** Ready, with the environment's settings if none were given before. */
    public static void ensureReady() {
        ensureReady(null);
    }

    /**
     * The settings the runtime takes its thread counts from when ND4J is first used, without starting it now (it
     * takes seconds, and a notebook that only loads cached runs may never need it).
     */
    public static void configureWith(StudySettings settings) {
        pending = settings;
    }

    /** Ready, with {@code settings}' thread counts unless the runtime was configured before. */
    public static void ensureReady(StudySettings settings) {
        prepareThread();
        Nd4j.getBackend();
        configure(settings);
    }

    /**
     * Points this thread's context class loader at this jar's, so that ND4J finds its backend if code on this thread
     * starts it, without starting it (about 1.3 core-seconds per kernel: worker threads of a notebook that only
     * reads cached runs and measures need not pay it).
     */
    public static void prepareThread() {
        Thread t = Thread.currentThread();
        ClassLoader own = NdRuntime.class.getClassLoader();
        if (t.getContextClassLoader() != own) {
            t.setContextClassLoader(own);
        }
    }

    private static synchronized void configure(StudySettings given) {
        if (configured != null) {
            return;
        }
        StudySettings settings = given != null ? given : pending != null ? pending : StudySettings.fromEnvironment();
        if (settings.ndThreads() != null) {
            Nd4j.getEnvironment().setMaxThreads(settings.ndThreads());
            Nd4j.getEnvironment().setMaxMasterThreads(settings.ndThreads());
        }
        configured = settings;
    }

    /** OpenBLAS threads for the training products ({@link StudySettings#blasThreads()}). */
    public static int blasThreads() {
        ensureReady();
        return configured.blasThreads();
    }

    /** The settings the runtime was configured with, once per JVM (the documented piece of static state here). */
    private static volatile StudySettings configured;

    /** Given by {@link #configureWith} before ND4J's first use. */
    private static volatile StudySettings pending;
}
