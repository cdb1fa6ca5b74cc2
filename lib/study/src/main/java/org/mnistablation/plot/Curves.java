package org.mnistablation.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mnistablation.train.EpochStats;
import org.mnistablation.train.History;

/** Training curves: the seed study's two-panel loss/accuracy figure and overlays of several runs. */
public final class Curves {

    private static final int PANEL_W = 520;
    private static final int PANEL_H = 380;

    private Curves() {
    }

    /** Loss (train vs validation) and accuracy (train vs validation) of one run, side by side. */
    public static BufferedImage lossAccuracy(String title, History h) {
        XYChart loss = chart(title + " — loss", "loss");
        XYChart acc = chart(title + " — accuracy", "accuracy");
        line(loss, "train loss", h, EpochStats::loss, 0, false);
        line(acc, "train accuracy", h, EpochStats::accuracy, 0, false);
        if (!Double.isNaN(h.last().valLoss())) { // a fit without validation data has no validation curves
            line(loss, "val loss", h, EpochStats::valLoss, 1, false);
            line(acc, "val accuracy", h, EpochStats::valAccuracy, 1, false);
            markBest(loss, h);
        }
        return Panels.sideBySide(image(loss), image(acc));
    }

    /**
     * Several runs overlaid: validation loss and validation accuracy (solid), training loss/accuracy dashed in the
     * same colour.
     */
    public static BufferedImage compare(String title, Map<String, History> runs) {
        XYChart loss = chart(title + " — loss", "loss (dashed: train)");
        XYChart acc = chart(title + " — accuracy", "accuracy (dashed: train)");
        int i = 0;
        for (Map.Entry<String, History> e : runs.entrySet()) {
            line(loss, e.getKey(), e.getValue(), EpochStats::valLoss, i, false);
            line(loss, e.getKey() + " (train)", e.getValue(), EpochStats::loss, i, true);
            line(acc, e.getKey(), e.getValue(), EpochStats::valAccuracy, i, false);
            line(acc, e.getKey() + " (train)", e.getValue(), EpochStats::accuracy, i, true);
            i++;
        }
        return Panels.sideBySide(image(loss), image(acc));
    }

    /**
     * Mean validation loss and accuracy per epoch over several seeds, with error bars of ±1 sample standard
     * deviation (epochs that not every seed reached are left out).
     */
    public static BufferedImage compareSeeds(String title, Map<String, List<History>> runs) {
        XYChart loss = chart(title + " — val loss, mean ± std", "val loss");
        XYChart acc = chart(title + " — val accuracy, mean ± std", "val accuracy");
        int i = 0;
        for (Map.Entry<String, List<History>> e : runs.entrySet()) {
            band(loss, e.getKey(), e.getValue(), EpochStats::valLoss, i);
            band(acc, e.getKey(), e.getValue(), EpochStats::valAccuracy, i);
            i++;
        }
        return Panels.sideBySide(image(loss), image(acc));
    }

    static XYChart chart(String title, String yTitle) {
        return chart(title, yTitle, PANEL_W, PANEL_H);
    }

    static XYChart chart(String title, String yTitle, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        Style.apply(c.getStyler());
        c.getStyler().setMarkerSize(5);
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setYAxisDecimalPattern("0.0##");
        // loss falls, accuracy rises: keep the legend in the corner the curves leave free
        c.getStyler().setLegendPosition(yTitle.contains("accuracy") ? org.knowm.xchart.style.Styler.LegendPosition.InsideSE
                : org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return c;
    }

    private static void line(XYChart c, String name, History h, ToDoubleFunction<EpochStats> f, int colour, boolean dashed) {
        double[] x = new double[h.epochsRun()];
        double[] y = new double[h.epochsRun()];
        for (int k = 0; k < x.length; k++) {
            x[k] = h.epochs().get(k).epoch();
            y[k] = f.applyAsDouble(h.epochs().get(k));
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(Style.color(colour));
        s.setMarkerColor(Style.color(colour));
        s.setLineStyle(dashed ? Style.DASHED : Style.SOLID);
        s.setMarker(dashed ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        if (dashed) {
            s.setShowInLegend(false);
        }
    }

    private static void markBest(XYChart c, History h) {
        if (h.restoredBest() || h.stoppedEarly()) {
            XYSeries s = c.addSeries("best epoch (" + h.bestEpoch() + ")", new double[]{h.bestEpoch()},
                    new double[]{h.best().valLoss()});
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(java.awt.Color.BLACK);
            s.setLineColor(java.awt.Color.BLACK);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
    }

    private static void band(XYChart c, String name, List<History> runs, ToDoubleFunction<EpochStats> f, int colour) {
        int epochs = runs.stream().mapToInt(History::epochsRun).min().orElse(0);
        double[] x = new double[epochs];
        double[] mean = new double[epochs];
        double[] std = new double[epochs];
        for (int k = 0; k < epochs; k++) {
            double sum = 0;
            for (History h : runs) {
                sum += f.applyAsDouble(h.epochs().get(k));
            }
            double m = sum / runs.size();
            double ss = 0;
            for (History h : runs) {
                double d = f.applyAsDouble(h.epochs().get(k)) - m;
                ss += d * d;
            }
            x[k] = k + 1;
            mean[k] = m;
            std[k] = runs.size() > 1 ? Math.sqrt(ss / (runs.size() - 1)) : 0;
        }
        XYSeries s = c.addSeries(name + (runs.size() > 1 ? " (" + runs.size() + " seeds)" : ""), x, mean, std);
        s.setLineColor(Style.color(colour));
        s.setMarkerColor(Style.color(colour));
        s.setLineStyle(Style.SOLID);
        s.setMarker(SeriesMarkers.CIRCLE);
        c.getStyler().setErrorBarsColorSeriesColor(true);
    }

    static BufferedImage image(XYChart c) {
        return BitmapEncoder.getBufferedImage(c);
    }
}
