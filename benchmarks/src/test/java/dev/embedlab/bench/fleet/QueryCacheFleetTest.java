package dev.embedlab.bench.fleet;

import com.yahoo.language.process.Embedder;
import dev.embedlab.bench.E5Embedder;
import dev.embedlab.bench.cache.ZipfStream;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.data.Topics;
import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet replay against counts worked out independently from the stream: with caches that never evict, a
 * container calls the model once per distinct text it is sent, and no more.
 */
class QueryCacheFleetTest {

    private static final long BIG = 50_000;
    private static final long BYTES = 64L << 20;

    private static Embedder e5;
    private static List<String> stream;

    @BeforeAll
    static void realModelAndQueries() throws Exception {
        TestData.e5SmallV2();  // skips (or fails under embedlab.requireTestData) without the model
        List<String> texts = Topics.read(TestData.miracl("topics.miracl-v1.0-yo-dev.tsv")).topics().stream()
                .map(Topic::text).limit(40).toList();
        stream = ZipfStream.of(texts, 600, 1.0, 7);
        e5 = new OncePerTextEmbedder(E5Embedder.e5SmallV2("e5-small-v2-q.onnx"));
    }

    @Test
    void oneContainerCallsTheModelOncePerDistinctText() {
        FleetResult result = new QueryCacheFleet(e5, BIG, BYTES).replay(stream, 1, Routing.ROUND_ROBIN, 1);
        assertEquals(ZipfStream.distinct(stream), result.modelCalls());
        assertEquals(stream.size() - result.modelCalls(), result.callsSaved());
    }

    @Test
    void roundRobinContainersEachPayForEveryTextTheySee() {
        for (int containers : new int[] { 2, 4, 8 }) {
            long expected = 0;
            for (int c = 0; c < containers; c++) {
                Set<String> seen = new HashSet<>();
                for (int i = c; i < stream.size(); i += containers) seen.add(stream.get(i));
                expected += seen.size();
            }
            FleetResult result = new QueryCacheFleet(e5, BIG, BYTES).replay(stream, containers, Routing.ROUND_ROBIN, 1);
            assertEquals(expected, result.modelCalls(), containers + " containers");
        }
    }

    @Test
    void textAffinityRoutingCostsNoMoreThanOneSharedCache() {
        for (int containers : new int[] { 2, 4, 8 })
            assertEquals(ZipfStream.distinct(stream),
                         new QueryCacheFleet(e5, BIG, BYTES).replay(stream, containers, Routing.TEXT_AFFINITY, 1).modelCalls());
    }

    @Test
    void randomRoutingIsRepeatableAndCostsMoreThanOneCache() {
        QueryCacheFleet fleet = new QueryCacheFleet(e5, BIG, BYTES);
        FleetResult first = fleet.replay(stream, 4, Routing.RANDOM, 3);
        assertEquals(first, fleet.replay(stream, 4, Routing.RANDOM, 3));
        assertTrue(first.modelCalls() > ZipfStream.distinct(stream), first.toString());
        assertTrue(first.modelCalls() <= 4L * ZipfStream.distinct(stream), first.toString());
    }

    @Test
    void aCacheSmallerThanTheTextsEvictsAndAffinityPoolsTheCapacity() {
        long distinct = ZipfStream.distinct(stream);
        long small = distinct / 4;
        FleetResult one = new QueryCacheFleet(e5, small, BYTES).replay(stream, 1, Routing.ROUND_ROBIN, 1);
        assertTrue(one.modelCalls() > distinct, "evictions cost calls again: " + one);
        FleetResult pooled = new QueryCacheFleet(e5, small, BYTES).replay(stream, 4, Routing.TEXT_AFFINITY, 1);
        assertTrue(pooled.modelCalls() < one.modelCalls(), "4 caches by text hold more than one: " + pooled + " vs " + one);
    }

    @Test
    void tableHasARowPerCacheSizeAndContainerCount() {
        var options = CacheFleetSimulation.Options.parse(new String[] { "--containers", "1,2", "--entries", "50000,10" });
        List<FleetResult> results = CacheFleetSimulation.simulate(e5, stream, options);
        assertEquals(2 * 2 * Routing.values().length, results.size());
        String table = CacheFleetSimulation.table(results);
        assertEquals(2 + 4, table.lines().count(), table);
        assertTrue(table.lines().anyMatch(line -> line.startsWith("| 10 | 2 |")), table);
        assertThrows(IllegalArgumentException.class, () -> CacheFleetSimulation.Options.parse(new String[] { "--bogus", "1" }));
    }
}
