package dev.embedlab.vespa;

import ai.vespa.embedding.HuggingFaceEmbedder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yahoo.application.Application;
import com.yahoo.language.process.Embedder;
import dev.embedlab.core.data.Passage;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.data.Topics;
import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.core.metrics.Evaluator;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;
import dev.embedlab.core.metrics.TrecRunFile;
import dev.embedlab.client.evaluate.EvaluateCommand;
import dev.embedlab.vespa.cache.CacheTestPackage;
import dev.embedlab.vespa.cache.CountingEmbedder;
import dev.embedlab.vespa.cache.QueryEmbeddingCache;
import dev.embedlab.vespa.testing.E5Reference;
import dev.embedlab.staticembed.LoadOptions;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.testsupport.TestData;
import dev.embedlab.vespa.testing.ExactNearestNeighborSearcher;
import dev.embedlab.vespa.testing.MiraclYoSample;
import dev.embedlab.vespa.testing.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code embedlab evaluate}, the real command over real HTTP, against the in-JVM container running the production
 * default chain: the query-embedding cache searcher reads {@code embedlab.text} and sets {@code query(q_e5)} with
 * Vespa's HuggingFaceEmbedder (e5-small-v2 int8), the query vector guard checks it, and where the content node
 * would answer, {@link ExactNearestNeighborSearcher} ranks real MIRACL Yoruba passages (the judged passages of 10
 * topics plus 20 unjudged ones) by exact dot product, as the {@code e5} rank profile would.
 *
 * <p>Routing: evaluate's {@code --param searchChain=exact-nn} (a documented request parameter it passes through)
 * selects a test chain that inherits the production default chain and appends the stand-in.
 *
 * <p>What the container path must match is computed here without it: the same passages and topics embedded by
 * a HuggingFaceEmbedder built directly (prefixes added by hand), ranked by dot product, scored by the metrics.
 */
class EvaluateThroughContainerTest {

    private static final int TOPICS = 10;
    private static final int UNJUDGED_PASSAGES = 20;
    private static final int HITS = 100; // evaluate's default targetHits and hits
    private static final String CHAIN = "exact-nn";
    private static final ObjectMapper json = new ObjectMapper();

    @TempDir
    static Path work;

    private static MiraclYoSample sample;
    private static int port;
    private static Application app;
    private static CountingEmbedder e5;
    private static QueryEmbeddingCache cache;

    @BeforeAll
    static void start() throws IOException {
        TestApplication.assumeModelsPresent();
        MiraclYoSample.assumePresent();
        sample = MiraclYoSample.write(work.resolve("data"), TOPICS, UNJUDGED_PASSAGES);
        System.setProperty(ExactNearestNeighborSearcher.CORPUS_PROPERTY, sample.corpus().toString());
        port = freePort();
        app = TestApplication.startServing(port, CacheTestPackage.countCallsTo(ExactNearestNeighborSearcher.EMBEDDER),
                                           ExactNearestNeighborSearcher.chain(CHAIN));
        e5 = (CountingEmbedder) app.getJDisc("default").components().getComponent(ExactNearestNeighborSearcher.EMBEDDER);
        cache = (QueryEmbeddingCache) app.getJDisc("default").components().getComponent("queryEmbeddingCache");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        System.clearProperty(ExactNearestNeighborSearcher.CORPUS_PROPERTY);
    }

    @Test
    void evaluateScoresWhatTheContainerRankedAndTheSecondRunTakesQueryEmbeddingsFromTheCache() throws Exception {
        Topics topics = Topics.read(sample.topics());
        Qrels qrels = Qrels.read(sample.qrels());
        assertEquals(TOPICS, topics.size());
        assertEquals(TOPICS, qrels.queryIds().size());
        assertTrue(sample.passages().size() > HITS, "more passages than hits, so the top-" + HITS + " cut is real");
        long documentEmbeddings = e5.calls();
        assertEquals(sample.passages().size(), documentEmbeddings, "the stand-in embedded each passage once");
        assertEquals(0, cache.entries(), "nothing cached yet: e5_fast (which another test may have run first) is not cached");

        Run expected = rankDirectly(topics.topics(), sample.passages(), null);
        Evaluation expectedScores = Evaluator.evaluate(expected, qrels);

        JsonNode first = evaluate("first");
        assertReconciles(first);
        assertSameRanking(expected, TrecRunFile.read(work.resolve("first.run")));
        assertEquals(expectedScores.ndcg10(), first.get("ndcg10").asDouble(), 1e-12, "NDCG@10");
        assertEquals(expectedScores.recall100(), first.get("recall100").asDouble(), 1e-12, "recall@100");
        assertEquals(expectedScores.mrr10(), first.get("mrr10").asDouble(), 1e-12, "MRR@10");
        assertTrue(expectedScores.ndcg10() > 0, "some relevant passage was ranked in a top 10");
        long distinctTexts = topics.topics().stream().map(Topic::text).distinct().count();
        assertEquals(distinctTexts, e5.calls() - documentEmbeddings, "one model call per topic, through the cache searcher");
        assertEquals(distinctTexts, cache.entries());

        long afterFirst = e5.calls();
        JsonNode second = evaluate("second");
        assertReconciles(second);
        assertEquals(afterFirst, e5.calls(), "the second run embedded nothing: every query embedding was a cache hit");
        assertSameRanking(TrecRunFile.read(work.resolve("first.run")), TrecRunFile.read(work.resolve("second.run")));
        assertEquals(first.get("ndcg10").asDouble(), second.get("ndcg10").asDouble(), 0);
    }

