package org.mnistablation.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Bar charts (one value per setting, optionally with error bars) and overlaid histograms. */
public final class Bars {

    private Bars() {
    }

    /** One bar per entry. */
    public static BufferedImage bar(String title, String yTitle, Map<String, Double> values) {
        return barWithErrors(title, yTitle, values, null);
    }

    /** One bar per entry with ±{@code errors} (e.g. the standard deviation over seeds); errors may be null. */
    public static BufferedImage barWithErrors(String title, String yTitle, Map<String, Double> values, Map<String, Double> errors) {
        return barWithErrors(title, yTitle, values, errors, Double.NaN, Double.NaN);
    }

    /**
     * One bar per entry with ±{@code errors}, on a y-axis from {@code yMin} to {@code yMax} as given (the caller states
     * the range); NaN limits fall back to the automatic axis.
     */
    public static BufferedImage barWithErrors(String title, String yTitle, Map<String, Double> values, Map<String, Double> errors,
                                              double yMin, double yMax) {
        int width = Math.max(720, 70 * values.size());
        CategoryChart c = new CategoryChartBuilder().width(width).height(values.size() > 8 ? 520 : 380).title(title).yAxisTitle(yTitle).build();
        Style.apply(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(Style.TICKS);
        c.getStyler().setYAxisDecimalPattern("0.####");
        if (values.size() > 8) {
            c.getStyler().setXAxisLabelRotation(50);
            c.getStyler().setLabelsVisible(false);
        } else if (Style.crowded(values.keySet(), width)) {
            c.getStyler().setXAxisLabelRotation(20);
        }
        List<String> names = new ArrayList<>(values.keySet());
        List<Double> v = new ArrayList<>(values.values());
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (!Double.isNaN(yMin) && !Double.isNaN(yMax)) {
            c.getStyler().setYAxisMin(yMin);
            c.getStyler().setYAxisMax(yMax);
        } else if (min > 0 && (max - min) < 0.2 * max) {
            // small differences between large values: do not start the axis at 0, or every bar looks equal
            double pad = Math.max((max - min) * 0.6, max * 0.002);
            c.getStyler().setYAxisMin(min - pad);
            c.getStyler().setYAxisMax(max + pad);
        }
        CategorySeries s;
        if (errors != null) {
            List<Double> e = new ArrayList<>();
            for (String n : names) {
                e.add(errors.getOrDefault(n, 0.0));
            }
            s = c.addSeries(yTitle, names, v, e);
        } else {
            s = c.addSeries(yTitle, names, v);
        }
        s.setFillColor(Style.color(0));
        return BitmapEncoder.getBufferedImage(c);
    }

    /**
     * Overlaid histograms (outlines with translucent fill) of several samples on one value axis. The axis spans
     * ±(99.9th percentile of |value| over all samples) so a few extreme values do not squeeze the bulk; the share of
     * values outside is left out of the bins (the title says how many).
     */
    public static BufferedImage histogram(String title, String xTitle, Map<String, float[]> samples, int bins) {
        int total = 0;
        for (float[] s : samples.values()) {
            total += s.length;
        }
        float[] abs = new float[total];
        int k = 0;
        for (float[] s : samples.values()) {
            for (float f : s) {
                abs[k++] = Math.abs(f);
            }
        }
        java.util.Arrays.sort(abs);
        double hi = abs[Math.min(abs.length - 1, (int) Math.floor(0.999 * (abs.length - 1)))];
        double lo = -hi;
        XYChart c = Curves.chart(title + " (axis: ±99.9th percentile of |w|)", "share of weights", 900, 420);
        c.setXAxisTitle(xTitle);
        c.getStyler().setXAxisDecimalPattern("0.00");
        c.getStyler().setYAxisDecimalPattern("0.###");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        int i = 0;
        for (Map.Entry<String, float[]> e : samples.entrySet()) {
            List<Double> data = new ArrayList<>(e.getValue().length);
            for (float f : e.getValue()) {
                if (f >= lo && f <= hi) {
                    data.add((double) f);
                }
            }
            Histogram h = new Histogram(data, bins, lo, hi);
            double[] x = h.getxAxisData().stream().mapToDouble(Double::doubleValue).toArray();
            int n = e.getValue().length;
            double[] y = h.getyAxisData().stream().mapToDouble(d -> d / n).toArray();
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            s.setFillColor(Style.translucent(Style.color(i), 70));
            s.setLineColor(Style.color(i));
            s.setLineStyle(Style.SOLID);
            s.setMarker(SeriesMarkers.NONE);
            i++;
        }
        return Curves.image(c);
    }
}
