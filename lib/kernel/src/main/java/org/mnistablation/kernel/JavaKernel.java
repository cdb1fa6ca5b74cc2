package org.mnistablation.kernel;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.mnistablation.kernel.runtime.Display;
import org.mnistablation.kernel.runtime.Results;

/**
 * A Java kernel on basekernel and JShell, executing cells in this JVM (so display calls reach the kernel and
 * real objects can be rendered). Gives cells what IJava gives them: streams, the last expression's value,
 * {@code display/render/updateDisplay}, {@code %classpath} and {@code %jars}.
 */
public final class JavaKernel extends BaseKernel {

    /** Per-cell cap on printed output, in bytes (KERNEL_MAX_OUTPUT_BYTES overrides). */
    static final long OUTPUT_LIMIT = Long.parseLong(System.getenv().getOrDefault("KERNEL_MAX_OUTPUT_BYTES", "2000000"));

    private final JShell shell;
    private final LanguageInfo languageInfo;
    private volatile boolean interrupted;
    private final HistoryManager history = new EmptyHistory();
    /** Cells evaluated so far, and whether one is running now (what a delayed stop checks). */
    private volatile long cellCount;
    private volatile boolean running;
    /** The thread group JShell's local execution runs snippets in (jdk.jshell.execution.LocalExecutionControl). */
    static final String EXECUTION_GROUP = "JShell process local execution";
    /** How long an interrupted cell has to stop by itself before JShell stops its threads. */
    static final long STOP_AFTER_MILLIS = 3000;
    /** SetupHint.message of the project's helper jar, looked up at the first rejected cell that might need it. */
    private Method setupHint;

