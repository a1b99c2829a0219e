package dev.embedlab.cli;

import dev.embedlab.client.sweep.SweepPlan;
import dev.embedlab.client.sweep.SweepReport;
import dev.embedlab.lab.HnswReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lab's hnsw.csv starts with exactly the columns `embedlab sweep hnsw` starts with, so the two line up; the
 * sweep's last columns describe its fbench requests (embedding form, kind, fbench CPU), which the lab has none of.
 */
class HnswCsvColumnsTest {

    private static final List<String> SWEEP_ONLY = List.of("embedding", "kind", "fbench_cpu_s");

    @Test
    void labHnswCsvStartsWithTheSweepColumns() {
        String sweepHeader = new SweepReport(new SweepPlan("columns", List.of(), List.of()), Map.of(), Map.of(), null).csv()
                .lines().findFirst().orElseThrow();
        List<String> sweep = List.of(sweepHeader.split(","));
        List<String> shared = sweep.subList(0, sweep.size() - SWEEP_ONLY.size());
        assertEquals(SWEEP_ONLY, sweep.subList(shared.size(), sweep.size()));
        assertEquals(shared, HnswReport.SWEEP_COLUMNS);
        assertEquals(shared, HnswReport.csvHeader().subList(0, shared.size()));
    }
}
