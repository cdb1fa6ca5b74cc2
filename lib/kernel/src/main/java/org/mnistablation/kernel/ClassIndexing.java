package org.mnistablation.kernel;

import java.lang.reflect.Method;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Keeps JShell from indexing the class path. As soon as a shell's {@link SourceCodeAnalysis} exists, and again after
 * each {@code %classpath}, JShell walks every class of the JDK and of the class path in a background thread to build
 * the index its code completion uses. This kernel offers no completion (it uses the analysis only to split cells into
 * snippets), so the walk is work for nothing that competes with the cells for the cores: from a full run cache it cost
 * Task 07 about 1.8 of its 13.5 core-seconds (three runs each way), part of it the optimising compiler compiling the
 * walk's {@code Files.walkFileTree}.
 *
 * <p>The kernel suspends the indexing with JShell's own {@code suspendIndexing} (what {@link JShell#eval} calls around
 * each evaluation) and never resumes it. The method is not exported: the kernel jar's manifest opens
 * {@code jdk.jshell/jdk.jshell} to it ({@code Add-Opens}, which {@code java -jar} honours). Where that is missing (the
 * kernel class on a plain class path, a JDK without the method) the shell indexes as before.
 *
 * <pre>{@code
 * JShell shell = JShell.builder().executionEngine("local").build();
 * boolean suspended = ClassIndexing.suspend(shell);   // before anything else asks for shell.sourceCodeAnalysis()
 * }</pre>
 */
final class ClassIndexing {

    /** Resolved when this class loads, so that suspending follows the analysis' creation at once. */
    private static final Method SUSPEND = suspendMethod();

    private ClassIndexing() {
    }

    /**
     * Creates {@code shell}'s source analysis and suspends its class indexing; true when suspended. The indexing
     * thread starts with the analysis and checks for a suspension before each class path entry it indexes.
     */
    static boolean suspend(JShell shell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        if (SUSPEND == null || !SUSPEND.getDeclaringClass().isInstance(analysis)) {
            return false;
        }
        try {
            SUSPEND.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Method suspendMethod() {
        try {
            Method m = Class.forName("jdk.jshell.SourceCodeAnalysisImpl").getMethod("suspendIndexing");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) { // not opened to this module, or not there
            return null;
        }
    }
}
