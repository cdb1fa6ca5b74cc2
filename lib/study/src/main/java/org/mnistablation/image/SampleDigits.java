package org.mnistablation.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws the handwritten-style sample digits the project ships in {@code notebooks/custom_digits/} (deterministic,
 * so the files can be regenerated): strokes like a finger or mouse drawing, on dark and light backgrounds, centred
 * and off-centre, one like a phone photo of grey paper. Run: {@code java -cp mnist-study.jar
 * org.mnistablation.image.SampleDigits notebooks/custom_digits}.
 */
public final class SampleDigits {

    private SampleDigits() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "notebooks/custom_digits");
        Files.createDirectories(dir);
        write(dir, "3_white_on_black_centred.png", 400, 400, Color.BLACK, null, Color.WHITE, glyph(3), 90, 60, 220, 280, 26f, 0);
        write(dir, "7_black_on_white_centred.png", 400, 400, Color.WHITE, null, new Color(20, 20, 20), glyph(7), 100, 60, 200, 280, 24f, 0);
        write(dir, "2_blue_pen_off_centre_small.png", 600, 800, Color.WHITE, null, new Color(25, 40, 140), glyph(2), 70, 90, 110, 150, 9f, 0);
        write(dir, "5_phone_photo_grey_paper.png", 600, 800, new Color(196, 192, 184), new Color(150, 146, 140), new Color(45, 42, 40),
                glyph(5), 210, 260, 190, 300, 16f, 7);
        write(dir, "0_thin_pen_centred.png", 400, 400, Color.WHITE, null, Color.BLACK, glyph(0), 120, 70, 160, 260, 5f, 0);
        write(dir, "4_wide_canvas_right.png", 800, 400, new Color(250, 250, 245), null, new Color(10, 10, 10), glyph(4), 560, 70, 170, 260, 20f, 0);
        System.out.println("sample digits written to " + dir.toAbsolutePath());
    }

    /** A digit as strokes in a unit box (x right, y down). */
    static Path2D glyph(int digit) {
        Path2D p = new Path2D.Double();
        switch (digit) {
            case 0 -> p.append(new Arc2D.Double(0.1, 0.0, 0.8, 1.0, 80, 365, Arc2D.OPEN), false);
            case 2 -> {
                p.append(new Arc2D.Double(0.1, 0.0, 0.8, 0.55, 160, -190, Arc2D.OPEN), false);
                p.lineTo(0.08, 0.98);
                p.lineTo(0.95, 0.96);
            }
            case 3 -> {
                p.append(new Arc2D.Double(0.15, 0.0, 0.7, 0.5, 150, -240, Arc2D.OPEN), false);
                p.append(new Arc2D.Double(0.1, 0.45, 0.8, 0.55, 90, -250, Arc2D.OPEN), true);
            }
            case 4 -> {
                p.moveTo(0.62, 0.0);
                p.lineTo(0.05, 0.68);
                p.lineTo(0.98, 0.66);
                p.moveTo(0.68, 0.3);
                p.lineTo(0.66, 1.0);
            }
            case 5 -> {
                p.moveTo(0.88, 0.02);
                p.lineTo(0.22, 0.04);
                p.lineTo(0.16, 0.45);
                p.append(new Arc2D.Double(0.05, 0.32, 0.85, 0.66, 140, -270, Arc2D.OPEN), true);
            }
            case 7 -> {
                p.moveTo(0.05, 0.05);
                p.lineTo(0.95, 0.02);
                p.lineTo(0.40, 1.0);
                p.moveTo(0.30, 0.52);
                p.lineTo(0.78, 0.50);
            }
            default -> throw new IllegalArgumentException("no sample glyph for " + digit);
        }
        return p;
    }

    private static void write(Path dir, String name, int w, int h, Color paper, Color paperShade, Color ink, Path2D glyph,
                              int x, int y, int gw, int gh, float stroke, int noise) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(paperShade == null ? paper : new GradientPaint(0, 0, paper, w, h, paperShade));
        g.fillRect(0, 0, w, h);
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.scale(gw, gh);
        g.setColor(ink);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(t.createTransformedShape(glyph));
        g.dispose();
        if (noise > 0) {
            Random r = new Random(name.hashCode());
            for (int py = 0; py < h; py++) {
                for (int px = 0; px < w; px++) {
                    int rgb = img.getRGB(px, py);
                    int d = (int) Math.round(r.nextGaussian() * noise);
                    int rr = clamp(((rgb >> 16) & 0xff) + d);
                    int gg = clamp(((rgb >> 8) & 0xff) + d);
                    int bb = clamp((rgb & 0xff) + d);
                    img.setRGB(px, py, (rr << 16) | (gg << 8) | bb);
                }
            }
        }
        ImageIO.write(img, "png", dir.resolve(name).toFile());
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
