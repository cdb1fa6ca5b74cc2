package org.mnistablation.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small upright pictures of a user's file, for display. */
public final class Thumbnails {

    private Thumbnails() {
    }

    /**
     * The file's picture in colour, turned upright by its EXIF orientation (1 = as stored), scaled to fit
     * {@code box × box}; transparent pixels shown over a grey checkerboard. Null when Java cannot draw it.
     */
    public static BufferedImage original(Path file, int orientation, int box) {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (src == null) {
            return null;
        }
        if (orientation != 1) {
            int sw = src.getWidth();
            int sh = src.getHeight();
            int ow = Exif.swapsSides(orientation) ? sh : sw;
            int oh = Exif.swapsSides(orientation) ? sw : sh;
            BufferedImage up = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int i = Exif.source(orientation, x, y, sw, sh);
                    up.setRGB(x, y, src.getRGB(i % sw, i / sw));
                }
            }
            src = up;
        }
        double s = (double) box / Math.max(src.getWidth(), src.getHeight());
        int w = Math.max(1, (int) Math.round(src.getWidth() * s));
        int h = Math.max(1, (int) Math.round(src.getHeight() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        for (int y = 0; y < h; y += 8) {
            for (int x = 0; x < w; x += 8) {
                g.setColor(((x + y) / 8) % 2 == 0 ? new Color(200, 200, 200) : new Color(150, 150, 150));
                g.fillRect(x, y, 8, 8);
            }
        }
        g.drawImage(src.getScaledInstance(w, h, s < 1 ? Image.SCALE_AREA_AVERAGING : Image.SCALE_FAST), 0, 0, null);
        g.dispose();
        return out;
    }
}
