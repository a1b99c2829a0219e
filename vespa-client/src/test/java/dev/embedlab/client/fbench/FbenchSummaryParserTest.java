package dev.embedlab.client.fbench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser on summaries in vespa-fbench's exact printf layout (src/test/resources/fbench/README.md). */
class FbenchSummaryParserTest {

    static String fixture(String name) throws Exception {
        return Files.readString(Path.of(FbenchSummaryParserTest.class.getResource("/fbench/" + name).toURI()));
    }

    @Test
    void readsACleanRun() throws Exception {
        FbenchSummary s = FbenchSummaryParser.parse(fixture("ramp-c1.txt"));
        assertEquals(1, s.clients());
        assertEquals(30, s.seconds());
        assertEquals(0, s.failedRequests());
        assertEquals(7512, s.successfulRequests());
        assertEquals(3.99, s.averageMillis(), 0);
        assertEquals(2.10, s.minMillis(), 0);
        assertEquals(41.37, s.maxMillis(), 0);
        assertEquals(5.60, s.p95(), 0);
        assertEquals(8.10, s.p99(), 0);
        assertEquals(14.60, s.percentile(99.9), 0);
        assertEquals(12, s.percentiles().size());
        assertEquals(250.39, s.queriesPerSecond(), 0);
        assertEquals(99.61, s.utilization(), 0);
        assertEquals(Map.of(200, 7512L), s.statusCounts());
        assertFalse(s.flagged());
        assertEquals("", s.flagReason());
    }

    @Test
    void readsARunWithFailuresNon200AnswersAndADiscardedClient() throws Exception {
        FbenchSummary s = FbenchSummaryParser.parse(fixture("failures-c16.txt"));
        assertEquals(16, s.clients());
        assertEquals(60, s.seconds());
        assertEquals(2, s.skippedRequests());
        assertEquals(37, s.failedRequests());
        assertEquals(9120, s.successfulRequests());
        assertEquals(12034.10, s.maxMillis(), 0);
        assertEquals(105.77, s.averageMillis(), 0);
        assertEquals(410.60, s.p95(), 0);
        assertEquals(11230.00, s.percentile(99.9), 0);
        assertEquals(List.of(99.9), s.approximatePercentiles());
        assertEquals(151.83, s.queriesPerSecond(), 0);
        assertEquals(12, s.zeroHitQueries());
        assertEquals(new TreeMap<>(Map.of(200, 9000L, 400, 120L, 503, 37L)), s.statusCounts());
        assertEquals(157, s.non200());
        assertEquals(List.of("Client 3: connection refused => discarding client results."), s.discardedClients());
        assertTrue(s.flagged());
        assertEquals("37 failed requests; 157 non-200 answers (400 x 120, 503 x 37) counted as successful by fbench; "
                + "1 client(s) discarded", s.flagReason());
    }

    @Test
    void aSuccessfulLookingRunWithOnlyNon200AnswersIsFlagged() throws Exception {
        String text = fixture("ramp-c1.txt").replace("       200 :     7512 ", "       400 :     7512 ");
        FbenchSummary s = FbenchSummaryParser.parse(text);
        assertEquals(0, s.failedRequests());
        assertTrue(s.flagged(), "fbench calls these successful");
        assertEquals(7512, s.non200());
    }

    @Test
    void missingPiecesAreNamed() throws Exception {
        Exception noBanner = assertThrows(IllegalArgumentException.class,
                () -> FbenchSummaryParser.parse("could not load file: 'q.txt'\n"));
        assertTrue(noBanner.getMessage().contains("no vespa-fbench summary"), noBanner.getMessage());
        String noRate = fixture("ramp-c1.txt").replaceAll("(?m)^actual query rate:.*$", "");
        Exception missing = assertThrows(IllegalArgumentException.class, () -> FbenchSummaryParser.parse(noRate));
        assertEquals("vespa-fbench summary has no 'actual query rate:' line", missing.getMessage());
    }
}
