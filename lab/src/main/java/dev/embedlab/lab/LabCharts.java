package dev.embedlab.lab;

import dev.embedlab.core.report.Chart;

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

    public static List<Path> write(List<LabRow> rows, int threads, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Chart speed = ndcgChart("NDCG@10 vs query embedding throughput (" + threads + " threads)", "queries/s (log scale)");
        for (LabRow r : rows) {
            if (!r.isFloat() || r.speed() == null) continue;
            speed.add(Chart.Series.point(r.embedder(), r.speed().queriesPerSecondN(), r.evaluation().ndcg10()));
        }
        Chart bytes = ndcgChart("Bytes per document vs NDCG@10", "bytes per document searched (log scale)");
        for (LabRow r : rows) {
            bytes.add(Chart.Series.point(r.embedder() + " " + r.vectors(), r.bytesPerDoc(), r.evaluation().ndcg10()));
        }
        Path speedFile = outDir.resolve(QUALITY_VS_SPEED);
        Path bytesFile = outDir.resolve(BYTES_VS_QUALITY);
        if (!speed.isEmpty()) speed.write(speedFile);
        if (!bytes.isEmpty()) bytes.write(bytesFile);
        return List.of(speedFile, bytesFile);
    }

    /** NDCG@10 on a fixed 0..1 axis with two decimals, so charts of different runs compare at a glance. */
    private static Chart ndcgChart(String title, String xLabel) {
        return Chart.points(title, xLabel, "NDCG@10").logarithmicX().yRange(0.0, 1.0, "0.00");
    }
}
