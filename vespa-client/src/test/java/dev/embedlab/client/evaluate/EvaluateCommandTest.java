package dev.embedlab.client.evaluate;

import dev.embedlab.client.CommandRun;
import dev.embedlab.testsupport.TestData;
import dev.embedlab.client.schema.QueryMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;
import dev.embedlab.core.metrics.TrecRunFile;
import dev.embedlab.client.fakevespa.FakeVespa;
import dev.embedlab.client.fakevespa.WithFakeVespa;
import dev.embedlab.client.fakevespa.FakeVespa.Fault;
import dev.embedlab.client.feed.Feeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `embedlab evaluate` against a fake /search/ that answers each topic with the hits of the hand-worked run
 * (src/test/resources/eval), while throttling, dropping, rejecting and stalling some queries.
 */
class EvaluateCommandTest extends WithFakeVespa {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Run handWorked;

    @BeforeEach
    void start() throws Exception {
        handWorked = TrecRunFile.read(resource("run.txt"));
        vespa.searcher(params -> {
            String qid = params.get(QueryMode.CACHE_TEXT_PARAMETER).replace("text of ", "");
            List<Map.Entry<String, Double>> hits = new ArrayList<>();
            for (RunEntry e : handWorked.of(qid)) hits.add(new AbstractMap.SimpleEntry<>(e.docId(), e.score()));
            return new FakeVespa.SearchReply(200, FakeVespa.result(hits));
        });
    }


    static Path resource(String name) throws Exception {
        return TestData.metricsExample(name);
    }

    private CommandRun.Outcome evaluate(String... args) {
        EvaluateCommand evaluate = new EvaluateCommand();
        return CommandRun.run(evaluate, (commandLine, out, err) -> {
            evaluate.out = out;
            evaluate.err = err;
        }, args);
    }

    private Path topics() throws Exception {
        Path topics = dir.resolve("topics.tsv");
        StringBuilder s = new StringBuilder();
        for (String qid : List.of("q1", "q2", "q3", "q4", "q5", "q6")) s.append(qid).append("\ttext of ").append(qid).append('\n');
        Files.writeString(topics, s.toString());
        return topics;
    }

    @Test
    void metricsEqualTheHandWorkedValuesAndFailedQueriesAreCountedNotZeroed() throws Exception {
        vespa.failQuery("text of q1", Fault.TOO_MANY_REQUESTS, Fault.UNAVAILABLE)
             .failQuery("text of q2", Fault.DROP_CONNECTION)
             .failQuery("text of q4", Fault.BAD_REQUEST)
             .failQuery("text of q6", Fault.STALL)
             .stallMillis(8_000);
        Path run = dir.resolve("e5.run");
        Path json = dir.resolve("summary.json");
        CommandRun.Outcome result = evaluate("--topics", topics().toString(), "--qrels", resource("qrels.txt").toString(),
                "--endpoint", vespa.endpoint().toString(), "--mode", "e5", "--run", run.toString(),
                "--baseline", resource("baseline.txt").toString(), "--overlap-k", "3,10",
                "--client-timeout", "3", "--backoff-ms", "10", "--threads", "2", "--json", json.toString());

        assertEquals(1, result.exit(), result.out() + result.err());
        JsonNode summary = JSON.readTree(json.toFile());
        assertEquals(0.391884, summary.get("ndcg10").asDouble(), 1e-4, result.out());
        assertEquals(0.666667, summary.get("recall100").asDouble(), 1e-4);
        assertEquals(0.333333, summary.get("mrr10").asDouble(), 1e-4);
        assertEquals(3, summary.get("evaluatedQueries").asInt());
        assertEquals(0.666667, summary.get("overlap").get("3").asDouble(), 1e-4);
        assertEquals(2, summary.get("failedQueries").asInt());
        assertEquals("HTTP 400: code 4 Invalid query parameter: Could not parse query: unexpected token",
                summary.get("failures").get("q4").asText());
        assertTrue(summary.get("failures").get("q6").asText().contains("timed out"), summary.toString());
        assertTrue(summary.get("retries").asInt() >= 3, "429, 503 and the dropped connection were retried: " + summary);
        assertEquals(3, vespa.attempts("text of q1"));
        assertTrue(result.out().contains("FAILED QUERIES: 2 of 6"), result.out());
        assertTrue(result.out().contains("  q6: timed out after 3.0 s"), result.out());
        assertTrue(result.out().contains("judged queries without results: 1"), result.out());

        // The run file holds what Vespa returned, in Vespa's order, and nothing for failed queries.
        Run written = TrecRunFile.read(run);
        assertEquals(List.of("q1", "q2", "q3", "q5"), List.copyOf(written.queryIds()));
        assertEquals(handWorked.of("q1"), written.of("q1"));
        assertFalse(written.queryIds().contains("q4"));
    }

    @Test
    void requestsCarryTheTextForTheCacheSearcherNotAnEmbedCall() throws Exception {
        Path oneTopic = dir.resolve("one.tsv");
        Files.writeString(oneTopic, "q1\ttext of q1\n");
        CommandRun.Outcome result = evaluate("--topics", oneTopic.toString(), "--qrels", resource("qrels.txt").toString(),
                "--endpoint", vespa.endpoint().toString(), "--mode", "e5", "--exact", "--language", "sw",
                "--param", "ranking.matching.numThreadsPerSearch=2", "--run", dir.resolve("r.run").toString());
        assertEquals(0, result.exit(), result.out() + result.err());
        Map<String, String> request = vespa.searchRequests().get(0);
        assertEquals("text of q1", request.get("embedlab.text"));
        assertEquals("select doc_id from passage where {targetHits:100, approximate:false}nearestNeighbor(e5_embedding, q_e5)",
                request.get("yql"));
        assertEquals("e5", request.get("ranking"));
        assertEquals("minimal", request.get("presentation.summary"));
        assertEquals("100", request.get("hits"));
        assertEquals("sw", request.get("language"));
        assertEquals("2", request.get("ranking.matching.numThreadsPerSearch"));
        assertTrue(request.keySet().stream().noneMatch(k -> k.startsWith("input.query")), request.toString());
    }

    @Test
    void aRefusedConnectionIsOneLineNamingTheEndpointAndNoQueryRuns() throws Exception {
        URI closed = Feeds.closedLocalPort();
        Path run = dir.resolve("refused.run");
        CommandRun.Outcome result = evaluate("--topics", topics().toString(), "--qrels", resource("qrels.txt").toString(),
                "--endpoint", closed.toString(), "--run", run.toString(), "--json", dir.resolve("refused.json").toString());
        assertEquals(2, result.exit(), result.out() + result.err());
        assertEquals(List.of("evaluate: cannot connect to " + closed + ": ConnectException: Connection refused; "
                + "no query was run (0 of 6 queries run)"), result.err().lines().toList());
        assertEquals("", result.out());
        assertFalse(Files.exists(run), "no run file for queries that never ran");
        assertFalse(Files.exists(dir.resolve("refused.json")));
    }

    @Test
    void malformedQrelsStopBeforeAnyQueryIsSent() throws Exception {
        Path qrels = dir.resolve("bad.qrels");
        Files.writeString(qrels, "q1 0 d1 1\nq1 0 d2\n");
        CommandRun.Outcome result = evaluate("--topics", topics().toString(), "--qrels", qrels.toString(),
                "--endpoint", vespa.endpoint().toString());
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("bad.qrels:2: expected 4 columns"), result.err());
        assertTrue(vespa.searchRequests().isEmpty());
    }
}
