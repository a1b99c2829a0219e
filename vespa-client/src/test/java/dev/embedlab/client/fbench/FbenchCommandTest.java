package dev.embedlab.client.fbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.client.CommandRun;
import dev.embedlab.client.fakevespa.FakeVespa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `embedlab fbench` with vespa-fbench replaced by recorded output (the tool itself cannot run here) and the
 * pre-flight and warm-up requests answered by an in-process server speaking Vespa's /search/ contract.
 */
class FbenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the wrapper shell's {@code times} prints after fbench: 12.50 s user + 3.25 s sys of its children. */
    static final String TIMES = FbenchCpu.MARKER + "\n0m0.01s 0m0.00s\n0m12.50s 0m3.25s\n";

    @TempDir
    Path dir;

    /**
     * Answers a vespa-fbench command with the recorded summary for its -n value; records every command and, per
     * command, how many /search/ requests the server had seen when it ran.
     */
    static final class RecordedFbench implements CommandExecutor {
        final List<List<String>> commands = new CopyOnWriteArrayList<>();
        final List<Integer> searchesBefore = new CopyOnWriteArrayList<>();
        final String failuresAt;
        final IntSupplier searches;
        /** When set, the recorded output every fbench command gets. */
        String fixture;

        RecordedFbench(String failuresAt, IntSupplier searches) {
            this.failuresAt = failuresAt;
            this.searches = searches;
        }

        RecordedFbench() {
            this(null, () -> 0);
        }

        @Override
        public Result run(List<String> command, java.time.Duration timeout) {
            commands.add(command);
            searchesBefore.add(searches.getAsInt());
            if (command.contains("cp")) return new Result(0, "", "");
            String clients = command.get(command.indexOf("-n") + 1);
            try {
                String file = fixture != null ? fixture
                        : clients.equals(failuresAt) ? "failures-c16.txt" : "ramp-c" + clients + ".txt";
                return new Result(0, FbenchSummaryParserTest.fixture(file), TIMES);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private CommandRun.Outcome fbench(CommandExecutor executor, String... args) {
        FbenchCommand fbench = new FbenchCommand();
        fbench.executor = executor;
        return CommandRun.run(fbench, (commandLine, out, err) -> {
            fbench.out = out;
            fbench.err = err;
        }, args);
    }

    private Path topics() throws Exception {
        Path topics = dir.resolve("topics.tsv");
        Files.writeString(topics, "1#0\tBandari kubwa nchini Kenya iko wapi?\n2#0\t/etc/passwd \"quoted\" text\n");
        return topics;
    }

    /** The JSON bodies of a POST query file (every second line). */
    private static List<JsonNode> bodies(Path queryFile) throws Exception {
        List<String> lines = Files.readAllLines(queryFile);
        List<JsonNode> bodies = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            assertEquals("/search/", lines.get(i), queryFile + ":" + (i + 1));
            bodies.add(JSON.readTree(lines.get(i + 1)));
        }
        return bodies;
    }

    /** A Vespa whose every search matches one passage (598#0): retrieval's pre-flight needs a non-empty index. */
    static FakeVespa vespaWithAPassage() throws Exception {
        return new FakeVespa().searcher(params -> new FakeVespa.SearchReply(200, FakeVespa.result(
                List.of(new AbstractMap.SimpleEntry<>("598#0", 0.9)))));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void rampInTheContainerNamesFormKindWhereAndFbenchCpu() throws Exception {
        try (FakeVespa vespa = vespaWithAPassage()) {
            RecordedFbench fbench = new RecordedFbench(null, () -> vespa.searchRequests().size());
            Path out = dir.resolve("out");
            CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--mode", "e5", "--explore-additional-hits", "100",
                    "--container", "vespa", "--seconds", "30", "--out", out.toString(), "--endpoint", vespa.endpoint().toString());
            assertEquals(0, o.exit(), o.out() + o.err());

            assertEquals(List.of("docker", "cp", out.resolve("queries.txt").toString(), "vespa:/tmp/embedlab-fbench-queries.txt"),
                    fbench.commands.get(0));
            assertEquals(List.of("docker", "exec", "vespa", "sh", "-c", FbenchCpu.WRAPPER, "sh", "/opt/vespa/bin/vespa-fbench",
                    "-P", "-n", "4", "-s", "30", "-c", "0", "-q", "/tmp/embedlab-fbench-queries.txt", "localhost", "8080"),
                    fbench.commands.get(3));
            assertEquals(6, fbench.commands.size());
            // vespa, the default form: one pre-flight request, no warm-up, Vespa's own embed() in every body
            assertEquals(1, vespa.searchRequests().size());
            Map<String, String> probe = vespa.searchRequests().get(0);
            assertEquals("embed(e5, @text)", probe.get("input.query(q_e5)"));
            assertFalse(probe.containsKey("embedlab.text"), probe.toString());

            assertTrue(o.out().contains("- embedding: vespa: Vespa embeds every request"), o.out());
            assertTrue(o.out().contains("- kind: retrieval: select doc_id from passage where {targetHits:100, approximate:true, "
                    + "hnsw.exploreAdditionalHits:100}nearestNeighbor(e5_embedding, q_e5)"), o.out());
            assertTrue(o.out().contains("- where: vespa-fbench ran inside Docker container 'vespa' (docker exec) against "
                    + "localhost:8080: it shares that container's CPUs with Vespa"), o.out());
            assertTrue(o.out().contains("| 1 | vespa | retrieval | 3.99 | 5.60 | 8.10 | 250.4 | 0 | 0 | 15.8 | |"), o.out());
            assertTrue(o.out().contains("| 16 | vespa | retrieval | 20.01 | 38.50 | 54.60 | 798.7 | 0 | 0 | 15.8 | |"), o.out());
            List<String> csv = Files.readAllLines(out.resolve("fbench.csv"));
            assertEquals("clients,embedding,kind,avg_ms,p50_ms,p95_ms,p99_ms,qps,successful,failed,non200,fbench_cpu_s,"
                    + "fbench_where,unique_texts,flagged", csv.get(0));
            assertEquals("8,vespa,retrieval,10.49,9.80,19.60,27.90,761.88,22860,0,0,15.75,docker exec vespa,,false", csv.get(4));
            assertTrue(Files.readString(out.resolve("fbench.md")).contains("| 2 | vespa | retrieval |"));
            BufferedImage png = ImageIO.read(out.resolve("fbench-latency-vs-qps.png").toFile());
            assertEquals(800, png.getWidth());
            assertTrue(Files.readString(out.resolve("fbench-c16.txt")).contains("Benchmark Summary"));
        }
    }

    @Test
    void vespaFormDryRunPrintsTheUrlAndBodiesWithEmbedAndNoCacheParameter() throws Exception {
        Path out = dir.resolve("vespa");
        RecordedFbench fbench = new RecordedFbench();
        CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--mode", "static", "--out", out.toString(),
                "--dry-run", "--clients", "1,2");
        assertEquals(0, o.exit(), o.err());
        assertTrue(fbench.commands.isEmpty(), "a dry run runs nothing");
        List<String> printed = o.out().lines().toList();
        assertTrue(o.out().contains("# requests: POST http://localhost:8080/search/ (as fbench sees it), 2 in "
                + out.resolve("queries.txt")), o.out());
        List<JsonNode> printedBodies = new ArrayList<>();
        for (String line : printed) if (line.startsWith("{")) printedBodies.add(JSON.readTree(line));
        assertEquals(bodies(out.resolve("queries.txt")), printedBodies, "the dry run prints the exact bodies of the file");
        for (JsonNode body : printedBodies) {
            assertEquals("embed(static, @text)", body.path("input.query(q_static)").asText(), body.toString());
            assertFalse(body.has("embedlab.text"), body.toString());
            assertEquals("static", body.path("ranking").asText());
        }
        assertEquals("/etc/passwd \"quoted\" text", printedBodies.get(1).path("text").asText());
        assertTrue(o.out().contains("# embedding: vespa: "), o.out());
        assertTrue(o.out().contains("# warm-up: none: Vespa's embed() has no cache to warm"), o.out());
        assertTrue(o.out().contains("# pre-flight: one POST to http://localhost:8080/search/"), o.out());
        assertTrue(o.out().contains("vespa-fbench -P -n 2 -s 30 -c 0 -q " + out.resolve("queries.txt") + " localhost 8080"), o.out());
    }

    @Test
    void cachedQueryFileHasUrlLinesAndOneLineJsonBodiesWithTheCacheParameter() throws Exception {
        Path out = dir.resolve("dry");
        CommandRun.Outcome o = fbench(new RecordedFbench(), "--topics", topics().toString(), "--mode", "hybrid",
                "--embed", "cached", "--out", out.toString(), "--dry-run", "--clients", "1,2");
        assertEquals(0, o.exit(), o.err());
        List<String> lines = Files.readAllLines(out.resolve("queries.txt"));
        assertEquals(4, lines.size());
        assertEquals("/search/", lines.get(0));
        assertEquals("/search/", lines.get(2));
        JsonNode body = JSON.readTree(lines.get(3));
        assertTrue(lines.get(3).startsWith("{"), "a body line must not start with '/'");
        assertEquals("/etc/passwd \"quoted\" text", body.get("embedlab.text").asText());
        assertFalse(body.has("input.query(q_e5)"));
        assertEquals("hybrid", body.get("ranking").asText());
        assertTrue(o.out().contains("# warm-up: will send each of the 2 topic bodies once to http://localhost:8080/search/ "
                + "before the timed runs (untimed)"), o.out());
    }

    @Test
    void cachedFormWarmsTheCacheWithEveryTopicBeforeAnyTimedRun() throws Exception {
        try (FakeVespa vespa = vespaWithAPassage()) {
            RecordedFbench fbench = new RecordedFbench(null, () -> vespa.searchRequests().size());
            CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--embed", "cached", "--clients", "1,2",
                    "--out", dir.resolve("cached").toString(), "--endpoint", vespa.endpoint().toString());
            assertEquals(0, o.exit(), o.out() + o.err());
            List<String> texts = vespa.searchRequests().stream().map(r -> r.get("embedlab.text")).toList();
            assertEquals(List.of("Bandari kubwa nchini Kenya iko wapi?", "Bandari kubwa nchini Kenya iko wapi?",
                    "/etc/passwd \"quoted\" text"), texts, "pre-flight, then each topic once");
            assertEquals(List.of(3, 3), fbench.searchesBefore, "the warm-up is done before the first fbench run");
            assertTrue(o.err().contains("fbench: warm-up: sent each of the 2 topic bodies once (untimed)"), o.err());
            assertTrue(o.out().contains("- warm-up: sent each of the 2 topic bodies once to " + vespa.endpoint().resolve("/search/")), o.out());
            assertTrue(o.out().contains("| 1 | cached | retrieval |"), o.out());
        }
    }

    @Test
    void coldFormNeverRepeatsATextOverTheWholeRun() throws Exception {
        Path out = dir.resolve("cold");
        RecordedFbench fbench = new RecordedFbench();
        CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--embed", "cold", "--clients", "1,2,4",
                "--seconds", "2", "--cold-max-qps", "50", "--container", "vespa", "--out", out.toString(), "--dry-run");
        assertEquals(0, o.exit(), o.err());
        List<Path> files = List.of(out.resolve("queries-cold-1-c1.txt"), out.resolve("queries-cold-2-c2.txt"),
                out.resolve("queries-cold-3-c4.txt"));
        Set<String> texts = new HashSet<>();
        int requests = 0;
        for (Path file : files) {
            List<JsonNode> bodies = bodies(file);
            assertEquals(100, bodies.size(), "seconds x --cold-max-qps requests in " + file);
            for (JsonNode body : bodies) {
                String text = body.path("embedlab.text").asText();
                assertTrue(text.startsWith("Bandari kubwa nchini Kenya iko wapi? ") || text.startsWith("/etc/passwd \"quoted\" text "), text);
                assertFalse(body.has("input.query(q_e5)"));
                texts.add(text);
                requests++;
            }
        }
        assertEquals(300, requests);
        assertEquals(requests, texts.size(), "every request of the run has a text of its own");
        for (Path file : files) {
            assertTrue(o.out().contains("docker cp " + file + " vespa:/tmp/embedlab-fbench-" + file.getFileName()), o.out());
            assertTrue(o.out().contains("-z -r 0 -q /tmp/embedlab-fbench-" + file.getFileName() + " localhost 8080"), o.out());
        }
        assertTrue(o.out().contains("# warm-up: none: every request carries a text the cache has not seen"), o.out());
    }

    @Test
    void coldRampReportsHowManyOfItsTextsWereSent() throws Exception {
        try (FakeVespa vespa = vespaWithAPassage()) {
            RecordedFbench fbench = new RecordedFbench();
            fbench.fixture = "cold-c1.txt";
            CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--embed", "cold",
                    "--clients", "1", "--seconds", "2", "--cold-max-qps", "5", "--ignore-first", "2",
                    "--out", dir.resolve("c").toString(), "--endpoint", vespa.endpoint().toString());
            assertEquals(0, o.exit(), o.out() + o.err());
            String probe = vespa.searchRequests().get(0).get("embedlab.text");
            List<String> fileTexts = bodies(dir.resolve("c/queries-cold-1-c1.txt")).stream()
                    .map(b -> b.path("embedlab.text").asText()).toList();
            assertFalse(fileTexts.contains(probe), "the pre-flight text is not one the timed run sends: " + probe);
            assertTrue(o.out().contains("| 1 | cold | retrieval | 3.99 |"), o.out());
            // 8 successful + the 2 results -i ignored: the whole file of 10
            assertTrue(o.out().contains("10 of 10 unique texts sent: the file ran out"), o.out());

            fbench.fixture = null;
            CommandRun.Outcome plenty = fbench(fbench, "--topics", topics().toString(), "--embed", "cold",
                    "--clients", "1", "--seconds", "2", "--cold-max-qps", "5000", "--out", dir.resolve("p").toString(),
                    "--endpoint", vespa.endpoint().toString());
            assertEquals(0, plenty.exit(), plenty.out() + plenty.err());
            assertTrue(plenty.out().contains("| 7512 of 10000 unique texts sent |"), plenty.out());
        }
    }

    @Test
    void rampOptionsBelowOneAndRepeatedClientCountsAreRefused() throws Exception {
        for (List<String> bad : List.of(List.of("--seconds", "0"), List.of("--clients", "1,0"), List.of("--clients", "1,2,1"),
                List.of("--ignore-first", "-1"))) {
            List<String> args = new ArrayList<>(List.of("--topics", topics().toString(), "--out", dir.resolve("bad").toString(),
                    "--dry-run"));
            args.addAll(bad);
            CommandRun.Outcome o = fbench(new RecordedFbench(), args.toArray(String[]::new));
            assertEquals(2, o.exit(), bad + ": " + o.out() + o.err());
            assertTrue(o.err().startsWith("fbench: " + bad.get(0) + " "), o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
        }
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    /** fbench formats -q with snprintf(pattern, client number): a '%' in the output path must reach it doubled. */
    @Test
    void aPercentSignInTheOutputPathIsEscapedForFbench() throws Exception {
        Path out = dir.resolve("100%-load");
        CommandRun.Outcome o = fbench(new RecordedFbench(), "--topics", topics().toString(), "--clients", "1",
                "--out", out.toString(), "--dry-run");
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.isRegularFile(out.resolve("queries.txt")));
        assertTrue(o.out().contains(" -q " + dir.resolve("100%%-load").resolve("queries.txt") + " localhost 8080"), o.out());
    }

    @Test
    void anEndpointWithoutSchemeOrHostAndAnHttpsEndpointAreRefusedUpFront() throws Exception {
        CommandRun.Outcome bare = fbench(new RecordedFbench(), "--topics", topics().toString(), "--endpoint", "localhost:8080",
                "--out", dir.resolve("e").toString());
        assertEquals(2, bare.exit(), bare.out() + bare.err());
        assertEquals("fbench: --endpoint must be an http:// or https:// URL with a host, e.g. http://localhost:8080/, "
                + "got 'localhost:8080'", bare.err().strip());
        CommandRun.Outcome https = fbench(new RecordedFbench(), "--topics", topics().toString(), "--endpoint",
                "https://vespa.example:443/", "--out", dir.resolve("e").toString());
        assertEquals(2, https.exit(), https.out() + https.err());
        assertEquals("fbench: --endpoint https://vespa.example:443/ is https, but vespa-fbench is given no TLS options "
                + "here (it would send plain HTTP to localhost:8080); use an http endpoint", https.err().strip());
        assertFalse(Files.exists(dir.resolve("e")));
    }

    @Test
    void coldMaxQpsMustBePositiveAndOnlyMattersForTheColdForm() throws Exception {
        CommandRun.Outcome cold = fbench(new RecordedFbench(), "--topics", topics().toString(), "--embed", "cold",
                "--cold-max-qps", "0", "--out", dir.resolve("zero").toString(), "--dry-run");
        assertEquals(2, cold.exit(), cold.out() + cold.err());
        assertEquals("fbench: --cold-max-qps must be at least 1, got 0", cold.err().strip());
        assertFalse(Files.exists(dir.resolve("zero")), "no empty query file written");

        CommandRun.Outcome vespa = fbench(new RecordedFbench(), "--topics", topics().toString(), "--cold-max-qps", "0",
                "--clients", "1", "--out", dir.resolve("vespa").toString(), "--dry-run");
        assertEquals(0, vespa.exit(), vespa.out() + vespa.err());
    }

    @Test
    void cachedAndColdFormsAreRefusedForAModeWithoutACache() throws Exception {
        RecordedFbench fbench = new RecordedFbench();
        CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--mode", "static", "--embed", "cold",
                "--out", dir.resolve("s").toString(), "--dry-run");
        assertEquals(2, o.exit(), o.out() + o.err());
        assertEquals("fbench: --embed cold measures cache hits or misses, but mode static has no cache: services.xml "
                + "maps its embedder static with <cache>false</cache> (use --embed vespa)", o.err().strip());
        assertFalse(Files.exists(dir.resolve("s")), "nothing written");
    }

    @Test
    void embeddingCostKindIsTheBlogsOneDocumentProbe() throws Exception {
        Path out = dir.resolve("cost");
        CommandRun.Outcome o = fbench(new RecordedFbench(), "--topics", topics().toString(), "--kind", "embedding-cost",
                "--doc-id", "71#13", "--out", out.toString(), "--dry-run");
        assertEquals(0, o.exit(), o.err());
        for (JsonNode body : bodies(out.resolve("queries.txt"))) {
            assertEquals("select doc_id from passage where rank(doc_id contains \"71#13\", "
                    + "{targetHits:1}nearestNeighbor(e5_embedding, q_e5))", body.path("yql").asText());
            assertEquals(0, body.path("hits").asInt(-1));
            assertEquals("embed(e5, @text)", body.path("input.query(q_e5)").asText());
        }
        assertTrue(o.out().contains("# kind: embedding-cost: select doc_id from passage where rank(doc_id contains \"71#13\""), o.out());
        assertTrue(o.out().contains("doc_id 71#13 matches"), o.out());

        CommandRun.Outcome bm25 = fbench(new RecordedFbench(), "--topics", topics().toString(), "--kind", "embedding-cost",
                "--mode", "bm25", "--out", dir.resolve("x").toString(), "--dry-run");
        assertEquals(2, bm25.exit());
        assertTrue(bm25.err().contains("mode bm25 embeds nothing"), bm25.err());
    }

    @Test
    void embeddingCostStopsWhenItsDocumentIsNotThere() throws Exception {
        try (FakeVespa vespa = new FakeVespa()) {
            RecordedFbench fbench = new RecordedFbench();
            CommandRun.Outcome missing = fbench(fbench, "--topics", topics().toString(), "--kind", "embedding-cost",
                    "--out", dir.resolve("m").toString(), "--endpoint", vespa.endpoint().toString());
            assertEquals(2, missing.exit(), missing.out() + missing.err());
            assertEquals("fbench: doc_id '598#0' matched no document at " + vespa.endpoint() + ": --kind embedding-cost "
                    + "needs the doc_id of a fed passage (--doc-id); no vespa-fbench run started (pre-flight request, "
                    + "e5-embedding-cost-vespa)", missing.err().strip());
            assertTrue(fbench.commands.isEmpty());

            vespa.searcher(params -> new FakeVespa.SearchReply(200, FakeVespa.result(
                    List.of(new AbstractMap.SimpleEntry<>("598#0", 0.9)))));
            CommandRun.Outcome found = fbench(fbench, "--topics", topics().toString(), "--kind", "embedding-cost",
                    "--clients", "1", "--out", dir.resolve("f").toString(), "--endpoint", vespa.endpoint().toString());
            assertEquals(0, found.exit(), found.out() + found.err());
            assertTrue(found.out().contains("| 1 | vespa | embedding-cost | 3.99 |"), found.out());
        }
    }

    @Test
    void aRefusedConnectionIsOneLineAndNoFbenchRun() throws Exception {
        int port = closedPort();
        RecordedFbench fbench = new RecordedFbench();
        CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--out", dir.resolve("r").toString(),
                "--endpoint", "http://127.0.0.1:" + port + "/");
        assertEquals(2, o.exit(), o.out() + o.err());
        assertEquals("fbench: cannot connect to http://127.0.0.1:" + port + "/search/: ConnectException: Connection refused; "
                + "no vespa-fbench run started (pre-flight request, e5-approx-t100-e0-vespa)", o.err().strip());
        assertTrue(fbench.commands.isEmpty(), "nothing was run: " + fbench.commands);
        assertEquals("", o.out());
        assertFalse(Files.exists(dir.resolve("r")), "the pre-flight comes before any query file is written");
    }

    @Test
    void anEmptyIndexStopsARetrievalRunBeforeAnyQueryFileIsWritten() throws Exception {
        try (FakeVespa vespa = new FakeVespa()) {
            RecordedFbench fbench = new RecordedFbench();
            Path out = dir.resolve("empty");
            CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--embed", "cold", "--out", out.toString(),
                    "--endpoint", vespa.endpoint().toString());
            assertEquals(2, o.exit(), o.out() + o.err());
            assertEquals("fbench: " + vespa.endpoint().resolve("/search/") + " matched no document for a e5 search: the "
                    + "index holds no passages (feed the corpus first); no vespa-fbench run started (pre-flight request, "
                    + "e5-approx-t100-e0-cold)", o.err().strip());
            assertTrue(fbench.commands.isEmpty());
            assertFalse(Files.exists(out), "the pre-flight comes before the (large) cold query files");
        }
    }

    @Test
    void aRunWithFailuresOrNon200AnswersIsFlaggedAndExitsOne() throws Exception {
        try (FakeVespa vespa = vespaWithAPassage()) {
            CommandRun.Outcome o = fbench(new RecordedFbench("16", () -> 0), "--topics", topics().toString(),
                    "--out", dir.resolve("f").toString(), "--endpoint", vespa.endpoint().toString());
            assertEquals(1, o.exit(), o.out() + o.err());
            assertTrue(o.out().contains("**flagged: 37 failed requests; 157 non-200 answers (400 x 120, 503 x 37)"), o.out());
            assertTrue(o.err().contains("16 client(s) FLAGGED"), o.err());
        }
    }
}
