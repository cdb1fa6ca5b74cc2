package org.mnistablation.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One output carrying several text representations (plain text, and HTML and/or Markdown), for a kernel's
 * {@code display}/{@code updateDisplay}.
 *
 * <p>It implements basekernel's {@link DisplayDataRenderable}, which the renderer of IJava 1.3.0 and of the bundled
 * kernel asks to render itself: the front end receives text/html and text/markdown (HTML for browsers, Markdown for
 * nbconvert's LaTeX route), plus text/plain. A ready-made {@code DisplayData} would not do: IJava renders it with
 * {@code toString()}. Outside a kernel, and in kernels on another display library, it is its plain text
 * ({@link #toString()}).
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

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        Set<MIMEType> types = new LinkedHashSet<>();
        if (html != null) {
            types.add(MIMEType.TEXT_HTML);
        }
        if (markdown != null) {
            types.add(MIMEType.TEXT_MARKDOWN);
        }
        types.add(MIMEType.TEXT_PLAIN);
        return Collections.unmodifiableSet(types);
    }

    @Override
    public void render(RenderContext context) {
        if (html != null) {
            context.renderIfRequested(MIMEType.TEXT_HTML, () -> html);
        }
        if (markdown != null) {
            context.renderIfRequested(MIMEType.TEXT_MARKDOWN, () -> markdown);
        }
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> plain);
    }

    @Override
    public String toString() {
        return plain;
    }
}
