package org.mnistablation.notebook;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * A JJava extension (listed in {@code META-INF/services/org.dflib.jjava.jupyter.Extension}): JJava installs it when
 * a jar holding it is added to its class path — at kernel start-up when the kernel's environment has
 * {@code JJAVA_CLASSPATH} naming {@code lib/study/target/mnist-study-jjava.jar} (this class and {@link SetupHint}
 * only; {@code scripts/lab.sh} sets it), and by the setup cell's {@code %classpath} (the helper jar holds it too,
 * where JJava finds it installed already, or installs it too late to matter). It prints nothing and changes nothing;
 * it watches the kernel's JShell and, when a cell is rejected because it uses what only the setup cell brings in (a
 * model cell run after a restart), prints {@link SetupHint}'s one-line message to the cell's stderr, above JJava's
 * own compile error.
 *
 * <p>Only JJava loads this class (its service interface exists only there); the helper's other classes do not refer
 * to it, so IJava and the bundled kernel never see JJava's types.
 */
public final class JJavaSetupHint implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        try {
            JShell shell = (JShell) kernel.getClass().getMethod("getJShell").invoke(kernel);
            shell.onSnippetEvent(event -> hint(shell, event));
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            // another JJava build: no hint, the compiler's error stays as it is
        }
    }

    private static void hint(JShell shell, SnippetEvent event) {
        try {
            if (event.causeSnippet() != null || event.status() != Snippet.Status.REJECTED) {
                return;
            }
            List<String> diagnostics = shell.diagnostics(event.snippet())
                    .map(d -> d.getMessage(java.util.Locale.ROOT)).collect(Collectors.toList());
            List<String> imports = shell.imports().map(Snippet::source).collect(Collectors.toList());
            Optional<String> message = SetupHint.message(diagnostics, imports);
            message.ifPresent(System.err::println);
        } catch (RuntimeException | LinkageError e) {
            // never disturb the kernel: the compiler's error is shown anyway
        }
    }
}
