package dev.embedlab.cli;

import dev.embedlab.client.sweep.SweepPlan;
import dev.embedlab.client.sweep.SweepReport;
import dev.embedlab.lab.HnswReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lab's hnsw.csv starts with exactly the columns `embedlab sweep hnsw` writes, so the two line up. */
class HnswCsvColumnsTest {

    @Test
    void labHnswCsvStartsWithTheSweepColumns() {
        String sweepHeader = new SweepReport(new SweepPlan("columns", List.of(), List.of()), Map.of(), Map.of()).csv().lines()
                .findFirst().orElseThrow();
        List<String> sweep = List.of(sweepHeader.split(","));
        assertEquals(sweep, HnswReport.SWEEP_COLUMNS);
        assertEquals(sweep, HnswReport.csvHeader().subList(0, sweep.size()));
    }
}
