package org.mnistablation.notebook;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Reaches the running Java kernel's display functions without depending on one kernel: IJava
 * ({@code io.github.spencerpark.ijava.runtime.Display}), JJava ({@code org.dflib.jjava.jupyter.kernel.BaseNotebookStatics})
 * and the project's own kernel expose the same static {@code display}/{@code updateDisplay} methods; outside a kernel
 * (tests, plain Java) output falls back to stdout.
 *
 * <p>Rich outputs are {@link RichOutput}s: the kernel's renderer asks them for text/html and text/markdown, so one
 * output carries both (HTML for the browser, Markdown for nbconvert's LaTeX route). Loading this class sets
 * {@code java.awt.headless=true} when unset ({@link Headless}); under IJava, {@link #detect()} also gives the
 * kernel's renderer a complete PNG encoder for charts ({@link PngImages}), and under JJava, whose renamed packages
 * do not know basekernel's interface, render functions for both ({@link JJavaRendering}).
 */
public final class NotebookDisplay {

    static {
        Headless.ensure();
    }

    static final String IJAVA_DISPLAY = "io.github.spencerpark.ijava.runtime.Display";
    static final String IJAVA_KERNEL = "io.github.spencerpark.ijava.runtime.Kernel";
    private static final List<String> DISPLAY_CLASSES = List.of(
            "org.mnistablation.kernel.runtime.Display",
            IJAVA_DISPLAY,
            JJavaRendering.DISPLAY);

    /**
     * Cache: the IJava and JJava renderers already given the helper's render functions (weak keys: one per kernel
     * instance, normally one), so calling {@link #detect()} in every cell registers them once.
     */
    private static final Set<Object> PATCHED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final Class<?> display;

    /** A display through the static {@code display} and {@code updateDisplay} methods of {@code display} (null: stdout). */
    NotebookDisplay(Class<?> display) {
        this.display = display;
    }

    /** The display API of the kernel this code runs in, or a stdout fallback. */
    public static NotebookDisplay detect() {
        for (String name : DISPLAY_CLASSES) {
            try {
                Class<?> c = Class.forName(name, true, loader());
                c.getMethod("display", Object.class);
                if (IJAVA_DISPLAY.equals(name)) {
                    completePngsInIJava(c.getClassLoader());
                } else if (JJavaRendering.DISPLAY.equals(name) && !renderInJJava(c.getClassLoader())) {
                    continue; // JJava's classes without a running JJava kernel (e.g. a test class path)
                }
                return new NotebookDisplay(c);
            } catch (ReflectiveOperationException | LinkageError ignored) {
                // not this kernel
            }
        }
        return new NotebookDisplay(null);
    }

    /**
     * Under IJava 1.3.0: its renderer encodes {@code BufferedImage}s with {@link PngImages} from now on. Should that
     * fail (another IJava build), charts keep IJava's own encoder, which browsers accept.
     */
    private static void completePngsInIJava(ClassLoader kernelLoader) {
        try {
            Object kernel = Class.forName(IJAVA_KERNEL, true, kernelLoader).getMethod("getKernelInstance").invoke(null);
            if (kernel == null) {
                return; // the IJava classes are on the class path but no kernel runs (not a notebook)
            }
            Renderer renderer = (Renderer) kernel.getClass().getMethod("getRenderer").invoke(kernel);
            if (PATCHED.add(renderer)) {
                PngImages.register(renderer);
            }
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            System.err.println("note: charts use IJava's own PNG encoder (" + e + ")");
        }
    }

    /**
     * Under JJava: its renderer renders {@link RichOutput}s as HTML and Markdown and charts as complete PNGs from now
     * on. Should that fail (another JJava build), outputs show as plain text and charts with JJava's own encoder.
     * Returns false when JJava's classes are there but no JJava kernel runs.
     */
    private static boolean renderInJJava(ClassLoader kernelLoader) throws ReflectiveOperationException {
        Object renderer = JJavaRendering.renderer(kernelLoader);
        if (renderer == null) {
            return false;
        }
        try {
            if (PATCHED.add(renderer)) {
                JJavaRendering.register(renderer);
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            System.err.println("note: JJava shows tables and analyses as plain text here (" + e + ")");
        }
        return true;
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : NotebookDisplay.class.getClassLoader();
    }

    public boolean inKernel() {
        return display != null;
    }

    /** Displays {@code value} (an image, a string, a {@link #rich} output, ...) and returns its display id, or null outside a kernel. */
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
     * One output carrying several representations (plain text, HTML, Markdown; HTML or Markdown may be null), for
     * {@link #show(Object)} and {@link #update(String, Object)}. Its {@code toString()} is the plain text, which is
     * what a front end or kernel without rich output shows.
     */
    public Object rich(String plain, String html, String markdown) {
        return new RichOutput(plain, html, markdown);
    }
}
