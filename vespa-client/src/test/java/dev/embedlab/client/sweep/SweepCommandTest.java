package dev.embedlab.client.sweep;

import dev.embedlab.client.CommandRun;
import dev.embedlab.testsupport.TestData;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;
import dev.embedlab.core.metrics.TrecRunFile;
import dev.embedlab.client.fakevespa.FakeVespa;
import dev.embedlab.client.fbench.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweeps: the printed plan, and a whole small sweep against the fake Vespa with recorded CLI/fbench output. */
class SweepCommandTest {

    @TempDir
    Path dir;

    /** Answers vespa deploy / docker exec restart / docker cp with success and vespa-fbench with a recorded summary. */
    static final class FakeTools implements CommandExecutor {
        final List<List<String>> commands = new CopyOnWriteArrayList<>();
        /** The recorded fbench output every fbench command gets. */
        String fbenchFixture = "ramp-c1.txt";

        @Override
        public Result run(List<String> command, java.time.Duration timeout) {
            commands.add(command);
            if (command.stream().anyMatch(c -> c.endsWith("vespa-fbench"))) {
                try {
                    return new Result(0, java.nio.file.Files.readString(Path.of(SweepCommandTest.class.getResource("/fbench/" + fbenchFixture).toURI())),
                            dev.embedlab.client.fbench.FbenchCpu.MARKER + "\n0m0.01s 0m0.00s\n0m12.50s 0m3.25s\n");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return new Result(0, "ok", "");
        }
    }

    private CommandRun.Outcome sweep(CommandExecutor tools, String kind, String... args) {
        List<String> all = new ArrayList<>(List.of(kind));
        all.addAll(List.of(args));
        return CommandRun.run(new SweepCommand(), (commandLine, out, err) -> {
            SweepCommand.Base command = commandLine.getSubcommands().get("sweep").getSubcommands().get(kind).getCommand();
            command.out = out;
            command.err = err;
            command.executor = tools;
        }, all.toArray(String[]::new));
    }

    static Path resource(String name) throws Exception {
        return TestData.metricsExample(name);
    }

    @Test
    void dryRunPrintsTheBlogGridPlanAndTouchesNothingButCopies() throws Exception {
        FakeTools tools = new FakeTools();
        Path out = dir.resolve("plan");
        CommandRun.Outcome o = sweep(tools, "hnsw", "--topics", "t.tsv", "--qrels", "q.tsv", "--corpus", "missing-corpus.jsonl.zst",
                "--application", ApplicationPackageEditorTest.realApplication().toString(), "--container", "vespa",
                "--out", out.toString(), "--dry-run");
        assertEquals(0, o.exit(), o.out() + o.err());
        assertTrue(tools.commands.isEmpty(), "a dry run runs nothing: " + tools.commands);
        String plan = o.out();
        assertEquals(2, count(plan, "vespa deploy --target http://localhost:19071 --wait 600 "));
        assertEquals(2, count(plan, "docker exec vespa /opt/vespa/bin/vespa-sentinel-cmd restart searchnode"));
        assertEquals(2, count(plan, "embedlab feed --endpoint"), "refeed when neighbors-to-explore-at-insert changes");
        assertEquals(7, count(plan, "embedlab evaluate "), "exact once + 2 settings x 3 exploreAdditionalHits");
        assertEquals(2, count(plan, "--exact "), "exact evaluate and exact fbench, once");
        assertEquals(6, count(plan, "--baseline " + out.resolve("runs/exact.run")));
        assertEquals(7, count(plan, "embedlab fbench "));
        assertEquals(7, count(plan, "--embed vespa "), "the fbench rows name their embedding form, vespa by default");
        assertEquals(7, count(plan, "embedding vespa, kind retrieval"));
        for (String e : List.of("0", "100", "300")) assertEquals(4, count(plan, "--explore-additional-hits " + e + " "));
        assertTrue(plan.contains("every corpus document"), plan);
        assertTrue(plan.contains("# 7 table rows: exact, m16-n100-e0, m16-n100-e100, m16-n100-e300, m32-n500-e0, m32-n500-e100, m32-n500-e300"), plan);
        assertArrayEquals(new int[] {16, 100}, ApplicationPackageEditor.readHnsw(out.resolve("app-16-100"), "passage", "e5_embedding"));
        assertArrayEquals(new int[] {32, 500}, ApplicationPackageEditor.readHnsw(out.resolve("app-32-500"), "passage", "e5_embedding"));
    }

    @Test
    void refeedNeverAndThreadsPlans() throws Exception {
        Path app = ApplicationPackageEditorTest.realApplication();
        CommandRun.Outcome never = sweep(new FakeTools(), "hnsw", "--topics", "t.tsv", "--qrels", "q.tsv", "--application", app.toString(),
                "--out", dir.resolve("n").toString(), "--refeed", "NEVER", "--skip-fbench", "--dry-run");
        assertEquals(0, never.exit(), never.err());
        assertEquals(0, count(never.out(), "embedlab feed"));
        assertEquals(0, count(never.out(), "embedlab fbench"));
        assertTrue(never.out().contains("# restart the search node yourself (no --container given)"), never.out());

        CommandRun.Outcome threads = sweep(new FakeTools(), "threads", "--topics", "t.tsv", "--qrels", "q.tsv", "--application", app.toString(),
                "--out", dir.resolve("t").toString(), "--threads-per-search", "1,2,4,8", "--dry-run");
        assertEquals(0, threads.exit(), threads.err());
        assertEquals(1, count(threads.out(), "vespa deploy --target"));
        assertEquals(8, count(threads.out(), "embedlab evaluate"));
        assertEquals(4, count(threads.out(), "--param ranking.matching.numThreadsPerSearch=8"), "evaluate and fbench, exact and approximate");
        assertTrue(Files.readString(dir.resolve("t/app-persearch-8/services.xml")).contains("<persearch>8</persearch>"));
    }

    @Test
    void aWholeSweepAgainstTheFakeVespaGivesTheTable() throws Exception {
        Run exact = TrecRunFile.read(resource("baseline.txt"));
        Run approx = TrecRunFile.read(resource("run.txt"));
        Path topics = dir.resolve("topics.tsv");
        Files.writeString(topics, "q1\ttext of q1\nq2\ttext of q2\nq3\ttext of q3\n");
        try (FakeVespa vespa = new FakeVespa()) {
            vespa.searcher(params -> {
                String yql = params.get("yql");
                if (!yql.contains("nearestNeighbor")) {  // the readiness probe
                    return new FakeVespa.SearchReply(200, FakeVespa.result(List.of(new AbstractMap.SimpleEntry<>("d1", 1.0))));
                }
                Run source = yql.contains("approximate:false") ? exact : approx;
                String text = params.containsKey("embedlab.text") ? params.get("embedlab.text") : params.get("text");
                String qid = text.replace("text of ", "");
                List<Map.Entry<String, Double>> hits = new ArrayList<>();
                for (RunEntry e : source.of(qid)) hits.add(new AbstractMap.SimpleEntry<>(e.docId(), e.score()));
                return new FakeVespa.SearchReply(200, FakeVespa.result(hits));
            });
            FakeTools tools = new FakeTools();
            Path out = dir.resolve("sweep");
            CommandRun.Outcome o = sweep(tools, "hnsw", "--topics", topics.toString(), "--qrels", resource("qrels.txt").toString(),
                    "--application", ApplicationPackageEditorTest.realApplication().toString(),
                    "--endpoint", vespa.endpoint().toString(), "--container", "vespa", "--grid", "16/100",
                    "--explore", "0,100", "--refeed", "NEVER", "--out", out.toString(), "--wait-seconds", "20");
            assertEquals(0, o.exit(), o.out() + o.err());

            assertEquals(List.of("vespa", "deploy", "--target", "http://localhost:19071", "--wait", "20",
                    out.resolve("app-16-100").toString()), tools.commands.get(0));
            assertEquals(List.of("docker", "exec", "vespa", "/opt/vespa/bin/vespa-sentinel-cmd", "restart", "searchnode"),
                    tools.commands.get(1));
            // exact: q1..q3 of the baseline against the hand-worked qrels; approximate: the hand-worked run.
            String table = o.out();
            assertTrue(table.contains("| exact | | | vespa | retrieval | 0.6667 | 1.0000 | 5.6 | 250 | |"), table);
            assertTrue(table.contains("| 16 | 100 | 0 | vespa | retrieval | 0.3919 | 0.8889 | 5.6 | 250 | |"), table);
            assertTrue(table.contains("vespa-fbench ran inside Docker container 'vespa' (docker exec)"), table);
            List<String> csv = Files.readAllLines(out.resolve("sweep-hnsw.csv"));
            assertEquals(4, csv.size());
            assertEquals("m16-n100-e0,approximate,16,100,0,,0.3919,0.6667,0.3333,0.8889,3.9900,5.6000,250.3900,0,false,"
                    + "vespa,retrieval,15.75", csv.get(2));
            // each fbench row checks the endpoint with one request in its own form: Vespa's embed(), no embedlab.text
            List<Map<String, String>> probes = vespa.searchRequests().stream()
                    .filter(r -> r.containsKey("input.query(q_e5)")).toList();
            assertEquals(3, probes.size(), "one pre-flight per fbench row");
            assertTrue(probes.stream().noneMatch(r -> r.containsKey("embedlab.text")), probes.toString());
            assertEquals("embed(e5, @text)", probes.get(0).get("input.query(q_e5)"));
            assertEquals(800, ImageIO.read(out.resolve("sweep-hnsw.png").toFile()).getWidth());
            assertTrue(Files.isRegularFile(out.resolve("runs/exact.run")));
        }
    }

    @Test
    void aCachedOrColdSweepOfAModeWithoutACacheIsRefusedInOneLine() throws Exception {
        FakeTools tools = new FakeTools();
        CommandRun.Outcome o = sweep(tools, "threads", "--topics", "t.tsv", "--qrels", "q.tsv", "--mode", "e5-fast",
                "--embed", "cached", "--application", ApplicationPackageEditorTest.realApplication().toString(),
                "--out", dir.resolve("refused").toString(), "--dry-run");
        assertEquals(2, o.exit(), o.out() + o.err());
        assertEquals("sweep: --embed cached measures cache hits or misses, but mode e5-fast has no cache: services.xml "
                + "maps its embedder e5_fast with <cache>false</cache> (use --embed vespa)", o.err().strip());
        assertTrue(tools.commands.isEmpty());
    }

    @Test
    void fbenchSecondsAndClientsMustBeAtLeastOne() throws Exception {
        for (String option : List.of("--fbench-seconds", "--fbench-clients")) {
            CommandRun.Outcome o = sweep(new FakeTools(), "threads", "--topics", "t.tsv", "--qrels", "q.tsv", option, "0",
                    "--application", ApplicationPackageEditorTest.realApplication().toString(),
                    "--out", dir.resolve("zero").toString(), "--dry-run");
            assertEquals(2, o.exit(), o.out() + o.err());
            assertEquals("sweep: " + option + " must be at least 1, got 0", o.err().strip());
        }
    }

    @Test
    void anEndpointWithoutSchemeIsRefusedNamingTheOption() throws Exception {
        CommandRun.Outcome o = sweep(new FakeTools(), "threads", "--topics", "t.tsv", "--qrels", "q.tsv",
                "--endpoint", "localhost:8080", "--application", ApplicationPackageEditorTest.realApplication().toString(),
                "--out", dir.resolve("e").toString(), "--dry-run");
        assertEquals(2, o.exit(), o.out() + o.err());
        assertEquals("sweep: --endpoint must be an http:// or https:// URL with a host, e.g. http://localhost:8080/, "
                + "got 'localhost:8080'", o.err().strip());
    }

    @Test
    void aColdSweepNeedsAtLeastOneColdTextPerSecond() throws Exception {
        CommandRun.Outcome o = sweep(new FakeTools(), "threads", "--topics", "t.tsv", "--qrels", "q.tsv",
                "--embed", "cold", "--cold-max-qps", "0", "--application",
                ApplicationPackageEditorTest.realApplication().toString(), "--out", dir.resolve("zero").toString(), "--dry-run");
        assertEquals(2, o.exit(), o.out() + o.err());
        assertEquals("sweep: --cold-max-qps must be at least 1, got 0", o.err().strip());
    }

    @Test
    void aCachedSweepWarmsTheCacheBeforeEachFbenchRow() throws Exception {
        Path topics = dir.resolve("topics.tsv");
        Files.writeString(topics, "q1\ttext of q1\nq2\ttext of q2\n");
        try (FakeVespa vespa = new FakeVespa()) {
            vespa.searcher(params -> new FakeVespa.SearchReply(200, FakeVespa.result(List.of(new AbstractMap.SimpleEntry<>("d1", 1.0)))));
            FakeTools tools = new FakeTools();
            Path out = dir.resolve("cached");
            CommandRun.Outcome o = sweep(tools, "threads", "--topics", topics.toString(), "--qrels", resource("qrels.txt").toString(),
                    "--application", ApplicationPackageEditorTest.realApplication().toString(), "--endpoint", vespa.endpoint().toString(),
                    "--threads-per-search", "1", "--search", "exact", "--embed", "cached", "--container", "vespa",
                    "--out", out.toString(), "--wait-seconds", "20");
            assertEquals(0, o.exit(), o.out() + o.err());
            assertTrue(o.err().contains("sweep: exact-threads1: warm-up: sent each of the 2 topic bodies once (untimed)"), o.err());
            assertTrue(o.out().contains("| exact | 1 | cached | retrieval |"), o.out());
            assertTrue(o.out().contains("vespa-fbench ran inside Docker container 'vespa' (docker exec) against localhost:8080"), o.out());
            // evaluate (2), pre-flight (1), warm-up (2): all through the cache searcher's parameter
            long cacheRequests = vespa.searchRequests().stream().filter(r -> r.containsKey("embedlab.text")).count();
            assertEquals(5, cacheRequests, vespa.searchRequests().toString());
            assertTrue(vespa.searchRequests().stream().noneMatch(r -> r.containsKey("input.query(q_e5)")));
        }
    }

    @Test
    void aColdSweepRowSendsTextsNoOtherRowSends() throws Exception {
        Path topics = dir.resolve("topics.tsv");
        Files.writeString(topics, "q1\ttext of q1\nq2\ttext of q2\n");
        try (FakeVespa vespa = new FakeVespa()) {
            vespa.searcher(params -> new FakeVespa.SearchReply(200, FakeVespa.result(List.of(new AbstractMap.SimpleEntry<>("d1", 1.0)))));
            Path out = dir.resolve("cold");
            FakeTools tools = new FakeTools();
            tools.fbenchFixture = "cold-c1.txt";
            CommandRun.Outcome o = sweep(tools, "threads", "--topics", topics.toString(), "--qrels", resource("qrels.txt").toString(),
                    "--application", ApplicationPackageEditorTest.realApplication().toString(), "--endpoint", vespa.endpoint().toString(),
                    "--threads-per-search", "1,2", "--search", "exact", "--embed", "cold", "--cold-max-qps", "5",
                    "--fbench-seconds", "2", "--container", "vespa", "--out", out.toString(), "--wait-seconds", "20");
            assertEquals(0, o.exit(), o.out() + o.err());
            java.util.Set<String> texts = new java.util.HashSet<>();
            int requests = 0;
            for (String row : List.of("exact-threads1", "exact-threads2")) {
                List<String> lines = Files.readAllLines(out.resolve("fbench").resolve(row).resolve("queries-cold-1-c1.txt"));
                assertEquals(20, lines.size(), "10 requests: --fbench-seconds x --cold-max-qps");
                for (int i = 1; i < lines.size(); i += 2) {
                    texts.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(i)).path("embedlab.text").asText());
                    requests++;
                }
            }
            assertEquals(20, requests);
            assertEquals(20, texts.size(), "no text repeats across the rows of one sweep");
            assertTrue(o.out().contains("| exact | 2 | cold | retrieval |"), o.out());
            assertTrue(o.out().contains("fbench: 8 of 10 unique texts sent |"), "80% of the file: not run out: " + o.out());
        }
    }

