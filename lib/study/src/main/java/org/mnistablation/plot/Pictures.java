package org.mnistablation.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** Pictures drawn directly: digit grids, softmax bars next to a digit, confusion matrices, weight images. */
public final class Pictures {

    private static final Color WRONG = new Color(200, 30, 30);
    private static final Color RIGHT = new Color(30, 30, 30);

    private Pictures() {
    }

    /** A grayscale image of a 28×28 (or rows×cols) pixel vector in [0,1], scaled up {@code scale} times. */
    public static BufferedImage digit(float[] pixels, int rows, int cols, int scale) {
        BufferedImage img = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = Math.max(0, Math.min(1, pixels[r * cols + c]));
                int g = Math.round(255 * (1 - v)); // ink dark on white paper
                int rgb = (g << 16) | (g << 8) | g;
                for (int y = 0; y < scale; y++) {
                    for (int x = 0; x < scale; x++) {
                        img.setRGB(c * scale + x, r * scale + y, rgb);
                    }
                }
            }
        }
        return img;
    }

    /**
     * Digits in a grid with a caption under each; captions flagged in {@code wrong} are drawn in red.
     */
    public static BufferedImage digitGrid(String title, float[][] images, String[] captions, boolean[] wrong, int columns) {
        int scale = 4;
        int cell = 28 * scale;
        int pad = 14;
        int captionH = 34;
        int titleH = title == null ? 0 : 34;
        int rows = (images.length + columns - 1) / columns;
        int w = columns * (cell + pad) + pad;
        int h = titleH + rows * (cell + captionH + pad) + pad;
        BufferedImage out = canvas(w, h);
        Graphics2D g = graphics(out);
        if (title != null) {
            g.setFont(Style.TITLE);
            g.setColor(Color.BLACK);
            g.drawString(title, pad, 24);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < images.length; i++) {
            int x = pad + (i % columns) * (cell + pad);
            int y = titleH + pad + (i / columns) * (cell + captionH + pad);
            g.drawImage(digit(images[i], 28, 28, scale), x, y, null);
            g.setColor(new Color(180, 180, 180));
            g.drawRect(x, y, cell, cell);
            g.setColor(wrong != null && wrong[i] ? WRONG : RIGHT);
            drawLines(g, captions[i], x, y + cell + 15, cell);
        }
        g.dispose();
        return out;
    }

    /** The digit, and a bar chart of its 10 softmax probabilities (argmax highlighted, the true class marked). */
    public static BufferedImage probabilities(String title, float[] image, float[] probs, int trueLabel) {
        int scale = 7;
        int side = 28 * scale;
        int barsW = 420;
        int w = side + barsW + 60;
        int h = side + 70;
        BufferedImage out = canvas(w, h);
        Graphics2D g = graphics(out);
        g.setFont(Style.TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, 12, 22);
        g.drawImage(digit(image, 28, 28, scale), 12, 40, null);
        g.setColor(new Color(180, 180, 180));
        g.drawRect(12, 40, side, side);
        int argmax = 0;
        for (int k = 1; k < probs.length; k++) {
            if (probs[k] > probs[argmax]) {
                argmax = k;
            }
        }
        int x0 = side + 50;
        int base = 40 + side - 20;
        int maxBar = side - 40;
        int bw = barsW / 10;
        g.setFont(Style.TICKS);
        for (int k = 0; k < 10; k++) {
            int bh = Math.round(probs[k] * maxBar);
            int x = x0 + k * bw;
            g.setColor(k == argmax ? (k == trueLabel || trueLabel < 0 ? Style.color(2) : WRONG) : Style.color(5));
            g.fillRect(x + 4, base - bh, bw - 8, bh);
            g.setColor(Color.BLACK);
            g.drawString(String.valueOf(k), x + bw / 2 - 3, base + 14);
            if (probs[k] >= 0.01) {
                g.drawString(String.format(Locale.ROOT, "%.2f", probs[k]), x + 4, base - bh - 4);
            }
            if (k == trueLabel) {
                g.drawString("true", x + bw / 2 - 12, base + 28);
            }
        }
        g.setColor(new Color(150, 150, 150));
        g.drawLine(x0, base, x0 + barsW, base);
        g.dispose();
        return out;
    }

    /** counts[true][predicted] as a heat map with the counts written in the cells. */
    public static BufferedImage confusionMatrix(String title, int[][] counts) {
        int n = counts.length;
        int cell = 46;
        int left = 70;
        int top = 70;
        int w = left + n * cell + 30;
        int h = top + n * cell + 50;
        BufferedImage out = canvas(w, h);
        Graphics2D g = graphics(out);
        g.setFont(Style.TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, 12, 22);
        int maxOff = 1;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                if (t != p) {
                    maxOff = Math.max(maxOff, counts[t][p]);
                }
            }
        }
        g.setFont(Style.TICKS);
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                int x = left + p * cell;
                int y = top + t * cell;
                Color c;
                if (t == p) {
                    c = new Color(205, 232, 214);
                } else {
                    float f = (float) Math.sqrt((double) counts[t][p] / maxOff);
                    c = new Color(255, Math.round(255 - 160 * f), Math.round(255 - 190 * f));
                }
                g.setColor(c);
                g.fillRect(x, y, cell, cell);
                g.setColor(new Color(220, 220, 220));
                g.drawRect(x, y, cell, cell);
                g.setColor(Color.BLACK);
                String s = String.valueOf(counts[t][p]);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(s, x + (cell - fm.stringWidth(s)) / 2, y + cell / 2 + 5);
            }
            g.drawString(String.valueOf(t), left - 18, top + t * cell + cell / 2 + 5);
            g.drawString(String.valueOf(t), left + t * cell + cell / 2 - 3, top - 8);
        }
        g.setFont(Style.AXIS);
        g.drawString("predicted", left + n * cell / 2 - 30, top - 28);
        g.rotate(-Math.PI / 2);
        g.drawString("true", -(top + n * cell / 2 + 12), left - 34);
        g.dispose();
        return out;
    }

    /**
     * The first {@code count} hidden units' incoming weights as 28×28 images on a diverging scale (blue negative,
     * white zero, red positive), symmetric around zero with one scale for all.
     */
    public static BufferedImage weightImages(String title, float[][] units, int count, int columns) {
        int n = Math.min(count, units.length);
        float max = 1e-12f;
        for (int u = 0; u < n; u++) {
            for (float v : units[u]) {
                max = Math.max(max, Math.abs(v));
            }
        }
        int scale = 3;
        int cell = 28 * scale;
        int pad = 6;
        int titleH = 32;
        int rows = (n + columns - 1) / columns;
        BufferedImage out = canvas(pad + columns * (cell + pad), titleH + pad + rows * (cell + pad) + 20);
        Graphics2D g = graphics(out);
        g.setFont(Style.TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, pad, 22);
        for (int u = 0; u < n; u++) {
            int x0 = pad + (u % columns) * (cell + pad);
            int y0 = titleH + pad + (u / columns) * (cell + pad);
            for (int p = 0; p < 784; p++) {
                g.setColor(diverging(units[u][p] / max));
                g.fillRect(x0 + (p % 28) * scale, y0 + (p / 28) * scale, scale, scale);
            }
        }
        g.setFont(Style.TICKS);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "blue −%.3f · white 0 · red +%.3f", max, max), pad, out.getHeight() - 6);
        g.dispose();
        return out;
    }

    static Color diverging(float v) {
        float t = Math.max(-1, Math.min(1, v));
        if (t >= 0) {
            return new Color(255, Math.round(255 * (1 - t * 0.85f)), Math.round(255 * (1 - t * 0.9f)));
        }
        return new Color(Math.round(255 * (1 + t * 0.9f)), Math.round(255 * (1 + t * 0.6f)), 255);
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return out;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setStroke(new BasicStroke(1f));
        return g;
    }

    private static void drawLines(Graphics2D g, String text, int x, int y, int width) {
        int line = 0;
        for (String part : text.split("\n")) {
            g.drawString(part, x, y + line * 15);
            line++;
        }
    }
}
