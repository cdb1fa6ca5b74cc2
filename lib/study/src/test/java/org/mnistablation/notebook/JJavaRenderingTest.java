package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.common.Text;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/**
 * The helper's outputs as JJava's own {@link Renderer} (basekernel renamed to {@code org.dflib.jjava.jupyter}) sees
 * them, with JJava's default registrations in place as in the kernel: without the helper's render functions a
 * table is plain text and a chart a PNG cut short; with them (what {@code NotebookDisplay.detect()} registers under
 * JJava) the same text/html, text/markdown and complete image/png as under IJava.
 */
class JJavaRenderingTest {

    private static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private static Renderer jjavaRenderer() {
        Renderer r = new Renderer();
        Text.registerAll(r);
        Image.registerAll(r);
        return r;
    }

    private static BufferedImage chart() {
        BufferedImage image = new BufferedImage(101, 67, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, new Color((x * 5) % 256, (y * 11) % 256, (x + y) % 256).getRGB());
            }
        }
        return image;
    }

    @Test
    void withoutTheHelpersFunctionsJJavaShowsOnlyPlainTextAndCutsPngsShort() {
        Renderer r = jjavaRenderer();
        DisplayData table = r.render(new RichOutput("plain table", "<table></table>", "| t |"));
        assertFalse(table.hasDataForType(MIMEType.TEXT_HTML), "JJava does not know basekernel's DisplayDataRenderable");
        assertEquals("plain table", table.getData(MIMEType.TEXT_PLAIN));

        BufferedImage image = chart();
        byte[] complete = PngImages.png(image);
        byte[] jjavas = Base64.getDecoder().decode((String) r.render(image).getData(MIMEType.IMAGE_PNG));
        if (complete.length % 3 != 0) { // the unclosed Base64 stream drops the last partial 3-byte group
            assertTrue(jjavas.length < complete.length, "JJava's encoder is expected to lose the last bytes");
        }
    }

    @Test
    void richOutputRendersAsHtmlMarkdownAndPlainText() throws Exception {
        Renderer r = jjavaRenderer();
        JJavaRendering.register(r);
        DisplayData d = r.render(new RichOutput("plain table", "<table><tr><td>1</td></tr></table>", "| a |\n|---|\n| 1 |"));
        assertEquals("<table><tr><td>1</td></tr></table>", d.getData(MIMEType.TEXT_HTML));
        assertEquals("| a |\n|---|\n| 1 |", d.getData(MIMEType.TEXT_MARKDOWN));
        assertEquals("plain table", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void progressLineWithoutMarkdownCarriesHtmlAndPlainTextOnly() throws Exception {
        Renderer r = jjavaRenderer();
        JJavaRendering.register(r);
        DisplayData d = r.render(new RichOutput("Epoch 1/5", "<pre>Epoch 1/5</pre>", null));
        assertEquals("<pre>Epoch 1/5</pre>", d.getData(MIMEType.TEXT_HTML));
        assertFalse(d.hasDataForType(MIMEType.TEXT_MARKDOWN));
        assertEquals("Epoch 1/5", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void displayAsMarkdownGivesTheMarkdownOnly() throws Exception {
        Renderer r = jjavaRenderer();
        JJavaRendering.register(r);
        DisplayData d = r.renderAs(new RichOutput("p", "<b>h</b>", "**m**"), "text/markdown");
        assertEquals("**m**", d.getData(MIMEType.TEXT_MARKDOWN));
        assertFalse(d.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void chartsAreCompletePngs() throws Exception {
        Renderer r = jjavaRenderer();
        JJavaRendering.register(r);
        BufferedImage image = chart();
        DisplayData d = r.render(image);
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        assertArrayEquals(PngImages.png(image), png);
        assertArrayEquals(IEND, Arrays.copyOfRange(png, png.length - IEND.length, png.length));
        assertEquals("image 101x67", d.getData(MIMEType.TEXT_PLAIN));
        assertEquals(image.getRGB(60, 40), ImageIO.read(new ByteArrayInputStream(png)).getRGB(60, 40));
    }
}
