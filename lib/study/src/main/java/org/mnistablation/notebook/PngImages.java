package org.mnistablation.notebook;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Charts as complete PNGs. basekernel 2.3.0's image renderer (the one IJava 1.3.0 uses) writes the PNG through an
 * unclosed {@code Base64} stream, so the last bytes of every image are lost: browsers tolerate it, xelatex
 * ({@code nbconvert --to pdf}) does not. {@link #register(Renderer)} adds a renderer for {@link BufferedImage} (the
 * type the helper's charts are), which the renderer finds before basekernel's own one for {@link RenderedImage}.
 */
public final class PngImages {

    private PngImages() {
    }

    /** The image as PNG bytes. */
    public static byte[] png(RenderedImage image) {
        Headless.ensure();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for this image type");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The image as one base64 string without line breaks (the form Jupyter's image/png data takes). */
    public static String base64(RenderedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }

    /** Renders an image as image/png (complete) and a short text/plain description. */
    public static void render(RenderedImage image, RenderContext context) {
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> base64(image));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "image " + image.getWidth() + "x" + image.getHeight());
    }

    /** Makes {@code renderer} render {@link BufferedImage}s with {@link #render(RenderedImage, RenderContext)}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(BufferedImage.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(PngImages::render);
    }
}
