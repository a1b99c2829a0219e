package dev.embedlab.lab;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The two PNG charts: NDCG@10 vs query embedding throughput (log x), and bytes per document vs NDCG@10. */
public final class LabCharts {

    public static final String QUALITY_VS_SPEED = "ndcg-vs-queries-per-second.png";
    public static final String BYTES_VS_QUALITY = "bytes-per-doc-vs-ndcg.png";

    private LabCharts() {
    }

    /** NDCG@10 on a fixed 0..1 axis with two decimals, so charts of different runs compare at a glance. */
    private static void ndcgAxis(XYChart chart) {
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
    }

    public static List<Path> write(List<LabRow> rows, int threads, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(outDir);
        XYChart speed = new XYChartBuilder().width(900).height(600)
                .title("NDCG@10 vs query embedding throughput (" + threads + " threads)")
                .xAxisTitle("queries/s (log scale)").yAxisTitle("NDCG@10").build();
        speed.getStyler().setXAxisLogarithmic(true);
        speed.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        speed.getStyler().setMarkerSize(12);
        ndcgAxis(speed);
        for (LabRow r : rows) {
            if (!r.isFloat() || r.speed() == null) continue;
            XYSeries s = speed.addSeries(r.embedder(), new double[] {r.speed().queriesPerSecondN()},
                    new double[] {r.evaluation().ndcg10()});
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        XYChart bytes = new XYChartBuilder().width(900).height(600).title("Bytes per document vs NDCG@10")
                .xAxisTitle("bytes per document searched (log scale)").yAxisTitle("NDCG@10").build();
        bytes.getStyler().setXAxisLogarithmic(true);
        bytes.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        bytes.getStyler().setMarkerSize(12);
        ndcgAxis(bytes);
        for (LabRow r : rows) {
            bytes.addSeries(r.embedder() + " " + r.vectors(), new double[] {r.bytesPerDoc()},
                    new double[] {r.evaluation().ndcg10()});
        }
        Path speedFile = outDir.resolve(QUALITY_VS_SPEED);
        Path bytesFile = outDir.resolve(BYTES_VS_QUALITY);
        if (!speed.getSeriesMap().isEmpty()) BitmapEncoder.saveBitmap(speed, speedFile.toString(), BitmapEncoder.BitmapFormat.PNG);
        if (!bytes.getSeriesMap().isEmpty()) BitmapEncoder.saveBitmap(bytes, bytesFile.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(speedFile, bytesFile);
    }
}