    public JavaKernel() {
        shell = JShell.builder().executionEngine("local").build();
        ClassIndexing.suspend(shell);
        languageInfo = new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell", "java",
                "java", "script");
        Renderers.registerAll(getRenderer());
        Display.attach(this);
        for (String s : List.of("import static org.mnistablation.kernel.runtime.Display.*;", "import java.util.*;",
                "import java.nio.file.*;", "import java.io.*;", "import java.util.stream.*;")) {
            shell.eval(s);
        }
    }

    @Override
    public HistoryManager getHistoryManager() {
        return history;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (mnist-study kernel, JShell in-process)";
    }

    @Override
    public DisplayData eval(String cell) throws Exception {
        interrupted = false;
        cellCount = cellCount + 1; // only the shell thread writes it
        running = true;
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new BoundedPrintStream(out, OUTPUT_LIMIT));
        System.setErr(new BoundedPrintStream(err, OUTPUT_LIMIT));
        try {
            CellSplitter.Parsed parsed = CellSplitter.parse(cell);
            for (String magic : parsed.magics()) {
                lineMagic(magic);
            }
            Object last = Results.NONE;
            for (String snippet : CellSplitter.snippets(shell.sourceCodeAnalysis(), parsed.code())) {
                last = evalSnippet(snippet);
            }
            return last == Results.NONE || last == null ? null : getRenderer().render(last);
        } finally {
            running = false;
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Object evalSnippet(String source) throws Exception {
        if (source.matches("(?s).*\\b(System|Runtime\\.getRuntime\\(\\))\\s*\\.\\s*(exit|halt)\\s*\\(.*")) {
            throw new KernelException("System.exit/halt would end the kernel (and lose every variable), so the cell "
                    + "was not run. Throw an exception to stop a cell instead.");
        }
        List<SnippetEvent> events = shell.eval(source);
        Object value = Results.NONE;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            if (e.status() == Snippet.Status.REJECTED) {
                String hint = setupHint(e.snippet());
                throw new KernelException(hint != null ? hint : compileError(e.snippet(), source));
            }
            if (e.exception() != null) {
                if (interrupted) { // the cell's own way of stopping (e.g. training says what it did not save)
                    String why = e.exception().getMessage();
                    throw new KernelException("interrupted: the cell was stopped" + (why == null ? "" : " (" + why + ")"));
                }
                throw runtimeError(e.exception());
            }
            if (interrupted) {
                throw new KernelException("interrupted: the cell was stopped");
            }
            Snippet s = e.snippet();
            if (s.kind() == Snippet.Kind.EXPRESSION || (s instanceof VarSnippet v
                    && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)) {
                value = capture(s instanceof VarSnippet v ? v.name() : source);
            } else {
                value = Results.NONE;
            }
        }
        if (interrupted) {
            throw new KernelException("interrupted: the cell was stopped");
        }
        return value;
    }

    /** The real object of an expression just evaluated (JShell alone only returns its string). */
    private Object capture(String expression) {
        Results.clear();
        List<SnippetEvent> events = shell.eval("org.mnistablation.kernel.runtime.Results.put(" + expression.strip()
                .replaceAll(";\\s*$", "") + ");");
        for (SnippetEvent e : events) {
            if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                return Results.NONE; // e.g. a void expression: nothing to show
            }
        }
        return Results.take();
    }

    private void lineMagic(String line) throws KernelException {
        String[] parts = line.substring(1).trim().split("\\s+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String args = parts.length > 1 ? parts[1].trim() : "";
        switch (name) {
            case "classpath", "jars" -> {
                if (args.isEmpty()) {
                    throw new KernelException("%" + name + " needs one or more jar paths");
                }
                for (String p : Magics.expand(args, Path.of("").toAbsolutePath())) {
                    if (!Files.exists(Path.of(p))) {
                        throw new KernelException("%" + name + ": " + p + " does not exist (paths are relative to the "
                                + "notebook's folder; build the helper jar with: cd lib && mvn -q package -DskipTests)");
                    }
                    shell.addToClasspath(p);
                }
            }
            default -> throw new KernelException("unknown line magic %" + name + " (this kernel has %classpath and %jars)");
        }
    }

    /**
     * When the cell was rejected because it uses what only the notebook's setup cell brings in (a model cell run
     * after a kernel restart), the helper jar's one-line message saying so ({@code org.mnistablation.notebook.SetupHint}),
     * else null. The helper jar is the project's {@code lib/study/target/mnist-study.jar}, found by walking up from the
     * working directory (the notebook's folder) as the helper jar's {@code StudySettings.projectRoot()} does; it is
     * read in a loader of its own, so this session's class path stays as the cells made it.
     */
    private String setupHint(Snippet snippet) {
        try {
            Method message = setupHintMethod();
            if (message == null) {
                return null;
            }
            List<String> diagnostics = shell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT)).toList();
            List<String> imports = shell.imports().map(Snippet::source).toList();
            Object hint = ((Optional<?>) message.invoke(null, diagnostics, imports)).orElse(null);
            return hint == null ? null : hint.toString();
        } catch (ReflectiveOperationException | java.net.MalformedURLException | LinkageError | RuntimeException e) {
            return null; // no hint: the compiler's error is shown
        }
    }

    private Method setupHintMethod() throws ReflectiveOperationException, java.net.MalformedURLException {
        if (setupHint == null) {
            Path jar = null;
            for (Path d = Path.of("").toAbsolutePath(); d != null && jar == null; d = d.getParent()) {
                Path candidate = d.resolve("lib/study/target/mnist-study.jar");
                jar = Files.isRegularFile(candidate) ? candidate : null;
            }
            if (jar == null) {
                return null;
            }
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            setupHint = Class.forName("org.mnistablation.notebook.SetupHint", true, loader)
                    .getMethod("message", Collection.class, Collection.class);
        }
        return setupHint;
    }

    private String compileError(Snippet snippet, String source) {
        List<String> lines = new ArrayList<>();
        for (Diag d : shell.diagnostics(snippet).collect(Collectors.toList())) {
            long pos = d.getStartPosition();
            int lineNo = pos < 0 ? 0 : (int) source.substring(0, (int) Math.min(pos, source.length())).chars().filter(c -> c == '\n').count();
            String[] src = source.split("\n", -1);
            lines.add("line " + (lineNo + 1) + ": " + d.getMessage(Locale.ROOT)
                    + (lineNo < src.length ? "\n    " + src[lineNo].strip() : ""));
        }
        return lines.isEmpty() ? "the snippet was rejected by the compiler: " + source.strip()
                : "compile error\n" + String.join("\n", lines);
    }

    private Exception runtimeError(Exception e) {
        if (e instanceof EvalException ee) {
            StringBuilder sb = new StringBuilder(ee.getExceptionClassName());
            if (ee.getMessage() != null) {
                sb.append(": ").append(ee.getMessage());
            }
            for (StackTraceElement el : ee.getStackTrace()) {
                if (el.getClassName().startsWith("REPL.") || el.getClassName().startsWith("jdk.")) {
                    continue;
                }
                sb.append("\n    at ").append(el);
                if (sb.length() > 3000) {
                    break;
                }
            }
            Throwable cause = ee.getCause();
            while (cause != null) {
                sb.append("\ncaused by ").append(cause instanceof EvalException c2 ? c2.getExceptionClassName() : cause.getClass().getName())
                        .append(": ").append(cause.getMessage());
                cause = cause.getCause();
            }
            return new KernelException(sb.toString());
        }
        if (e instanceof UnresolvedReferenceException ure) {
            return new KernelException("unresolved reference in " + ure.getSnippet().source().strip()
                    + ": define what it uses first");
        }
        return e;
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof KernelException) {
            return List.of(getErrorStyler().primary(e.getMessage()));
        }
        return super.formatError(e);
    }

    private io.github.spencerpark.jupyter.kernel.util.StringStyler getErrorStyler() {
        return errorStyler;
    }

    /**
     * Stops the running cell: first the Java way, {@link Thread#interrupt()} on the cell's threads (JShell runs a
     * snippet on a thread of its own group, and threads the cell starts, e.g. the training runs, join that group), so
     * code that checks for interrupts (the helper's training, sleeps, waits) ends cleanly and leaves its state
     * consistent; what is still running {@link #STOP_AFTER_MILLIS} later (a busy loop that never looks) is stopped by
     * JShell ({@code ThreadGroup.stop}, which may leave locks in a broken state, hence only as the last resort).
     */
    @Override
    public void interrupt() {
        interrupted = true;
        long cell = cellCount;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ThreadGroup g = t.getThreadGroup();
            if (g != null && EXECUTION_GROUP.equals(g.getName())) {
                t.interrupt();
            }
        }
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(STOP_AFTER_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (running && cellCount == cell) {
                shell.stop();
            }
        }, "kernel-interrupt");
        stopper.setDaemon(true);
        stopper.start();
    }

    @Override
    public void onShutdown(boolean restart) {
        shell.close();
    }

}
