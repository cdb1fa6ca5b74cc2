package org.mnistablation.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of per-seed values with their seed intervals: lines of a quantity against a size (one line per setting, the
 * mean over seeds with its 95 % t-interval as error bars), ranked distributions, and grouped bars. Each series is a
 * {@link Band}: the means and half-widths computed by the caller.
 */
public final class IntervalCharts {

    /** One series: {@code mean[i] ± halfWidth[i]} at point i ({@code halfWidth} NaN or 0 draws no bar). */
    public record Band(double[] mean, double[] halfWidth, int seeds) {

        public Band {
            mean = mean.clone();
            halfWidth = halfWidth.clone();
            if (mean.length != halfWidth.length) {
                throw new IllegalArgumentException(mean.length + " means but " + halfWidth.length + " half-widths");
            }
        }
    }

    private static final int W = 620;
    private static final int H = 420;

    private IntervalCharts() {
    }

    /**
     * One line per setting over the shared {@code x} values, markers at the means, error bars at ± the half-widths;
     * {@code logX}/{@code logY} for log axes.
     */
    public static BufferedImage lines(String title, String xTitle, String yTitle, double[] x, Map<String, Band> bands,
                                      boolean logX, boolean logY) {
        XYChart c = xy(title, xTitle, yTitle, logX, logY);
        addBands(c, x, bands, logY);
        return BitmapEncoder.getBufferedImage(c);
    }

    /**
     * {@link #lines} on log–log axes with a dashed reference line x^power through the first setting's first point
     * (e.g. power −1 for a variance that falls as 1/B).
     */
    public static BufferedImage linesWithPowerLaw(String title, String xTitle, String yTitle, double[] x,
                                                  Map<String, Band> bands, double power, String referenceName) {
        XYChart c = xy(title, xTitle, yTitle, true, true);
        addBands(c, x, bands, true);
        if (!bands.isEmpty()) {
            double first = bands.values().iterator().next().mean()[0];
            double[] ref = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                ref[k] = first * Math.pow(x[k] / x[0], power);
            }
            XYSeries r = c.addSeries(referenceName, x, ref);
            r.setLineColor(java.awt.Color.GRAY);
            r.setLineStyle(Style.DASHED);
            r.setMarker(SeriesMarkers.NONE);
        }
        return BitmapEncoder.getBufferedImage(c);
    }

    private static XYChart xy(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Style.apply(c.getStyler());
        c.getStyler().setMarkerSize(6);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setYAxisDecimalPattern(logY ? "0.###E0" : "0.0###");
        c.getStyler().setXAxisDecimalPattern(logX ? "0" : "0.##");
        c.getStyler().setErrorBarsColorSeriesColor(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return c;
    }

    private static void addBands(XYChart c, double[] x, Map<String, Band> bands, boolean logY) {
        int legendChars = bands.entrySet().stream().mapToInt(e -> label(e.getKey(), e.getValue().seeds()).length() + 6).sum();
        if (7 * legendChars > 0.9 * W) {  // one row would run off the chart: one entry per line
            c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        int i = 0;
        for (Map.Entry<String, Band> e : bands.entrySet()) {
            Band b = e.getValue();
            double[] err = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                double h = Double.isFinite(b.halfWidth()[k]) ? b.halfWidth()[k] : 0;
                // a log axis cannot show a bar reaching 0 or below: cut it just above 0
                err[k] = logY ? Math.min(h, 0.99 * b.mean()[k]) : h;
            }
            XYSeries s = c.addSeries(label(e.getKey(), b.seeds()), x, b.mean(), err);
            s.setLineColor(Style.color(i));
            s.setMarkerColor(Style.color(i));
            s.setLineStyle(Style.SOLID);
            s.setMarker(SeriesMarkers.CIRCLE);
            i++;
        }
    }

    /**
     * A distribution per setting as a ranked curve: point k is the mean over seeds of each seed's k-th largest value
     * (e.g. the accuracy lost without each hidden unit, largest first); a flat curve means evenly spread values.
     */
    public static BufferedImage ranked(String title, String yTitle, Map<String, double[][]> valuesPerSeed) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle("rank (largest first)")
                .yAxisTitle(yTitle).build();
        Style.apply(c.getStyler());
        c.getStyler().setYAxisDecimalPattern("0.0##");
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        int i = 0;
        for (Map.Entry<String, double[][]> e : valuesPerSeed.entrySet()) {
            double[][] seeds = e.getValue();
            int n = Arrays.stream(seeds).mapToInt(s -> s.length).min().orElse(0);
            double[] mean = new double[n];
            for (double[] s : seeds) {
                double[] sorted = s.clone();
                Arrays.sort(sorted);
                for (int k = 0; k < n; k++) {
                    mean[k] += sorted[sorted.length - 1 - k] / seeds.length;
                }
            }
            double[] rank = new double[n];
            Arrays.setAll(rank, k -> k + 1);
            XYSeries s = c.addSeries(label(e.getKey(), seeds.length), rank, mean);
            s.setLineColor(Style.color(i));
            s.setLineStyle(Style.SOLID);
            s.setMarker(SeriesMarkers.NONE);
            i++;
        }
        return BitmapEncoder.getBufferedImage(c);
    }

    /**
     * Grouped bars: for each category (a setting) one bar per group (e.g. "initial", "kept"), each with its error bar.
     */
    public static BufferedImage groupedBars(String title, String yTitle, List<String> categories,
                                            Map<String, Band> groups) {
        int width = Math.max(W, 90 * categories.size());
        CategoryChart c = new CategoryChartBuilder().width(width).height(H).title(title).yAxisTitle(yTitle).build();
        Style.apply(c.getStyler());
        if (Style.crowded(categories, width)) {
            c.getStyler().setXAxisLabelRotation(20);
        }
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setYAxisDecimalPattern("0.0###");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
        int i = 0;
        for (Map.Entry<String, Band> e : groups.entrySet()) {
            List<Double> v = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (int k = 0; k < categories.size(); k++) {
                v.add(e.getValue().mean()[k]);
                double h = e.getValue().halfWidth()[k];
                err.add(Double.isFinite(h) ? h : 0);
            }
            CategorySeries s = c.addSeries(e.getKey(), categories, v, err);
            s.setFillColor(Style.color(i));
            i++;
        }
        return BitmapEncoder.getBufferedImage(c);
    }

    private static String label(String name, int seeds) {
        return seeds > 1 ? name + " (" + seeds + " seeds)" : name;
    }
}
