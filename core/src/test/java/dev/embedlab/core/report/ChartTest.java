package dev.embedlab.core.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTest {

    @TempDir
    Path dir;

    @Test
    void lineChartIsAnImageOfItsSizeInANewDirectory() throws Exception {
        Path png = dir.resolve("nested/ramp.png");
        Chart.lines("Ramp", "queries/s", "latency (ms)")
                .add(new Chart.Series("average", List.of(100.0, 200.0, 300.0), List.of(4.0, 5.0, 9.0)))
                .add(new Chart.Series("p95", List.of(100.0, 200.0, 300.0), List.of(6.0, 8.0, 20.0)))
                .write(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }

    @Test
    void pointChartOnLogXWithAFixedYRange() throws Exception {
        Path png = dir.resolve("points.png");
        Chart chart = Chart.points("Quality vs speed", "queries/s (log scale)", "NDCG@10").logarithmicX()
                .yRange(0.0, 1.0, "0.00")
                .add(Chart.Series.point("e5-int8", 300.0, 0.61))
                .add(Chart.Series.point("static", 90000.0, 0.48));
        chart.write(png);
        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void emptyAndRepeatedSeriesAreLeftOut() {
        Chart chart = Chart.lines("t", "x", "y").add(new Chart.Series("none", List.of(), List.of()));
        assertTrue(chart.isEmpty(), "a series without points draws nothing");
        chart.add(Chart.Series.point("a", 1, 1)).add(Chart.Series.point("a", 2, 2));
        assertFalse(chart.isEmpty());
    }

    @Test
    void aSeriesWithUnequalXAndYIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Chart.Series("p95", List.of(1.0, 2.0), List.of(1.0)));
        assertEquals("series 'p95' has 2 x and 1 y values", e.getMessage());
    }
}