    @Test
    void aRefusedEndpointStopsTheSweepWithOneLine() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path topics = dir.resolve("topics.tsv");
        Files.writeString(topics, "q1\ttext of q1\n");
        FakeTools tools = new FakeTools();
        CommandRun.Outcome o = sweep(tools, "threads", "--topics", topics.toString(), "--container", "vespa", "--qrels",
                resource("qrels.txt").toString(), "--application", ApplicationPackageEditorTest.realApplication().toString(),
                "--endpoint", "http://127.0.0.1:" + port + "/", "--threads-per-search", "1", "--search", "exact",
                "--out", dir.resolve("refused").toString(), "--wait-seconds", "1");
        assertEquals(2, o.exit(), o.out() + o.err());
        List<String> failures = o.err().lines().filter(l -> l.contains("failed:")).toList();
        assertEquals(List.of("sweep: step 4/6 (wait until /search/ answers with full coverage and at least 1 documents) failed: "
                + "http://127.0.0.1:" + port + "/search/ not ready after 1 s; last attempt: cannot connect: ConnectException: "
                + "Connection refused; steps 5-6 not run"), failures);
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertTrue(tools.commands.stream().noneMatch(c -> c.stream().anyMatch(w -> w.endsWith("vespa-fbench"))));
        assertTrue(o.out().contains("| exact | 1 | - | - | - | - | - | - | not run |"), o.out());
        assertTrue(o.out().contains("fbench: not run (--skip-fbench, or the sweep stopped before a latency row)."), o.out());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
