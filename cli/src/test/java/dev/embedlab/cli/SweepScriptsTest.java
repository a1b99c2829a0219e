package dev.embedlab.cli;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shell wrappers with their defaults for a local Docker Vespa. They run the tools through $EMBEDLAB, pointed
 * here at this JVM's class path, because the tools jar is not packaged yet when tests run.
 */
class SweepScriptsTest {

    @TempDir
    Path dir;

    record Result(int exit, String out) {
    }

    private Result script(String name, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return scriptRunning(java + " -cp " + System.getProperty("java.class.path") + " -Dembedlab.root=" + TestData.root()
                + " dev.embedlab.cli.Embedlab", name, args);
    }

    /** The script with $EMBEDLAB set to this command line. */
    private Result scriptRunning(String embedlab, String name, String... args) throws Exception {
        Path root = TestData.root();
        Path script = TestData.requireFile(root.resolve("scripts").resolve(name), "script " + name, "run from a full checkout");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().put("EMBEDLAB", embedlab);
        builder.environment().remove("EMBEDLAB_CONTAINER");
        builder.environment().remove("EMBEDLAB_LANG");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "script did not finish");
        return new Result(process.exitValue(), out);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    @Test
    void sweepHnswDryRunPrintsTheFullPlanForTheBlogGrid() throws Exception {
        Path out = dir.resolve("sweep");
        Result r = script("sweep-hnsw.sh", "--dry-run", "--out", out.toString());
        assertEquals(0, r.exit(), r.out());
        String root = TestData.root().toString();
        assertTrue(r.out().contains("# HNSW sweep: e5_embedding, 2 index settings x 3 exploreAdditionalHits + exact baseline"), r.out());
        assertTrue(r.out().contains("# endpoint http://localhost:8080/, config server http://localhost:19071, container embedlab-vespa"), r.out());
        assertEquals(2, count(r.out(), "vespa deploy --target http://localhost:19071 --wait 600 " + out + File.separator + "app-"));
        assertEquals(2, count(r.out(), "docker exec embedlab-vespa /opt/vespa/bin/vespa-sentinel-cmd restart searchnode"));
        assertEquals(2, count(r.out(), "embedlab feed --endpoint http://localhost:8080/"));
        assertEquals(7, count(r.out(), "embedlab evaluate --topics " + root + "/queries/topics.miracl-v1.0-yo-dev.tsv --qrels "
                + root + "/queries/qrels.miracl-v1.0-yo-dev.tsv --endpoint http://localhost:8080/ --mode e5"));
        assertEquals(7, count(r.out(), "embedlab fbench "));
        assertEquals(7, count(r.out(), "--embed vespa "), "every latency row names its embedding form");
        assertEquals(16, count(r.out(), "--language yo"), "evaluate and fbench per row, and both refeeds");
        for (String setting : List.of("max-links-per-node 16, neighbors-to-explore-at-insert 100",
                "max-links-per-node 32, neighbors-to-explore-at-insert 500")) {
            assertTrue(r.out().contains(setting), setting);
        }
        assertTrue(Files.isRegularFile(out.resolve("app-16-100/schemas/passage.sd")));
        assertFalse(Files.exists(out.resolve("runs")), "a dry run queries nothing");
    }

    @Test
    void callerOptionsReplaceTheDefaults() throws Exception {
        Result r = script("sweep-threads.sh", "--lang", "sw", "--dry-run", "--container", "my-vespa",
                "--out", dir.resolve("t").toString(), "--threads-per-search", "1,4");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("docker exec my-vespa /opt/vespa/bin/vespa-sentinel-cmd restart searchnode"), r.out());
        assertEquals(0, count(r.out(), "embedlab-vespa"));
        assertTrue(r.out().contains("topics.miracl-v1.0-sw-dev.tsv"), r.out());
        assertEquals(4, count(r.out(), "embedlab evaluate "));
    }

    @Test
    void fbenchDryRunAndHelp() throws Exception {
        Path topics = dir.resolve("topics.tsv");
        Files.writeString(topics, "1\tIlu wo ni olu ilu Naijiria?\n");
        Result r = script("fbench.sh", "--topics", topics.toString(), "--out", dir.resolve("f").toString(), "--dry-run");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("docker cp " + dir.resolve("f/queries.txt") + " embedlab-vespa:/tmp/embedlab-fbench-queries.txt"), r.out());
        assertEquals(5, count(r.out(), "docker exec embedlab-vespa sh -c "), "fbench runs under sh, whose times gives its CPU");
        assertEquals(5, count(r.out(), " sh /opt/vespa/bin/vespa-fbench -P -n "));
        assertTrue(r.out().contains("# embedding: vespa: "), r.out());
        assertTrue(r.out().contains("\"input.query(q_e5)\":\"embed(e5, @text)\",\"text\":\"Ilu wo ni olu ilu Naijiria?\""), r.out());
        assertTrue(r.out().contains("# pre-flight: one POST to http://localhost:8080/search/"), r.out());
        Result port = script("fbench.sh", "--topics", topics.toString(), "--out", dir.resolve("p").toString(),
                "--port", "9090", "--clients", "1", "--dry-run");
        assertEquals(0, port.exit(), port.out());
        assertTrue(port.out().contains("# pre-flight: one POST to http://localhost:9090/search/"),
                "with --port the pre-flight goes where fbench goes: " + port.out());
        assertTrue(port.out().contains(" localhost 9090"), port.out());
        Result help = script("evaluate.sh", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("Runs MIRACL dev topics against a local Vespa"), help.out());
        Result bad = script("feed.sh", "--lang", "xx");
        assertEquals(2, bad.exit(), bad.out());
    }

    /** feed.sh names raw MIRACL ids by --lang, unless the caller names the namespace (a BEIR corpus). */
    @Test
    void feedDefaultsTheLanguageOnlyWithoutANamespace() throws Exception {
        Result plain = scriptRunning("printf %s\\n", "feed.sh", "corpus.jsonl");
        assertEquals(0, plain.exit(), plain.out());
        assertTrue(plain.out().contains("--language\nyo\n"), plain.out());
        Result named = scriptRunning("printf %s\\n", "feed.sh", "--namespace", "beir-scifact", "corpus.jsonl");
        assertEquals(0, named.exit(), named.out());
        assertFalse(named.out().contains("--language"), named.out());
        assertTrue(named.out().contains("--namespace\nbeir-scifact\n"), named.out());
    }
}
