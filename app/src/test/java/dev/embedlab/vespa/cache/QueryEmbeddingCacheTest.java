package dev.embedlab.vespa.cache;

import ai.vespa.embedding.HuggingFaceEmbedder;
import com.yahoo.component.ComponentId;
import com.yahoo.component.provider.ComponentRegistry;
import com.yahoo.language.Language;
import com.yahoo.language.process.Embedder;
import com.yahoo.language.process.InvocationContext;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;
import dev.embedlab.vespa.testing.E5Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.embedlab.vespa.cache.E5Embedders.BITS_48;
import static dev.embedlab.vespa.cache.E5Embedders.FLOAT_384;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache component on its own, with Vespa's HuggingFaceEmbedder and e5-small-v2 int8 behind it. */
class QueryEmbeddingCacheTest {

    private static HuggingFaceEmbedder model;
    private CountingEmbedder e5;
    private RecordingMetric metric;

    @BeforeAll
    static void loadModel() {
        E5Embedders.assumePresent();
        model = E5Embedders.withPrefixes();
    }

    @AfterAll
    static void closeModel() {
        if (model != null) model.deconstruct();
    }

    @BeforeEach
    void freshCounters() {
        e5 = new CountingEmbedder(model);
        metric = new RecordingMetric();
    }

    @Test
    void secondLookupIsAHitWithTheSameTensor() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        Lookup miss = cache.embed("first question", FLOAT_384, query("q"));
        Lookup hit = cache.embed("first question", FLOAT_384, query("q"));
        assertEquals(Lookup.Outcome.MISS, miss.outcome());
        assertEquals(Lookup.Outcome.HIT, hit.outcome());
        assertSame(miss.tensor(), hit.tensor());
        assertEquals(1, e5.calls());
        assertEquals(1, metric.get(CacheMetrics.MISSES, "e5"));
        assertEquals(1, metric.get(CacheMetrics.HITS, "e5"));
        assertEquals(1, metric.get(CacheMetrics.ENTRIES));
    }

    @Test
    void theTensorIsTheEmbeddersOwn() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        Tensor cached = cache.embed("a question", FLOAT_384, query("q")).tensor();
        Tensor direct = model.embed("a question", new Embedder.Context("query(q)"), FLOAT_384);
        assertArrayEquals(E5Reference.values(direct), E5Reference.values(cached));
    }

    @Test
    void everyPartOfTheKeyCounts() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        Tensor base = cache.embed("Lagos", FLOAT_384, query("q")).tensor();
        Tensor asDocument = cache.embed("Lagos", FLOAT_384, context("passage.embedding", Language.UNKNOWN)).tensor();
        Tensor french = cache.embed("Lagos", FLOAT_384, context("query(q)", Language.FRENCH)).tensor();
        Tensor bits = cache.embed("Lagos", BITS_48, query("q")).tensor();
        Tensor otherText = cache.embed("Abuja", FLOAT_384, query("q")).tensor();
        Tensor trailingSpace = cache.embed("Lagos ", FLOAT_384, query("q")).tensor();
        assertEquals(6, e5.calls());
        assertNotEquals(base, asDocument, "the document prefix differs from the query prefix");
        assertEquals(TensorType.fromSpec("tensor<int8>(x[48])"), bits.type());
        assertEquals(6, cache.entries());
        // The feature name is not part of the key: another feature of the same type shares the entry.
        assertEquals(Lookup.Outcome.HIT, cache.embed("Lagos", FLOAT_384, query("other")).outcome());
        assertEquals(base, french);    // e5 ignores the language, but the entries are separate
        assertNotEquals(base, otherText);
        assertEquals(base, trailingSpace); // the key is the exact text, even where the tokenizer sees no difference
    }

    @Test
    void entriesAreChargedTheirEstimatedSize() {
        QueryEmbeddingCache cache = cache(e5, 1000, 1_000_000); // at least 1000 bytes each
        Lookup lookup = cache.embed("how big is an entry?", FLOAT_384, query("q"));
        long estimate = QueryEmbeddingCache.estimateBytes(
                new EmbeddingKey("e5", InvocationContext.DestinationType.QUERY, FLOAT_384, Language.UNKNOWN,
                                 "how big is an entry?"), lookup.tensor());
        assertTrue(estimate > 384 * 4, "" + estimate);
        assertEquals(estimate, cache.weightedBytes());
        assertEquals(estimate, metric.get(CacheMetrics.BYTES));
    }

    @Test
    void byteBoundHolds() {
        long maxBytes = 10 * 1800;
        QueryEmbeddingCache cache = cache(e5, 1000, maxBytes);
        for (int i = 0; i < 40; i++) {
            cache.embed("question number " + i, FLOAT_384, query("q"));
            assertTrue(cache.weightedBytes() <= maxBytes, cache.weightedBytes() + " bytes after " + (i + 1));
        }
        assertTrue(cache.entries() <= 10, cache.entries() + " entries");
        assertTrue(metric.get(CacheMetrics.EVICTIONS, "e5") >= 30, "" + metric.get(CacheMetrics.EVICTIONS, "e5"));
    }

    @Test
    void entryBoundHolds() {
        QueryEmbeddingCache cache = cache(e5, 5, 100_000_000);
        for (int i = 0; i < 20; i++) {
            cache.embed("another question " + i, FLOAT_384, query("q"));
            assertTrue(cache.entries() <= 5, cache.entries() + " entries after " + (i + 1));
        }
        assertEquals(15, metric.get(CacheMetrics.EVICTIONS, "e5"));
        assertEquals(5, metric.get(CacheMetrics.ENTRIES));
    }

    @Test
    void aFailedEmbeddingIsNotCached() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        TensorType tooManyBits = TensorType.fromSpec("tensor<int8>(x[49])"); // 392 bits of a 384-dim model
        for (int i = 0; i < 2; i++) {
            EmbeddingException e = assertThrows(EmbeddingException.class,
                                                () -> cache.embed("unembeddable", tooManyBits, query("q")));
            assertEquals(EmbeddingException.Kind.FAILED, e.kind());
            assertTrue(e.getMessage().startsWith("Embedder 'e5' could not embed the text for query(q) as " +
                                                 "tensor<int8>(x[49]): "), e.getMessage());
        }
        assertEquals(2, e5.calls());
        assertEquals(0, cache.entries());
        assertEquals(2, metric.get(CacheMetrics.FAILURES, "e5"));
    }

    @Test
    void unknownEmbedderIsNamedWithTheKnownOnes() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        var e = assertThrows(IllegalArgumentException.class,
                             () -> cache.embed("x", FLOAT_384, new Embedder.Context("query(q)").setEmbedderId("nope")));
        assertEquals("No embedder 'nope' in this container; there are: e5", e.getMessage());
    }

    @Test
    void boundsThatCannotBothHoldAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> cache(e5, 1, 10_000_000_000L));
        assertTrue(e.getMessage().contains("maxBytes / maxEntries"), e.getMessage());
    }

    @Test
    void concurrentMissesRunTheModelOnce() throws Exception {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Lookup>> lookups = new ArrayList<>();
            for (int i = 0; i < threads; i++)
                lookups.add(pool.submit(() -> {
                    start.await();
                    return cache.embed("everyone asks this at once", FLOAT_384, query("q"));
                }));
            start.countDown();
            Tensor first = lookups.get(0).get().tensor();
            int misses = 0;
            for (Future<Lookup> lookup : lookups) {
                assertSame(first, lookup.get().tensor());
                if (lookup.get().outcome() == Lookup.Outcome.MISS) misses++;
            }
            assertEquals(1, misses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, e5.calls());
        assertEquals(15, metric.get(CacheMetrics.HITS, "e5") + metric.get(CacheMetrics.JOINS, "e5"));
    }

    @Test
    void aWaiterGivesUpAtItsOwnDeadlineAndTheEmbeddingStillLands() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Embedder held = new Embedder() { // the real model, started only when the test says so
            @Override public List<Integer> embed(String text, Context context) { return model.embed(text, context); }
            @Override public Tensor embed(String text, Context context, TensorType type) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return model.embed(text, context, type);
            }
        };
        QueryEmbeddingCache cache = cache(held, 1000, 10_000_000);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Lookup> first = pool.submit(() -> cache.embed("slow", FLOAT_384, query("q")));
            assertTrue(entered.await(1, TimeUnit.MINUTES));
            Embedder.Context impatient = query("q").setDeadline(InvocationContext.Deadline.of(Duration.ofMillis(50)));
            EmbeddingException e = assertThrows(EmbeddingException.class, () -> cache.embed("slow", FLOAT_384, impatient));
            assertEquals(EmbeddingException.Kind.TIMED_OUT, e.kind());
            release.countDown();
            assertEquals(Lookup.Outcome.MISS, first.get().outcome());
            assertEquals(Lookup.Outcome.HIT, cache.embed("slow", FLOAT_384, query("q")).outcome());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void anErrorFromTheModelLeavesNoPendingEntry() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        OutOfMemoryError oom = new OutOfMemoryError("test: the model ran out of memory");
        e5.failNextCallWith(oom);
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> cache.embed("popular", FLOAT_384, query("q"))),
                   "the Error itself reaches the caller");
        assertEquals(0, cache.entries(), "no pending entry is left for later requests to wait on");
        assertEquals(1, metric.get(CacheMetrics.FAILURES, "e5"));
        // The next request runs the model instead of waiting, to its deadline, for an embedding nobody will finish.
        Embedder.Context withDeadline = query("q").setDeadline(InvocationContext.Deadline.of(Duration.ofSeconds(30)));
        assertEquals(Lookup.Outcome.MISS, cache.embed("popular", FLOAT_384, withDeadline).outcome());
        assertEquals(2, e5.calls());
    }

    @Test
    void aWaiterOnAnEmbeddingThatThrewAnErrorGetsAFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        QueryEmbeddingCache cache = cache(held(entered, release), 1000, 10_000_000);
        e5.failNextCallWith(new UnsatisfiedLinkError("test: no native ONNX runtime"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Lookup> owner = pool.submit(() -> cache.embed("linked?", FLOAT_384, query("q")));
            assertTrue(entered.await(1, TimeUnit.MINUTES));
            CountDownLatch waiting = new CountDownLatch(1);
            Future<Lookup> waiter = pool.submit(() -> cache.embed(key("linked?"), () -> { waiting.countDown(); return query("q"); }));
            assertTrue(waiting.await(1, TimeUnit.MINUTES));
            release.countDown();
            var ownerFailure = assertThrows(java.util.concurrent.ExecutionException.class, owner::get);
            assertTrue(ownerFailure.getCause() instanceof UnsatisfiedLinkError, ownerFailure.toString());
            var waiterFailure = assertThrows(java.util.concurrent.ExecutionException.class,
                                             () -> waiter.get(1, TimeUnit.MINUTES));
            EmbeddingException e = (EmbeddingException) waiterFailure.getCause();
            assertEquals(EmbeddingException.Kind.FAILED, e.kind());
            assertTrue(e.getMessage().contains("test: no native ONNX runtime"), e.getMessage());
            assertEquals(0, cache.entries());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterWithTimeLeftEmbedsItselfWhenTheOtherRequestsDeadlinePassed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        QueryEmbeddingCache cache = cache(held(entered, release), 1000, 10_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // The first request has 200 ms; its embedding is held past that, so the model (Vespa's own deadline
            // check before ONNX evaluation) refuses with a timeout.
            Embedder.Context hurried = query("q").setDeadline(InvocationContext.Deadline.of(Duration.ofMillis(200)));
            Future<Lookup> owner = pool.submit(() -> cache.embed("asked twice", FLOAT_384, hurried));
            assertTrue(entered.await(1, TimeUnit.MINUTES));
            CountDownLatch waiting = new CountDownLatch(1);
            Embedder.Context patient = query("q").setDeadline(InvocationContext.Deadline.of(Duration.ofMinutes(1)));
            Future<Lookup> waiter = pool.submit(() -> cache.embed(key("asked twice"), () -> { waiting.countDown(); return patient; }));
            assertTrue(waiting.await(1, TimeUnit.MINUTES));
            while ( ! hurried.getDeadline().orElseThrow().isExpired()) Thread.sleep(10);
            release.countDown();

            var ownerFailure = assertThrows(java.util.concurrent.ExecutionException.class, owner::get);
            assertEquals(EmbeddingException.Kind.TIMED_OUT, ((EmbeddingException) ownerFailure.getCause()).kind());
            Lookup retried = waiter.get(1, TimeUnit.MINUTES);
            assertEquals(Lookup.Outcome.MISS, retried.outcome(), "the waiter embedded the text itself");
            assertArrayEquals(E5Reference.values(model.embed("asked twice", new Embedder.Context("query(q)"), FLOAT_384)),
                              E5Reference.values(retried.tensor()));
            assertEquals(2, e5.calls());
            assertEquals(Lookup.Outcome.HIT, cache.embed("asked twice", FLOAT_384, query("q")).outcome());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterWhoseOwnDeadlinePassedDoesNotRetry() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        QueryEmbeddingCache cache = cache(held(entered, release), 1000, 10_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Embedder.Context hurried = query("q").setDeadline(InvocationContext.Deadline.of(Duration.ofMillis(200)));
            Future<Lookup> owner = pool.submit(() -> cache.embed("too late", FLOAT_384, hurried));
            assertTrue(entered.await(1, TimeUnit.MINUTES));
            EmbeddingException e = assertThrows(EmbeddingException.class, () -> cache.embed("too late", FLOAT_384, hurried));
            assertEquals(EmbeddingException.Kind.TIMED_OUT, e.kind());
            release.countDown();
            assertThrows(java.util.concurrent.ExecutionException.class, owner::get);
            assertEquals(1, e5.calls(), "only the owner ran the model");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void uncachedEmbeddingsRunTheModelEveryTimeAndKeepNothing() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        for (int i = 0; i < 3; i++) {
            Lookup lookup = cache.embedUncached(key("not kept"), () -> query("q"));
            assertEquals(Lookup.Outcome.UNCACHED, lookup.outcome());
        }
        assertEquals(3, e5.calls());
        assertEquals(0, cache.entries());
        assertEquals(3, metric.get(CacheMetrics.UNCACHED, "e5"));
        assertEquals(0, metric.get(CacheMetrics.MISSES, "e5"));
    }

    @Test
    void containsDoesNotSeePendingOrFailedEntries() {
        QueryEmbeddingCache cache = cache(e5, 1000, 10_000_000);
        EmbeddingKey key = new EmbeddingKey("e5", InvocationContext.DestinationType.QUERY, FLOAT_384, Language.UNKNOWN, "k");
        assertFalse(cache.contains(key));
        cache.embed("k", FLOAT_384, query("q"));
        assertTrue(cache.contains(key));
    }

    /** The counting e5 wrapper, held before each call until the test releases it. */
    private Embedder held(CountDownLatch entered, CountDownLatch release) {
        return new Embedder() {
            @Override public List<Integer> embed(String text, Context context) { return e5.embed(text, context); }
            @Override public Tensor embed(String text, Context context, TensorType type) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return e5.embed(text, context, type);
            }
        };
    }

    private static EmbeddingKey key(String text) {
        return new EmbeddingKey("e5", InvocationContext.DestinationType.QUERY, FLOAT_384, Language.UNKNOWN, text);
    }

    private QueryEmbeddingCache cache(Embedder embedder, long maxEntries, long maxBytes) {
        ComponentRegistry<Embedder> registry = new ComponentRegistry<>();
        registry.register(ComponentId.fromString("e5"), embedder);
        registry.freeze();
        return new QueryEmbeddingCache(maxEntries, maxBytes, registry, new CacheMetrics(metric));
    }

    private static Embedder.Context query(String feature) {
        return context("query(" + feature + ")", Language.UNKNOWN);
    }

    private static Embedder.Context context(String destination, Language language) {
        return new Embedder.Context(destination).setEmbedderId("e5").setLanguage(language);
    }
}
