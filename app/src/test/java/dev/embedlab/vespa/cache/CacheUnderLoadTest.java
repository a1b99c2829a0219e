package dev.embedlab.vespa.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.yahoo.application.Application;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import dev.embedlab.vespa.testing.E5Reference;
import dev.embedlab.vespa.testing.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.embedlab.vespa.cache.EchoClient.NEAREST_NEIGHBOR;
import static dev.embedlab.vespa.cache.EchoClient.TEXT;
import static dev.embedlab.vespa.cache.E5Embedders.FLOAT_384;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 16 threads send 1,000 distinct texts (each once, plus 1,000 requests for 50 of them, shuffled) through the
 * real SearchHandler to a cache of 100 entries: every answer is the model's embedding of its own text, and the
 * cache keeps to its bounds.
 */
class CacheUnderLoadTest {

    private static final int THREADS = 16;
    private static final int TEXTS = 1000;
    private static final int HOT_TEXTS = 50;
    private static final long MAX_ENTRIES = 100;
    private static final long MAX_BYTES = 1 << 20;

    private static Application app;
    private static EchoClient client;
    private static CountingEmbedder e5;
    private static QueryEmbeddingCache cache;

    @BeforeAll
    static void start() {
        app = TestApplication.start(CacheTestPackage.countCallsTo("e5"),
                                    CacheTestPackage.cacheLimits(MAX_ENTRIES, MAX_BYTES));
        e5 = (CountingEmbedder) app.getJDisc("default").components().getComponent("e5");
        cache = (QueryEmbeddingCache) app.getJDisc("default").components().getComponent(CacheTestPackage.CACHE_ID);
        client = new EchoClient(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void sixteenThreadsOverAHundredEntriesGetOnlyCorrectTensors() throws Exception {
        assertEquals(MAX_ENTRIES, cache.maxEntries());
        // Every text once, and as many requests again for a hot set of 50: evictions and hits under contention.
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++)
            requests.add("question " + i + ": where does river " + (i * 7919 % 1000) + " meet the sea?");
        Random random = new Random(42);
        for (int i = 0; i < TEXTS; i++) requests.add(requests.get(random.nextInt(HOT_TEXTS)));
        Collections.shuffle(requests, random);

        Map<String, float[]> answers = new ConcurrentHashMap<>();
        AtomicLong mismatchedRepeats = new AtomicLong();
        AtomicLong largestSeenEntries = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                largestSeenEntries.accumulateAndGet(cache.entries(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long callsBefore = e5.calls();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        sampler.start();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = thread; i < requests.size(); i += THREADS) {
                        String text = requests.get(i);
                        JsonNode echoed = EchoClient.echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5",
                                                                              "timeout", "120s"));
                        float[] vector = EchoClient.cells(echoed, "query(q_e5)");
                        float[] earlier = answers.putIfAbsent(text, vector);
                        if (earlier != null && ! java.util.Arrays.equals(earlier, vector)) mismatchedRepeats.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) future.get(10, TimeUnit.MINUTES);
        } finally {
            running.set(false);
            sampler.join();
            pool.shutdownNow();
        }
        long calls = e5.calls() - callsBefore;

        assertEquals(TEXTS, answers.size());
        assertEquals(0, mismatchedRepeats.get());
        // Every answer is what the model itself says for that text.
        for (Map.Entry<String, float[]> answer : answers.entrySet()) {
            Tensor expected = e5.inner().embed(answer.getKey(), new Embedder.Context("query(q_e5)"), FLOAT_384);
            assertArrayEquals(E5Reference.values(expected), answer.getValue(), answer.getKey());
        }

        cache.cleanUp();
        assertTrue(cache.entries() <= MAX_ENTRIES, cache.entries() + " entries");
        assertTrue(cache.weightedBytes() <= MAX_BYTES, cache.weightedBytes() + " bytes");
        // Caffeine evicts right after each write; between a write and its eviction a thread may see one more.
        assertTrue(largestSeenEntries.get() <= MAX_ENTRIES + THREADS, largestSeenEntries.get() + " entries seen");
        assertTrue(calls >= TEXTS && calls < 2L * TEXTS, calls + " model calls for " + 2 * TEXTS + " requests of " + TEXTS + " texts");
    }
}
