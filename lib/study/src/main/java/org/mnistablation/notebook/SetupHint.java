package org.mnistablation.notebook;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line message a kernel shows when a cell uses what only the notebook's setup cell brings in — typically a
 * model cell run after a kernel restart: {@code Sequential}, {@code Dense}, {@code data}, … come from its
 * {@code import static org.mnistablation.notebook.Notebook.*;} and {@code var data = task(…)}, so without it the cell
 * does not compile and the compiler's "cannot find symbol" lines do not say what to do.
 *
 * <p>Kernels ask {@link #message} with the compiler's diagnostics of the rejected snippet and the imports the session
 * has: the bundled kernel replaces its compile error by the message; under JJava, {@link JJavaSetupHint} prints it
 * above JJava's own error (when the kernel loaded this jar at start-up, see the README).
 */
public final class SetupHint {

    /** The import the setup cell runs. */
    static final String IMPORT = "org.mnistablation.notebook.Notebook";
    /** The variable the setup cell declares. */
    static final String DATA = "data";
    /** The helper jar's file name (beside the small start-up jar for JJava). */
    static final String HELPER_JAR = "mnist-study.jar";

    private static final Pattern SYMBOL = Pattern.compile("symbol:\\s+(?:method|variable|class|static)\\s+([A-Za-z_$][\\w$]*)");
    private static Set<String> vocabulary;

    private SetupHint() {
    }

    /**
     * The names the setup cell brings in: {@code Notebook}'s public static methods and the variable {@code data}.
     * {@code Notebook} is looked up by name: in the helper jar it is beside this class; in the small start-up jar JJava
     * loads ({@code mnist-study-jjava.jar}, this class and {@link JJavaSetupHint} only) it is read from the helper jar
     * next to it, in a loader of its own, so the session's class path stays as the setup cell makes it.
     */
    static synchronized Set<String> vocabulary() {
        if (vocabulary == null) {
            Set<String> names = new TreeSet<>();
            for (Method m : notebookClass().getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                    names.add(m.getName());
                }
            }
            names.add(DATA);
            vocabulary = names;
        }
        return vocabulary;
    }

    private static Class<?> notebookClass() {
        try {
            return Class.forName(IMPORT, false, SetupHint.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notHere) {
            try {
                Path here = Path.of(SetupHint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                URL helper = here.resolveSibling(HELPER_JAR).toUri().toURL();
                return Class.forName(IMPORT, false, new URLClassLoader(new URL[] {helper}, ClassLoader.getPlatformClassLoader()));
            } catch (ReflectiveOperationException | URISyntaxException | MalformedURLException | RuntimeException | LinkageError e) {
                throw new IllegalStateException("cannot read the notebook vocabulary from " + HELPER_JAR + ": " + e, e);
            }
        }
    }

    /** The symbols the compiler could not find, in order, from diagnostics like "cannot find symbol … symbol: method Dense(…)". */
    static List<String> unresolved(Collection<String> diagnostics) {
        Set<String> out = new LinkedHashSet<>();
        for (String d : diagnostics) {
            Matcher m = SYMBOL.matcher(d);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The message for a cell rejected with {@code diagnostics} (the compiler's messages, in English) in a session
     * whose imports' source texts are {@code imports}; empty when the setup cell's import is there or when none of the
     * unresolved symbols is one the setup cell brings in (the cell has another problem, the compiler's error says it).
     */
    public static Optional<String> message(Collection<String> diagnostics, Collection<String> imports) {
        if (imports.stream().anyMatch(i -> i.contains(IMPORT))) {
            return Optional.empty();
        }
        List<String> unresolved = unresolved(diagnostics);
        if (unresolved.isEmpty()) {
            return Optional.empty();
        }
        List<String> ours = unresolved.stream().filter(vocabulary()::contains).toList();
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", ours.subList(0, Math.min(4, ours.size()))) + (ours.size() > 4 ? ", …" : "");
        return Optional.of("Run the notebook's setup cell first (its first code cell: %classpath …/mnist-study.jar and "
                + "import static " + IMPORT + ".*): this kernel has not run it since it started, and this cell uses "
                + names + " from it.");
    }
}
