package org.mnistablation.notebook;

import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rich output under JJava (github.com/dflib/jjava), IJava's maintained successor. JJava renamed basekernel's packages
 * ({@code org.dflib.jjava.jupyter...}), so its renderer does not take a {@link RichOutput} for renderable (it would
 * show only the plain text), and it encodes charts with the same unclosed Base64 stream as basekernel 2.3.0 (the
 * PNG's last bytes are lost, which breaks LaTeX/PDF export). The helper jar does not depend on JJava: this class
 * reaches the running kernel's {@code Renderer} by reflection and registers render functions (proxies of JJava's
 * {@code RenderFunction}) for {@link RichOutput} and {@link BufferedImage}, which offer the same representations as
 * under IJava and the bundled kernel: {@link RichOutput#representations()} and {@link PngImages#representations}.
 */
final class JJavaRendering {

    /** JJava's kernel base class; {@code BaseKernel.notebookKernel()} is the running kernel. */
    static final String BASE_KERNEL = "org.dflib.jjava.jupyter.kernel.BaseKernel";
    /** Where JJava's cell functions {@code display}/{@code updateDisplay} live. */
    static final String DISPLAY = "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics";
    private static final String PACKAGE = "org.dflib.jjava.jupyter.kernel.display.";

    private JJavaRendering() {
    }

    /**
     * The renderer of the JJava kernel running in this JVM (its classes found through {@code kernelLoader}), or null
     * when JJava's classes are there but no kernel runs.
     */
    static Object renderer(ClassLoader kernelLoader) throws ReflectiveOperationException {
        Object kernel = Class.forName(BASE_KERNEL, true, kernelLoader).getMethod("notebookKernel").invoke(null);
        return kernel == null ? null : kernel.getClass().getMethod("getRenderer").invoke(kernel);
    }

    /** Makes JJava's {@code renderer} render {@link RichOutput}s and {@link BufferedImage}s as the helper does. */
    static void register(Object renderer) throws ReflectiveOperationException {
        Jjava api = new Jjava(renderer);
        api.register(RichOutput.class, List.of("text/html", "text/markdown"), List.of("text/plain"),
                o -> supplied(((RichOutput) o).representations()));
        api.register(BufferedImage.class, List.of("image/png"), List.of("text/plain"),
                o -> PngImages.representations((BufferedImage) o));
    }

    private static Map<String, Supplier<String>> supplied(Map<String, String> texts) {
        Map<String, Supplier<String>> out = new java.util.LinkedHashMap<>();
        texts.forEach((type, text) -> out.put(type, () -> text));
        return out;
    }

    /** The parts of JJava's display API this class calls, looked up once per renderer. */
    private static final class Jjava {
        private final Object renderer;
        private final ClassLoader loader;
        private final Method parse;
        private final Method renderIfRequested;
        private final Method register;
        private final Class<?> function;

        Jjava(Object renderer) throws ReflectiveOperationException {
            this.renderer = renderer;
            this.loader = renderer.getClass().getClassLoader();
            Class<?> mime = Class.forName(PACKAGE + "mime.MIMEType", true, loader);
            Class<?> context = Class.forName(PACKAGE + "RenderContext", true, loader);
            this.function = Class.forName(PACKAGE + "RenderFunction", true, loader);
            this.parse = mime.getMethod("parse", String.class);
            this.renderIfRequested = context.getMethod("renderIfRequested", mime, Supplier.class);
            this.register = renderer.getClass().getMethod("register", Set.class, Set.class, Set.class, function);
        }

        Object mime(String type) throws ReflectiveOperationException {
            return parse.invoke(null, type);
        }

        /**
         * Registers for {@code type}: the {@code preferred} MIME types are rendered by default (text/plain always
         * is), {@code alsoSupported} when asked for; {@code representations} gives each type's data when requested.
         */
        void register(Class<?> type, List<String> preferred, List<String> alsoSupported,
                      Function<Object, Map<String, Supplier<String>>> representations) throws ReflectiveOperationException {
            Set<Object> preferredTypes = new LinkedHashSet<>();
            for (String t : preferred) {
                preferredTypes.add(mime(t));
            }
            Set<Object> supportedTypes = new LinkedHashSet<>(preferredTypes);
            for (String t : alsoSupported) {
                supportedTypes.add(mime(t));
            }
            InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
                case "render" -> {
                    for (Map.Entry<String, Supplier<String>> e : representations.apply(args[0]).entrySet()) {
                        Supplier<Object> data = () -> e.getValue().get();
                        call(renderIfRequested, args[1], mime(e.getKey()), data);
                    }
                    yield null;
                }
                case "toString" -> "mnist-study render function for " + type.getName();
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
            Object fn = Proxy.newProxyInstance(loader, new Class<?>[] {function}, handler);
            register.invoke(renderer, supportedTypes, preferredTypes, Set.of(type), fn);
        }

        private static Object call(Method m, Object target, Object... args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
