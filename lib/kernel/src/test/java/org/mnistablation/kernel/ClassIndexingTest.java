package org.mnistablation.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/** Runs with {@code --add-opens jdk.jshell/jdk.jshell} (the pom's argLine), as the kernel jar's manifest starts it. */
class ClassIndexingTest {

    @Test
    void theIndexingThreadWaitsInsteadOfWalkingTheClassPath() throws Exception {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            assertTrue(ClassIndexing.suspend(shell), "suspendIndexing was not reachable");
            // a class path change queues another indexing pass: it must wait too
            shell.addToClasspath(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
            List<SnippetEvent> events = shell.eval("1 + 1");
            assertEquals("2", events.get(0).value());
            assertTrue(indexerWaiting(10_000), "JShell's indexing thread never reached its suspension point");
        }
    }

    /**
     * Whether a thread stays parked in SourceCodeAnalysisImpl.waitIndexingNotSuspended for half a second, within
     * {@code millis} (JShell.eval suspends the indexing while it evaluates, so a passing wait proves nothing).
     */
    private static boolean indexerWaiting(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        long since = -1;
        while (System.currentTimeMillis() < end) {
            boolean waiting = Thread.getAllStackTraces().entrySet().stream().anyMatch(e ->
                    e.getKey().getState() == Thread.State.WAITING && Arrays.stream(e.getValue())
                            .anyMatch(f -> f.getClassName().equals("jdk.jshell.SourceCodeAnalysisImpl")
                                    && f.getMethodName().equals("waitIndexingNotSuspended")));
            long now = System.currentTimeMillis();
            since = waiting ? (since < 0 ? now : since) : -1;
            if (since >= 0 && now - since >= 500) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
