package org.mnistablation.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One image's preprocessing steps side by side, row by row (one row per pipeline), each step drawn as the model
 * sees its input: value 1 white, 0 black (light ink on black, like MNIST and matplotlib's {@code cmap="gray"}).
 * Each row ends with a verdict line (e.g. the top-3 probabilities), red when the prediction is wrong.
 */
public final class DigitStrip {

    /** Side of the square each step is fitted into. */
    public static final int BOX = 112;
    private static final int PAD = 12;
    /** Space between columns, so two-line captions fit under each step. */
    private static final int GAP = 26;
    private static final int CAPTION = 34;
    private static final int LABEL = 22;
    private static final int VERDICT = 22;
    private static final Color WRONG = new Color(200, 30, 30);

    private DigitStrip() {
    }

    /** A picture with a caption (up to two lines, split at '\n'). */
    public record Panel(String caption, BufferedImage image) {
    }

    /** A pipeline: its name, its steps, the verdict under them and whether it is wrong. */
    public record Row(String label, List<Panel> panels, String verdict, boolean wrong) {
    }

    /**
     * Values in [0,1] ({@code v[y*w + x]}) drawn as brightness (1 white), fitted into {@link #BOX}: enlarged by a
     * whole factor with square pixels (a 28×28 input shows its pixels), shrunk by area averaging.
     */
    public static BufferedImage brightness(float[] v, int w, int h) {
        double s = (double) BOX / Math.max(w, h);
        if (s >= 1) {
            int k = (int) Math.floor(s);
            BufferedImage img = new BufferedImage(w * k, h * k, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h * k; y++) {
                for (int x = 0; x < w * k; x++) {
                    img.setRGB(x, y, grey(v[(y / k) * w + x / k]));
                }
            }
            return img;
        }
        int tw = Math.max(1, (int) Math.round(w * s));
        int th = Math.max(1, (int) Math.round(h * s));
        double fx = (double) w / tw;
        double fy = (double) h / th;
        BufferedImage img = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        for (int ty = 0; ty < th; ty++) {
            int y0 = (int) Math.floor(ty * fy);
            int y1 = Math.max(y0 + 1, Math.min(h, (int) Math.floor((ty + 1) * fy)));
            for (int tx = 0; tx < tw; tx++) {
                int x0 = (int) Math.floor(tx * fx);
                int x1 = Math.max(x0 + 1, Math.min(w, (int) Math.floor((tx + 1) * fx)));
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += v[y * w + x];
                    }
                }
                img.setRGB(tx, ty, grey((float) (sum / ((y1 - y0) * (x1 - x0)))));
            }
        }
        return img;
    }

    private static int grey(float v) {
        int g = Math.round(255 * Math.max(0, Math.min(1, v)));
        return (g << 16) | (g << 8) | g;
    }

    /** The strip: a title, then each row's label, its panels with captions, and its verdict. */
    public static BufferedImage strip(String title, List<Row> rows) {
        int cols = rows.stream().mapToInt(r -> r.panels().size()).max().orElse(1);
        int rowH = LABEL + BOX + CAPTION + VERDICT;
        int w = PAD + cols * (BOX + GAP);
        int h = 34 + rows.size() * (rowH + PAD) + PAD;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(Style.TITLE);
        g.drawString(title, PAD, 24);
        Font caption = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        Font label = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        int y = 34;
        for (Row r : rows) {
            g.setFont(label);
            g.setColor(Color.BLACK);
            g.drawString(r.label(), PAD, y + 15);
            int top = y + LABEL;
            for (int i = 0; i < r.panels().size(); i++) {
                Panel p = r.panels().get(i);
                int x = PAD + i * (BOX + GAP);
                g.setColor(new Color(235, 235, 235));
                g.fillRect(x, top, BOX, BOX);
                if (p.image() != null) {
                    int iw = p.image().getWidth();
                    int ih = p.image().getHeight();
                    g.drawImage(p.image(), x + (BOX - iw) / 2, top + (BOX - ih) / 2, null);
                }
                g.setColor(new Color(170, 170, 170));
                g.drawRect(x, top, BOX, BOX);
                g.setFont(caption);
                g.setColor(Color.BLACK);
                String[] lines = p.caption().split("\n");
                for (int k = 0; k < lines.length && k < 2; k++) {
                    g.drawString(lines[k], x, top + BOX + 14 + 13 * k);
                }
            }
            g.setFont(label);
            g.setColor(r.wrong() ? WRONG : new Color(20, 110, 40));
            g.drawString(r.verdict(), PAD, top + BOX + CAPTION + 14);
            y += rowH + PAD;
        }
        g.dispose();
        return out;
    }
}
