package org.mnistablation.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One output carrying several text representations (plain text, and HTML and/or Markdown), for a kernel's
 * {@code display}/{@code updateDisplay}.
 *
 * <p>It implements basekernel's {@link DisplayDataRenderable}, which the renderer of IJava 1.3.0 and of the bundled
 * kernel asks to render itself: the front end receives text/html and text/markdown (HTML for browsers, Markdown for
 * nbconvert's LaTeX route), plus text/plain. A ready-made {@code DisplayData} would not do: IJava renders it with
 * {@code toString()}. JJava renamed basekernel's packages, so its renderer is given a render function for this class
 * instead ({@link JJavaRendering}), which offers the same {@link #representations()}. Outside a kernel it is its
 * plain text ({@link #toString()}).
 */
public final class RichOutput implements DisplayDataRenderable {

    private final String plain;
    private final String html;
    private final String markdown;

    /** {@code html} and {@code markdown} may be null (not offered); {@code plain} may not. */
    public RichOutput(String plain, String html, String markdown) {
        this.plain = Objects.requireNonNull(plain, "plain text is required (it is what text-only front ends show)");
        this.html = html;
        this.markdown = markdown;
    }

    public String plain() {
        return plain;
    }

    public String html() {
        return html;
    }

    public String markdown() {
        return markdown;
    }

    /**
     * The representations this output offers, by MIME type, richest first (text/html, text/markdown, then
     * text/plain); what every kernel's renderer gives the front end.
     */
    public Map<String, String> representations() {
        Map<String, String> out = new LinkedHashMap<>();
        if (html != null) {
            out.put("text/html", html);
        }
        if (markdown != null) {
            out.put("text/markdown", markdown);
        }
        out.put("text/plain", plain);
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        Set<MIMEType> types = new LinkedHashSet<>();
        representations().keySet().forEach(t -> types.add(MIMEType.parse(t)));
        return Collections.unmodifiableSet(types);
    }

    @Override
    public void render(RenderContext context) {
        representations().forEach((type, text) -> context.renderIfRequested(MIMEType.parse(type), () -> text));
    }

    @Override
    public String toString() {
        return plain;
    }
}
