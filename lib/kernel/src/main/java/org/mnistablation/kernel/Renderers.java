package org.mnistablation.kernel;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** The kernel's renderers: images as complete base64 PNGs, text as any text type asked for. */
final class Renderers {

    static final MIMEType PNG = MIMEType.parse("image/png");
    static final MIMEType PLAIN = MIMEType.parse("text/plain");
    static final MIMEType HTML = MIMEType.parse("text/html");
    static final MIMEType MARKDOWN = MIMEType.parse("text/markdown");
    static final MIMEType LATEX = MIMEType.parse("text/latex");

    private Renderers() {
    }

    static void registerAll(Renderer renderer) {
        renderer.createRegistration(RenderedImage.class)
                .preferring(PNG)
                .supporting(PNG)
                .register(Renderers::renderImage);
        renderer.createRegistration(CharSequence.class)
                .preferring(PLAIN)
                .supporting(PLAIN, HTML, MARKDOWN, LATEX)
                .register((text, ctx) -> {
                    for (MIMEType t : new MIMEType[]{PLAIN, HTML, MARKDOWN, LATEX}) {
                        ctx.renderIfRequested(t, text::toString);
                    }
                });
    }

    /** basekernel 2.3.0's own image renderer leaves its Base64 stream unclosed and cuts PNGs short. */
    static void renderImage(RenderedImage image, RenderContext ctx) {
        ctx.renderIfRequested(PNG, () -> pngBase64(image));
        ctx.renderIfRequested(PLAIN, () -> "image " + image.getWidth() + "x" + image.getHeight());
    }

    static String pngBase64(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for this image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
