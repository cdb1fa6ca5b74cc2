package org.mnistablation.notebook;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Reaches the running Java kernel's display functions without depending on one kernel: IJava
 * ({@code io.github.spencerpark.ijava.runtime.Display}), JJava and the project's own kernel expose the same static
 * {@code display}/{@code updateDisplay} methods; outside a kernel (tests, plain Java) output falls back to stdout.
 * Rich outputs are built as the kernel library's {@code DisplayData}, so one output can carry text/html and
 * text/markdown together (HTML for the browser, Markdown for the PDF route).
 */
public final class NotebookDisplay {

    private static final List<String> DISPLAY_CLASSES = List.of(
            "org.mnistablation.kernel.runtime.Display",
            "io.github.spencerpark.ijava.runtime.Display",
            "org.dflib.jjava.jupyter.kernel.display.Display",
            "org.dflib.jjava.runtime.Display");
    private static final String DISPLAY_DATA = "io.github.spencerpark.jupyter.kernel.display.DisplayData";

    private final Class<?> display;

    private NotebookDisplay(Class<?> display) {
        this.display = display;
    }

    /** The display API of the kernel this code runs in, or a stdout fallback. */
    public static NotebookDisplay detect() {
        for (String name : DISPLAY_CLASSES) {
            try {
                Class<?> c = Class.forName(name, true, loader());
                c.getMethod("display", Object.class);
                return new NotebookDisplay(c);
            } catch (ReflectiveOperationException | LinkageError ignored) {
                // not this kernel
            }
        }
        return new NotebookDisplay(null);
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : NotebookDisplay.class.getClassLoader();
    }

    public boolean inKernel() {
        return display != null;
    }

    /** Displays {@code value} (an image, a string, ...) and returns its display id, or null outside a kernel. */
    public String show(Object value) {
        if (display == null) {
            System.out.println(value);
            return null;
        }
        try {
            Method m = display.getMethod("display", Object.class);
            Object id = m.invoke(null, value);
            return id == null ? null : id.toString();
        } catch (ReflectiveOperationException e) {
            System.out.println(value);
            return null;
        }
    }

    /** Replaces the output with id {@code id} by {@code value}. */
    public void update(String id, Object value) {
        if (display == null || id == null) {
            return;
        }
        try {
            display.getMethod("updateDisplay", String.class, Object.class).invoke(null, id, value);
        } catch (ReflectiveOperationException e) {
            // the kernel has no update support: the final state is shown by the caller
        }
    }

    /**
     * A kernel display object carrying several representations (plain text, HTML, Markdown), or the plain text
     * when no kernel library is present.
     */
    public Object rich(String plain, String html, String markdown) {
        try {
            Class<?> c = Class.forName(DISPLAY_DATA, true, display != null ? display.getClassLoader() : loader());
            Object data = c.getConstructor().newInstance();
            c.getMethod("putText", String.class).invoke(data, plain);
            if (html != null) {
                c.getMethod("putHTML", String.class).invoke(data, html);
            }
            if (markdown != null) {
                c.getMethod("putMarkdown", String.class).invoke(data, markdown);
            }
            return data;
        } catch (ReflectiveOperationException | LinkageError e) {
            return plain;
        }
    }
}
