package dev.embedlab.vespa.cache;

import ai.vespa.embedding.HuggingFaceEmbedder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yahoo.application.Application;
import com.yahoo.application.container.handler.Response;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.Tensors;
import dev.embedlab.staticembed.LoadOptions;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.vespa.testing.ApplicationPackages;
import dev.embedlab.vespa.testing.E5Reference;
import dev.embedlab.vespa.testing.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.embedlab.vespa.cache.E5Embedders.FLOAT_384;
import static dev.embedlab.vespa.cache.EchoClient.NEAREST_NEIGHBOR;
import static dev.embedlab.vespa.cache.EchoClient.NO_VECTOR_QUERY;
import static dev.embedlab.vespa.cache.EchoClient.TEXT;
import static dev.embedlab.vespa.cache.EchoClient.assertError;
import static dev.embedlab.vespa.cache.EchoClient.body;
import static dev.embedlab.vespa.cache.EchoClient.cells;
import static dev.embedlab.vespa.cache.EchoClient.echo;
import static dev.embedlab.vespa.cache.EchoClient.errorMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache searcher in the production default chain, through the real SearchHandler, with Vespa's
 * HuggingFaceEmbedder and e5-small-v2 int8 as {@code e5} and the static model distilled from it as
 * {@code static}, each behind a counting wrapper registered under its id.
 */
class CachedQueryEmbeddingTest {

    private static final int TRUNCATE_AT = 24;

    private static Application app;
    private static EchoClient client;
    private static CountingEmbedder e5;
    private static CountingEmbedder staticEmbedder;
    private static StaticEmbeddingModel staticReference;
    private static QueryEmbeddingCache cache;

