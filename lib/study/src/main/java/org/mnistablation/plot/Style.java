package org.mnistablation.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** One look for every chart: white background, light grid, a colour-blind-safe palette, no tooltips. */
final class Style {

    /** Okabe–Ito palette. */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)};
    static final BasicStroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[]{6f, 4f}, 0f);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Style() {
    }

    /**
     * True when category labels set side by side would overlap on a chart {@code width} pixels wide (about 7 pixels
     * per character of the tick font): such labels are drawn slanted.
     */
    static boolean crowded(java.util.Collection<String> labels, int width) {
        int perLabel = (int) (0.85 * width / Math.max(1, labels.size()));
        return labels.stream().anyMatch(l -> 7 * l.length() > perLabel);
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static void apply(AxesChartStyler s) {
        s.setToolTipsEnabled(false); // tooltips make BitmapEncoder throw in XChart 3.7–3.8 (XChart#862)
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(200, 200, 200));
        s.setPlotGridLinesColor(new Color(232, 232, 232));
        s.setChartTitleFont(TITLE);
        s.setAxisTitleFont(AXIS);
        s.setAxisTickLabelsFont(TICKS);
        s.setLegendFont(LEGEND);
        s.setLegendBorderColor(new Color(220, 220, 220));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleBoxVisible(false);
        s.setSeriesColors(PALETTE);
        s.setChartPadding(10);
        s.setLocale(java.util.Locale.ROOT);
    }
}
