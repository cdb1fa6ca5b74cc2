package org.mnistablation.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The display objects as basekernel 2.3.0's {@link Renderer} (the one IJava 1.3.0 and the bundled kernel use) sees
 * them. The notebooks executed under both kernels (tests/check_notebook_outputs.py) check the same end to end.
 */
class NotebookDisplayTest {

    private static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    @Test
    void richOutputRendersAsHtmlMarkdownAndPlainTextNotAsItsObjectName() {
        Object rich = NotebookDisplay.detect().rich("plain table", "<table><tr><td>1</td></tr></table>", "| a |\n|---|\n| 1 |");
        DisplayData d = new Renderer().render(rich);
        assertEquals("<table><tr><td>1</td></tr></table>", d.getData(MIMEType.TEXT_HTML));
        assertEquals("| a |\n|---|\n| 1 |", d.getData(MIMEType.TEXT_MARKDOWN));
        assertEquals("plain table", d.getData(MIMEType.TEXT_PLAIN));
        assertFalse(String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).contains("@"));
    }

    @Test
    void progressLineWithoutMarkdownCarriesHtmlAndPlainTextOnly() {
        DisplayData d = new Renderer().render(new RichOutput("Epoch 1/5", "<pre>Epoch 1/5</pre>", null));
        assertEquals("<pre>Epoch 1/5</pre>", d.getData(MIMEType.TEXT_HTML));
        assertFalse(d.hasDataForType(MIMEType.TEXT_MARKDOWN));
        assertEquals("Epoch 1/5", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void displayWithAnExplicitTypeGivesThatRepresentation() {
        DisplayData d = new Renderer().renderAs(new RichOutput("p", "<b>h</b>", "**m**"), "text/markdown");
        assertEquals("**m**", d.getData(MIMEType.TEXT_MARKDOWN));
        assertFalse(d.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void outsideAKernelShowPrintsThePlainText() {
        NotebookDisplay display = NotebookDisplay.detect();
        assertFalse(display.inKernel());
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            assertNull(display.show(display.rich("a plain table", "<table></table>", "| t |")));
            display.update("some-id", "ignored outside a kernel");
        } finally {
            System.setOut(old);
        }
        assertEquals("a plain table" + System.lineSeparator(), captured.toString());
    }

    @Test
    void chartsAreCompletePngsWhereBasekernelsOwnEncoderCutsThemShort() throws Exception {
        BufferedImage image = new BufferedImage(97, 61, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, new Color((x * 7) % 256, (y * 13) % 256, (x * y) % 256).getRGB());
            }
        }
        byte[] complete = PngImages.png(image);
        assertArrayEquals(IEND, Arrays.copyOfRange(complete, complete.length - IEND.length, complete.length));

        // IJava's renderer: basekernel's image renderers, then the helper's (registered by NotebookDisplay.detect())
        Renderer ijavaLike = new Renderer();
        Image.registerAll(ijavaLike);
        byte[] before = Base64.getDecoder().decode((String) ijavaLike.render(image).getData(MIMEType.IMAGE_PNG));
        PngImages.register(ijavaLike);
        DisplayData d = ijavaLike.render(image);
        byte[] after = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));

        assertArrayEquals(complete, after);
        assertEquals("image 97x61", d.getData(MIMEType.TEXT_PLAIN));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(after));
        assertEquals(image.getRGB(50, 30), back.getRGB(50, 30));
        if (complete.length % 3 != 0) { // the unclosed Base64 stream drops the last partial 3-byte group
            assertTrue(before.length < complete.length, "basekernel's encoder is expected to lose the last bytes");
        }
    }

    @Test
    void headlessIsSetWhenUnsetAndAnExplicitValueIsKept() {
        String old = System.getProperty("java.awt.headless");
        try {
            System.clearProperty("java.awt.headless");
            assertEquals("true", Headless.ensure());
            System.setProperty("java.awt.headless", "false");
            assertEquals("false", Headless.ensure());
        } finally {
            if (old == null) {
                System.clearProperty("java.awt.headless");
            } else {
                System.setProperty("java.awt.headless", old);
            }
        }
    }

    @Test
    void richKeepsItsThreeParts() {
        RichOutput r = assertInstanceOf(RichOutput.class, NotebookDisplay.detect().rich("p", null, "m"));
        assertEquals("p", r.toString());
        assertNull(r.html());
        assertEquals("m", r.markdown());
    }
}