    @BeforeAll
    static void start() {
        app = TestApplication.start(CacheTestPackage.countCallsTo("e5"),
                                    CacheTestPackage.countCallsTo("static"),
                                    CacheTestPackage.testRankProfiles(),
                                    CacheTestPackage.extraMapping("e5", "query(q_e5_bits)"),
                                    CacheTestPackage.truncatingChain(TRUNCATE_AT));
        client = new EchoClient(app);
        e5 = (CountingEmbedder) app.getJDisc("default").components().getComponent("e5");
        staticEmbedder = (CountingEmbedder) app.getJDisc("default").components().getComponent("static");
        Path model = ApplicationPackages.distilledStaticModel();
        try {
            staticReference = StaticModelLoader.loadFiles(model.resolve("model.safetensors"), model.resolve("tokenizer.json"),
                                                          LoadOptions.defaults().withNormalize(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cache = (QueryEmbeddingCache) app.getJDisc("default").components().getComponent(CacheTestPackage.CACHE_ID);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void featureIsTheEmbeddingOfTheQueryPrefixedText() throws Exception {
        String text = "Where is the largest port in Kenya?";
        HuggingFaceEmbedder independent = E5Reference.withoutPrefixes();
        try {
            float[] expected = E5Reference.values(independent.embed("query: " + text, new Embedder.Context("query(q)"), FLOAT_384));
            float[] asDocument = E5Reference.values(independent.embed("passage: " + text, new Embedder.Context("query(q)"), FLOAT_384));
            for (String profile : List.of("e5", "hybrid")) {
                float[] actual = cells(echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", profile)), "query(q_e5)");
                assertArrayEquals(expected, actual, 1e-6f, profile);
                assertTrue(maxAbsDifference(asDocument, actual) > 1e-3, "the query prefix was used, not the document prefix");
            }
        } finally {
            independent.deconstruct();
        }
    }

    @Test
    void staticFeatureIsTheStaticModelsEmbeddingAndNotCached() throws Exception {
        // services.xml maps static with cache false: a lookup costs about what a cache hit does.
        String text = "Ta ni Olusegun Obasanjo?";
        long before = staticEmbedder.calls();
        long entries = cache.entries();
        String staticQuery = "select * from passage where {targetHits:10}nearestNeighbor(static_embedding, q_static)";
        JsonNode first = echo(client.search(staticQuery, TEXT, text, "ranking", "static"));
        assertArrayEquals(staticEmbedding(text), cells(first, "query(q_static)"), 1e-6f);
        assertTrue(first.path("query(q_e5)").isMissingNode(), "the static profile has no e5 input: " + first);
        for (int i = 0; i < 4; i++)
            assertEquals(first.toString(), echo(client.search(staticQuery, TEXT, text, "ranking", "static")).toString());
        assertEquals(5, staticEmbedder.calls() - before, "the model ran for every request");
        assertEquals(entries, cache.entries(), "nothing was added to the cache");
        String trace = body(client.search(staticQuery, TEXT, text, "ranking", "static", "trace.level", "1"));
        assertTrue(trace.contains("query(q_static) by 'static' as tensor<float>(x[256]): not cached"), trace);
    }

    @Test
    void aLinkageErrorFromTheModelLeavesNothingForLaterRequestsToWaitOn() throws Exception {
        String text = "Does a broken native library poison this text?";
        long before = e5.calls();
        long entries = cache.entries();
        e5.failNextCallWith(new UnsatisfiedLinkError("test: no native ONNX runtime"));
        Response failed = client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "timeout", "20s");
        assertTrue(failed.getStatus() >= 500, body(failed));
        assertEquals(entries, cache.entries(), "no pending entry left behind");
        // Without the fix this request would find the never-completed entry and wait its whole 20 s for a 504.
        JsonNode answer = echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "timeout", "20s"));
        assertEquals(384, cells(answer, "query(q_e5)").length);
        assertEquals(2, e5.calls() - before);
    }

    @Test
    void identicalRequestsRunTheModelOnce() throws Exception {
        String text = "How many people speak Yoruba?";
        long before = e5.calls();
        String first = echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5")).path("query(q_e5)").asText();
        for (int i = 0; i < 9; i++) {
            String again = echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5")).path("query(q_e5)").asText();
            assertEquals(first, again);
        }
        // The hybrid profile declares the same input type, so it is the same entry; so does a query that
        // names its schema.
        echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "hybrid"));
        JsonNode restricted = echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "model.restrict", "passage"));
        assertEquals(first, restricted.path("query(q_e5)").asText());
        assertEquals(1, e5.calls() - before);
    }

    @Test
    void traceSaysMissThenHitWithTheTime() throws Exception {
        String text = "Who founded the city of Ibadan?";
        String miss = body(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "trace.level", "1"));
        assertTrue(miss.matches("(?s).*QueryEmbeddingCache: query\\(q_e5\\) by 'e5' as tensor<float>\\(x\\[384\\]\\): miss, embedded in [0-9.]+ ms.*"), miss);
        String hit = body(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "trace.level", "1"));
        assertTrue(hit.matches("(?s).*QueryEmbeddingCache: query\\(q_e5\\) by 'e5' as tensor<float>\\(x\\[384\\]\\): hit in [0-9.]+ (µs|ms).*"), hit);
        String untraced = body(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5"));
        assertFalse(untraced.contains("QueryEmbeddingCache"), untraced);
    }

    @Test
    void languageTextAndTensorTypeAreDifferentEntries() throws Exception {
        String text = "What is the capital of Nigeria?";
        long before = e5.calls();
        JsonNode plain = echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5"));
        JsonNode english = echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "language", "en"));
        JsonNode french = echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "language", "fr"));
        JsonNode otherText = echo(client.search(NEAREST_NEIGHBOR, TEXT, text.replace("Nigeria", "Ghana"), "ranking", "e5"));
        // The key is the exact text, even where the model would not tell the difference (e5-small-v2 is uncased).
        JsonNode lowerCase = echo(client.search(NEAREST_NEIGHBOR, TEXT, text.toLowerCase(), "ranking", "e5"));
        JsonNode bits = echo(client.search(NO_VECTOR_QUERY, TEXT, text, "ranking", "cache_test_bits"));
        assertEquals(6, e5.calls() - before, "one model call per distinct key");

        // e5 ignores the language: same vector, separate entries.
        assertEquals(plain.path("query(q_e5)").asText(), english.path("query(q_e5)").asText());
        assertEquals(plain.path("query(q_e5)").asText(), french.path("query(q_e5)").asText());
        assertNotEquals(plain.path("query(q_e5)").asText(), otherText.path("query(q_e5)").asText());
        assertEquals(plain.path("query(q_e5)").asText(), lowerCase.path("query(q_e5)").asText());
        assertTrue(bits.path("query(q_e5)").asText().startsWith("tensor<int8>(x[48]):"), bits.toString());
        assertEquals(48, cells(bits, "query(q_e5)").length);

        // And each is served from its own entry afterwards.
        assertEquals(english.toString(), echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5", "language", "en")).toString());
        assertEquals(bits.toString(), echo(client.search(NO_VECTOR_QUERY, TEXT, text, "ranking", "cache_test_bits")).toString());
        assertEquals(6, e5.calls() - before);
    }

    @Test
    void oneTextFeedsSeveralFeatures() throws Exception {
        String text = "Which river flows through Lokoja?";
        JsonNode both = echo(client.search(NO_VECTOR_QUERY, TEXT, text, "ranking", "cache_test_two"));
        assertArrayEquals(staticEmbedding(text), cells(both, "query(q_static)"), 1e-6f);
        float[] vector = cells(both, "query(q_e5)");
        float[] bits = cells(both, "query(q_e5_bits)");
        assertEquals(384, vector.length);
        assertEquals(48, bits.length);
        // The same text in both: the binarized feature is the sign bits of the float one (Vespa's packBits).
        Tensor.Builder builder = Tensor.Builder.of(FLOAT_384);
        for (int i = 0; i < vector.length; i++) builder.cell(vector[i], i);
        assertArrayEquals(E5Reference.values(Tensors.packBits(builder.build())), bits);
    }

    @Test
    void otherRankProfilesAndQueriesWithoutTheParameterPassUntouched() throws Exception {
        long before = e5.calls();
        JsonNode bm25 = echo(client.search(NO_VECTOR_QUERY, TEXT, "some words", "ranking", "bm25"));
        assertTrue(bm25.path("query(q_e5)").isMissingNode(), bm25.toString());
        JsonNode withoutText = echo(client.search(NO_VECTOR_QUERY, "ranking", "e5"));
        assertTrue(withoutText.path("query(q_e5)").isMissingNode(), withoutText.toString());
        assertEquals(0, e5.calls() - before);
        // Without the parameter the guard still sees no vector for a nearestNeighbor query.
        assertError(client.search(NEAREST_NEIGHBOR, "ranking", "e5"), 400, "has no query(q_e5)");
    }

    @Test
    void badRequestsAreClear400s() throws Exception {
        assertError(client.search(NEAREST_NEIGHBOR, TEXT, "hello", "ranking", "nosuchprofile"), 400, "nosuchprofile");
        assertError(client.search(NEAREST_NEIGHBOR, TEXT, "  ", "ranking", "e5"), 400, "embedlab.text is blank");
        assertError(client.search(NEAREST_NEIGHBOR, TEXT, "x".repeat(2049), "ranking", "e5"), 400,
                    "embedlab.text has more than the 2048 characters allowed");
        assertError(client.search(NEAREST_NEIGHBOR, TEXT, "hello", "input.query(q_e5)", "embed(e5, @" + TEXT + ")", "ranking", "e5"),
                    400, "query(q_e5) is set both by embedlab.text and by the request");
    }

    @Test
    void limitCountsCodePointsNotChars() throws Exception {
        String yoruba = "\u1EB9\u0300".repeat(1024); // 2 chars and 2 code points each: exactly 2048
        echo(client.search(NEAREST_NEIGHBOR, TEXT, yoruba, "ranking", "e5"));
        String emoji = "\uD83D\uDE00".repeat(2048); // 4096 chars, 2048 code points
        echo(client.search(NEAREST_NEIGHBOR, TEXT, emoji, "ranking", "e5"));
    }

    @Test
    void truncationWhenConfiguredIsTracedAndEmbedsThePrefix() throws Exception {
        String text = "Ọ̀yọ́ was the capital of the Oyo Empire for centuries";
        String cut = text.substring(0, text.offsetByCodePoints(0, TRUNCATE_AT));
        Response response = client.searchChain("truncating", NO_VECTOR_QUERY, TEXT, text, "ranking", "e5", "trace.level", "1");
        String body = body(response);
        assertTrue(body.contains("embedlab.text truncated from " + text.codePointCount(0, text.length()) + " to " + TRUNCATE_AT),
                   body);
        JsonNode hit = echo(response);
        JsonNode direct = echo(client.search(NO_VECTOR_QUERY, TEXT, cut, "ranking", "e5"));
        assertEquals(direct.path("query(q_e5)").asText(), hit.path("query(q_e5)").asText());
    }

    @Test
    void failingEmbedderIsAClearErrorAndNothingIsCached() throws Exception {
        // int8 is binarization of 8 * 49 = 392 > 384 dimensions: Vespa's embedder refuses it.
        String text = "Is this ever cached?";
        long before = e5.calls();
        long entries = cache.entries();
        for (int i = 0; i < 2; i++) {
            Response response = client.search(NO_VECTOR_QUERY, TEXT, text, "ranking", "cache_test_unembeddable");
            String message = errorMessage(response);
            assertTrue(response.getStatus() >= 500, body(response));
            assertTrue(message.contains("Embedder 'e5' could not embed the text for query(q_e5) as tensor<int8>(x[49])"), message);
        }
        assertEquals(2, e5.calls() - before, "the failure was not cached");
        assertEquals(entries, cache.entries());
    }

    @Test
    void concurrentMissesForOneTextRunTheModelOnce() throws Exception {
        String text = "When did Nigeria become independent?";
        long before = e5.calls();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return echo(client.search(NEAREST_NEIGHBOR, TEXT, text, "ranking", "e5")).path("query(q_e5)").asText();
                }));
            }
            start.countDown();
            String first = answers.get(0).get();
            for (Future<String> answer : answers) assertEquals(first, answer.get());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, e5.calls() - before);
    }

    @Test
    void metricsReachTheContainersMetricsApi() throws Exception {
        echo(client.search(NEAREST_NEIGHBOR, TEXT, "what does the cache count?", "ranking", "e5"));
        echo(client.search(NEAREST_NEIGHBOR, TEXT, "what does the cache count?", "ranking", "e5"));
        // The container publishes metrics in periodic snapshots: wait for one that holds ours.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode values = null;
        while (System.nanoTime() < giveUp) {
            values = new ObjectMapper().readTree(body(TestApplication.search(app, "/state/v1/metrics"))).path("metrics").path("values");
            if (metric(values, CacheMetrics.HITS) != null) break;
            Thread.sleep(500);
        }
        JsonNode hits = metric(values, CacheMetrics.HITS);
        assertTrue(hits != null, "no " + CacheMetrics.HITS + " in " + values);
        assertEquals("e5", hits.path("dimensions").path("embedder").asText(), hits.toString());
        assertTrue(hits.path("values").path("count").asDouble() >= 1, hits.toString());
        assertTrue(metric(values, CacheMetrics.MISSES) != null, values.toString());
        assertTrue(metric(values, CacheMetrics.ENTRIES).path("values").path("last").asDouble() >= 1, values.toString());
        assertTrue(metric(values, CacheMetrics.BYTES).path("values").path("last").asDouble() > 384 * 4, values.toString());
    }

    private static JsonNode metric(JsonNode values, String name) {
        for (JsonNode value : values)
            if (name.equals(value.path("name").asText())) return value;
        return null;
    }

    private static float[] staticEmbedding(String text) {
        float[] out = new float[256];
        staticReference.embed(text, out, 256);
        return out;
    }

    static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }

}
