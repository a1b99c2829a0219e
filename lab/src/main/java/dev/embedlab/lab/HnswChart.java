package dev.embedlab.lab;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per embedder, NDCG@10 against search queries/s on all threads (log x), as ann-benchmarks draws quality against
 * speed: one line per index setting and targetHits through its exploreAdditionalHits values, and exact search as
 * one point. The y axis fits the data: the settings differ by hundredths.
 */
public final class HnswChart {

    private HnswChart() {
    }

    public static String fileName(String embedder) {
        return "hnsw-ndcg-vs-qps-" + embedder.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

    public static List<Path> write(List<HnswRow> rows, List<LabRow> exact, int threads, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (LabRow e : exact) {
            if (!e.isFloat()) continue;
            List<HnswRow> mine = rows.stream().filter(r -> r.embedder().equals(e.embedder())).toList();
            if (mine.isEmpty()) continue;
            XYChart chart = new XYChartBuilder().width(900).height(600)
                    .title(e.embedder() + ": NDCG@10 vs search throughput (" + threads + " threads)")
                    .xAxisTitle("search queries/s (log scale)").yAxisTitle("NDCG@10").build();
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setMarkerSize(9);
            chart.getStyler().setYAxisDecimalPattern("0.000");
            Map<String, List<HnswRow>> lines = new LinkedHashMap<>();
            for (HnswRow r : mine) {
                lines.computeIfAbsent(r.params().label() + " targetHits " + r.targetHits(), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<HnswRow>> line : lines.entrySet()) {
                List<HnswRow> points = line.getValue();
                double[] x = points.stream().mapToDouble(r -> r.latency().qpsN()).toArray();
                double[] y = points.stream().mapToDouble(r -> r.evaluation().ndcg10()).toArray();
                XYSeries series = chart.addSeries("HNSW " + line.getKey() + " (explore "
                        + points.stream().map(r -> Integer.toString(r.explore())).reduce((a, b) -> a + "/" + b).orElse("") + ")", x, y);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            }
            XYSeries exactPoint = chart.addSeries("exact", new double[] {e.searchQpsN()}, new double[] {e.evaluation().ndcg10()});
            exactPoint.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            exactPoint.setMarker(SeriesMarkers.DIAMOND);
            Path file = outDir.resolve(fileName(e.embedder()));
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }
}