    /**
     * Mode e5-fast: the aligned static encoder (component e5_fast) embeds the queries, and they rank the same e5
     * document vectors: exactly as the test computes it from the aligned model folder and e5, with no e5 call.
     */
    @Test
    void alignedStaticQueriesRankTheE5DocumentsThroughTheContainer() throws Exception {
        Topics topics = Topics.read(sample.topics());
        Qrels qrels = Qrels.read(sample.qrels());
        Path folder = TestData.alignedStaticModel();
        StaticEmbeddingModel aligned = StaticModelLoader.loadFiles(folder.resolve("model.safetensors"), folder.resolve("tokenizer.json"),
                                                                   LoadOptions.defaults().withNormalize(true));
        Run expected = rankDirectly(topics.topics(), sample.passages(), aligned::embed);
        long e5Calls = e5.calls();
        JsonNode fast = evaluate("fast", "e5-fast");
        assertReconciles(fast);
        assertSameRanking(expected, TrecRunFile.read(work.resolve("fast.run")));
        assertEquals(Evaluator.evaluate(expected, qrels).ndcg10(), fast.get("ndcg10").asDouble(), 1e-12, "NDCG@10");
        assertEquals(e5Calls, e5.calls(), "no query went through the transformer");
    }

    /** Runs `embedlab evaluate` and returns its --json summary. */
    private static JsonNode evaluate(String name) throws IOException {
        return evaluate(name, "e5");
    }

    private static JsonNode evaluate(String name, String mode) throws IOException {
        int exit = new CommandLine(new EvaluateCommand()).execute(
                "--topics", sample.topics().toString(),
                "--qrels", sample.qrels().toString(),
                "--endpoint", "http://localhost:" + port + "/",
                "--mode", mode, "--exact",
                "--param", "searchChain=" + CHAIN,
                "--run", work.resolve(name + ".run").toString(),
                "--json", work.resolve(name + ".json").toString());
        JsonNode summary = json.readTree(work.resolve(name + ".json").toFile());
        assertEquals(0, exit, "evaluate exit code; summary: " + summary);
        return summary;
    }

    /** Every topic sent, answered on the first attempt, and evaluated. */
    private static void assertReconciles(JsonNode summary) {
        assertEquals(TOPICS, summary.get("queries").asInt(), summary.toString());
        assertEquals(0, summary.get("failedQueries").asInt(), summary.toString());
        assertTrue(summary.get("failures").isEmpty(), summary.toString());
        assertEquals(0, summary.get("retries").asInt(), summary.toString());
        assertEquals(TOPICS, summary.get("evaluatedQueries").asInt(), summary.toString());
        assertEquals(summary.get("ndcg10").asDouble(), summary.get("ndcg10Complete").asDouble(), 0, "no judged topic missing");
    }

    /** Same queries in the same order, same documents at the same ranks, same scores. */
    private static void assertSameRanking(Run expected, Run actual) {
        assertEquals(List.copyOf(expected.queryIds()), List.copyOf(actual.queryIds()));
        for (String qid : expected.queryIds()) {
            List<RunEntry> want = expected.of(qid), got = actual.of(qid);
            assertEquals(want.stream().map(RunEntry::docId).toList(), got.stream().map(RunEntry::docId).toList(), "query " + qid);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(i + 1, got.get(i).rank(), "query " + qid);
                assertEquals(want.get(i).score(), got.get(i).score(), 1e-6, "query " + qid + " rank " + (i + 1));
            }
        }
    }

    /**
     * The top {@link #HITS} passages per topic by the dot product of the normalized e5 embeddings, with the
     * prefixes the e5 component configures ("query: ", "passage: ") written out here, title and text joined as
     * the schema's indexing statement does. Queries by e5 too, or by {@code queryEncoder} when given.
     */
    private static Run rankDirectly(List<Topic> topics, List<Passage> passages, Function<String, float[]> queryEncoder) {
        HuggingFaceEmbedder embedder = E5Reference.withoutPrefixes();
        try {
            List<float[]> documents = new ArrayList<>();
            for (Passage passage : passages)
                documents.add(E5Reference.values(embedder.embed("passage: " + passage.title() + " " + passage.text(),
                                                                new Embedder.Context(ExactNearestNeighborSearcher.DESTINATION),
                                                                ExactNearestNeighborSearcher.TYPE)));
            Run.Builder run = new Run.Builder("direct");
            for (Topic topic : topics) {
                float[] query = queryEncoder != null ? queryEncoder.apply(topic.text())
                        : E5Reference.values(embedder.embed("query: " + topic.text(), new Embedder.Context("query(q_e5)"),
                                                            ExactNearestNeighborSearcher.TYPE));
                List<RunEntry> scored = new ArrayList<>();
                for (int i = 0; i < passages.size(); i++)
                    scored.add(new RunEntry(passages.get(i).docId(), 0, dot(query, documents.get(i))));
                scored.sort(Comparator.comparingDouble(RunEntry::score).reversed().thenComparing(RunEntry::docId));
                List<RunEntry> top = new ArrayList<>();
                for (RunEntry entry : scored.subList(0, Math.min(HITS, scored.size())))
                    top.add(new RunEntry(entry.docId(), top.size() + 1, entry.score()));
                run.add(topic.qid(), top);
            }
            return run.build();
        } finally {
            embedder.deconstruct();
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += (double) a[i] * b[i];
        return sum;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
