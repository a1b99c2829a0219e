package dev.embedlab.core.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A PNG chart of named x/y series with XChart, rendered headless (no display on servers and CI): lines with
 * markers for ramps and sweeps, or points alone for one-point-per-series comparisons.
 */
public final class Chart {

    /** One series: x and y values of equal length. */
    public record Series(String name, List<Double> x, List<Double> y) {

        public Series {
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.size() + " x and " + y.size() + " y values");
            }
        }

        public static Series point(String name, double x, double y) {
            return new Series(name, List.of(x), List.of(y));
        }
    }

    private final XYChart chart;
    private final boolean circles;

    private Chart(int width, int height, String title, String xLabel, String yLabel, XYSeries.XYSeriesRenderStyle style,
                  int markerSize, boolean circles) {
        this.circles = circles;
        System.setProperty("java.awt.headless", "true");
        chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(style);
        chart.getStyler().setMarkerSize(markerSize);
    }

    /** 800 x 500, series drawn as lines through circles. */
    public static Chart lines(String title, String xLabel, String yLabel) {
        return new Chart(800, 500, title, xLabel, yLabel, XYSeries.XYSeriesRenderStyle.Line, 7, true);
    }

    /**
     * 900 x 600, series drawn as large markers without lines, each series its own marker shape and colour: a
     * comparison of many one-point series needs both to tell them apart.
     */
    public static Chart points(String title, String xLabel, String yLabel) {
        return new Chart(900, 600, title, xLabel, yLabel, XYSeries.XYSeriesRenderStyle.Scatter, 12, false);
    }

    public Chart logarithmicX() {
        chart.getStyler().setXAxisLogarithmic(true);
        return this;
    }

    /** A fixed y range, so charts of different runs compare at a glance. */
    public Chart yRange(double min, double max, String decimalPattern) {
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max);
        chart.getStyler().setYAxisDecimalPattern(decimalPattern);
        return this;
    }

    /** Adds a series; one without points, or named like one already added, is left out (XChart refuses both). */
    public Chart add(Series series) {
        if (series.x().isEmpty() || chart.getSeriesMap().containsKey(series.name())) return this;
        XYSeries added = chart.addSeries(series.name(), series.x(), series.y());
        if (circles) added.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    public Chart addAll(List<Series> series) {
        series.forEach(this::add);
        return this;
    }

    public boolean isEmpty() {
        return chart.getSeriesMap().isEmpty();
    }

    /** Writes the PNG, creating its directory. */
    public void write(Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
