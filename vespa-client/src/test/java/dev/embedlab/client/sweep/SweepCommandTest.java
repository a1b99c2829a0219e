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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweeps: the printed plan, and a whole small sweep against the fake Vespa with recorded CLI/fbench output. */
class SweepCommandTest {

    @TempDir
    Path dir;

    /** Answers vespa deploy / docker exec restart / docker cp with success and vespa-fbench with a recorded summary. */
    static final class FakeTools implements CommandExecutor {
        final List<List<String>> commands = new CopyOnWriteArrayList<>();

        @Override
        public Result run(List<String> command, java.time.Duration timeout) {
            commands.add(command);
            if (command.stream().anyMatch(c -> c.endsWith("vespa-fbench"))) {
                try {
                    return new Result(0, java.nio.file.Files.readString(Path.of(SweepCommandTest.class.getResource("/fbench/ramp-c1.txt").toURI())), "");
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
                String qid = params.get("embedlab.text").replace("text of ", "");
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
            assertTrue(table.contains("| exact | | | 0.6667 | 1.0000 | 5.6 | 250 | |"), table);
            assertTrue(table.contains("| 16 | 100 | 0 | 0.3919 | 0.8889 | 5.6 | 250 | |"), table);
            List<String> csv = Files.readAllLines(out.resolve("sweep-hnsw.csv"));
            assertEquals(4, csv.size());
            assertTrue(csv.get(2).startsWith("m16-n100-e0,approximate,16,100,0,,0.3919,0.6667,0.3333,0.8889,3.9900,5.6000,250.3900,0,false"), csv.get(2));
            assertEquals(800, ImageIO.read(out.resolve("sweep-hnsw.png").toFile()).getWidth());
            assertTrue(Files.isRegularFile(out.resolve("runs/exact.run")));
        }
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
