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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Charts as complete PNGs. basekernel 2.3.0's image renderer (the one IJava 1.3.0 uses) writes the PNG through an
 * unclosed {@code Base64} stream, so the last bytes of every image are lost: browsers tolerate it, xelatex
 * ({@code nbconvert --to pdf}) does not. {@link #register(Renderer)} adds a renderer for {@link BufferedImage} (the
 * type the helper's charts are), which the renderer finds before basekernel's own one for {@link RenderedImage}.
 * JJava's renderer has the same fault; {@link JJavaRendering} registers the same encoding there.
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

    /**
     * What a kernel shows for an image: image/png (complete, encoded when asked for) and a short text/plain
     * description; the same under every kernel (basekernel's renderer through {@link #render}, JJava's through
     * {@link JJavaRendering}).
     */
    public static Map<String, Supplier<String>> representations(RenderedImage image) {
        Map<String, Supplier<String>> out = new LinkedHashMap<>();
        out.put("image/png", () -> base64(image));
        out.put("text/plain", () -> "image " + image.getWidth() + "x" + image.getHeight());
        return out;
    }

    /** Renders an image as its {@link #representations}: image/png (complete) and a short text/plain description. */
    public static void render(RenderedImage image, RenderContext context) {
        representations(image).forEach((type, data) -> context.renderIfRequested(MIMEType.parse(type), () -> data.get()));
    }

    /** Makes {@code renderer} render {@link BufferedImage}s with {@link #render(RenderedImage, RenderContext)}. */
    public static void register(Renderer renderer) {
        renderer.createRegistration(BufferedImage.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(PngImages::render);
    }
}
