package dev.embedlab.client.fbench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PNG line charts with XChart, rendered headless (no display on servers and CI). */
public final class LineChart {

    /** One line: x and y values of equal length, optional point labels are not drawn. */
    public record Series(String name, List<Double> x, List<Double> y) {
    }

    private LineChart() {
    }

    public static void write(String title, String xLabel, String yLabel, List<Series> series, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(7);
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Series s : series) {
            if (s.x().isEmpty() || seen.put(s.name(), true) != null) continue;
            chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
