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
 * Draws the sample digits the project ships in {@code notebooks/custom_digits/} (deterministic, so the files can be
 * regenerated), each named by the digit drawn and chosen so that each differs from an MNIST digit in as few ways
 * as possible: light ink on dark, centred (like MNIST); the seed's failure scenario (a small light 7 in the left
 * third of a wide dark canvas, drawn with a paint-app brush); light ink off-centre only; small only; thin pen only;
 * dark ink on light, centred and off-centre; a photo-like grey page; a paint-app PNG whose digit is only in the alpha
 * channel. Run: {@code java -cp mnist-study.jar org.mnistablation.image.SampleDigits notebooks/custom_digits}.
 */
public final class SampleDigits {

    static final Color DARK_GREY = new Color(45, 45, 45);
    static final Color INK_BLACK = new Color(15, 15, 15);

    private SampleDigits() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "notebooks/custom_digits");
        Files.createDirectories(dir);
        write(dir, "2_light_on_dark_centred.png", 400, 400, DARK_GREY, null, Color.WHITE, glyph(2), 110, 70, 180, 260, 30f, 0);
        write(dir, "7_light_on_dark_small_left_wide.png", 844, 591, DARK_GREY, null, Color.WHITE, glyph(7), 70, 180, 150, 230, 10f, 0);
        write(dir, "6_light_on_dark_top_left.png", 400, 400, DARK_GREY, null, Color.WHITE, glyph(6), 30, 30, 140, 220, 30f, 0);
        write(dir, "8_light_on_dark_small_centred.png", 400, 400, DARK_GREY, null, Color.WHITE, glyph(8), 160, 140, 80, 120, 18f, 0);
        write(dir, "0_thin_pen_light_on_dark_centred.png", 400, 400, DARK_GREY, null, Color.WHITE, glyph(0), 110, 65, 180, 270, 6f, 0);
        write(dir, "4_dark_on_light_centred.png", 400, 400, Color.WHITE, null, INK_BLACK, glyph(4), 105, 65, 190, 270, 30f, 0);
        write(dir, "9_dark_on_light_off_centre.png", 400, 400, Color.WHITE, null, INK_BLACK, glyph(9), 230, 150, 140, 220, 30f, 0);
        write(dir, "5_phone_photo_grey_paper.png", 600, 800, new Color(196, 192, 184), new Color(150, 146, 140), new Color(45, 42, 40),
                glyph(5), 160, 180, 280, 440, 40f, 7);
        transparent(dir, "3_transparent_background.png", 500, 500, glyph(3), 140, 90, 220, 320, 36f);
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
            case 6 -> {
                p.moveTo(0.80, 0.02);
                p.curveTo(0.40, 0.10, 0.08, 0.45, 0.12, 0.75);
                p.append(new Arc2D.Double(0.10, 0.45, 0.80, 0.55, 180, -360, Arc2D.OPEN), true);
            }
            case 8 -> {
                p.append(new Arc2D.Double(0.18, 0.0, 0.64, 0.46, 0, 360, Arc2D.OPEN), false);
                p.append(new Arc2D.Double(0.08, 0.46, 0.84, 0.54, 90, 360, Arc2D.OPEN), false);
            }
            case 9 -> {
                p.append(new Arc2D.Double(0.10, 0.0, 0.80, 0.50, 0, 360, Arc2D.OPEN), false);
                p.moveTo(0.90, 0.25);
                p.curveTo(0.90, 0.60, 0.80, 0.85, 0.55, 1.0);
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

    /** A paint-app drawing: every pixel black in RGB, the digit drawn only into the alpha channel. */
    private static void transparent(Path dir, String name, int w, int h, Path2D glyph, int x, int y, int gw, int gh, float stroke)
            throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.scale(gw, gh);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(t.createTransformedShape(glyph));
        g.dispose();
        for (int py = 0; py < h; py++) {
            for (int px = 0; px < w; px++) {
                img.setRGB(px, py, img.getRGB(px, py) & 0xff000000); // RGB black under every pixel, as paint apps save it
            }
        }
        ImageIO.write(img, "png", dir.resolve(name).toFile());
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
