package dev.embedlab.lab;

import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.TrecRunFile;
import dev.embedlab.testsupport.TestData;
import dev.embedlab.testsupport.TrecEval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code embedlab lab --hnsw … --explore … --target-hits …}: the options, hnsw.csv, the lab.md section and the chart. */
class LabHnswCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create()).addSubcommand(new LabCommand());
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.getSubcommands().get("lab").setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        LabCommand lab = (LabCommand) cli.getSubcommands().get("lab").getCommand();
        lab.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        lab.log = new PrintStream(err, true, StandardCharsets.UTF_8);
        return cli.execute(args);
    }

    private String rejected(String... options) {
        err.reset();
        String[] args = new String[options.length + 1];
        args[0] = "lab";
        System.arraycopy(options, 0, args, 1, options.length);
        assertEquals(2, run(args), err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badGridValuesStopAtParsingWithAClearMessage() {
        String noSlash = rejected("--hnsw", "16");
        assertTrue(noSlash.contains("--hnsw") && noSlash.contains("max-links-per-node/neighbors-to-explore-at-insert, e.g. 16/100")
                && noSlash.contains("'16'"), noSlash);
        String negative = rejected("--explore", "-1");
        assertTrue(negative.contains("--explore") && negative.contains("exploreAdditionalHits must be 0 or more, got -1"), negative);
        String notANumber = rejected("--explore", "0,lots");
        assertTrue(notANumber.contains("exploreAdditionalHits must be a whole number, got 'lots'"), notANumber);
        String words = rejected("--hnsw", "16/many");
        assertTrue(words.contains("neighbors-to-explore-at-insert in '16/many' is not a whole number"), words);
        String tooFewLinks = rejected("--hnsw", "1/100");
        assertTrue(tooFewLinks.contains("max-links-per-node must be at least 2"), tooFewLinks);
        String mixed = rejected("--hnsw", "16/100,none");
        assertTrue(mixed.contains("'none' turns HNSW off"), mixed);
        String zeroHits = rejected("--target-hits", "0");
        assertTrue(zeroHits.contains("targetHits must be at least 1, got 0"), zeroHits);
    }

    @Test
    void gridOnAMiraclSubsetWritesTheTableTheCsvAndTheChart() throws Exception {
        Path qrels = TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv");
        Path model = TestData.distilledStaticModel();
        Path outDir = dir.resolve("out");
        String name = "static-e5-small-v2-m2v-256";
        assertEquals(0, run("lab", "--root", TestData.root().toString(), "--corpus", TestData.miracl("yo-feed.jsonl.zst").toString(),
                "--topics", TestData.miracl("topics.miracl-v1.0-yo-dev.tsv").toString(), "--qrels", qrels.toString(),
                "--embedders", "static:" + model, "--max-docs", "400", "--threads", "2", "--speed-docs", "16",
                "--min-seconds", "0.02", "--hnsw", "4/20,8/50", "--explore", "0,50", "--target-hits", "10,100",
                "--hnsw-min-seconds", "0.02", "--out", outDir.toString(), "--cache-dir", dir.resolve("cache").toString()),
                err.toString(StandardCharsets.UTF_8));

        List<String> csv = Files.readAllLines(outDir.resolve("hnsw.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(HnswReport.csvHeader(), header);
        assertEquals(1 + 1 + 2 * 2 * 2, csv.size(), String.join("\n", csv)); // exact + 2 settings x 2 targetHits x 2 explore
        Map<String, String> exact = row(header, csv.get(1));
        assertEquals("exact", exact.get("label"));
        assertEquals(name, exact.get("embedder"));
        double exactNdcg = Double.parseDouble(exact.get("ndcg10"));
        Map<String, Double> overlapByLabel = new HashMap<>();
        for (String line : csv.subList(2, csv.size())) {
            Map<String, String> r = row(header, line);
            assertEquals("approximate", r.get("search"));
            assertEquals("m" + r.get("max_links_per_node") + "-n" + r.get("neighbors_to_explore_at_insert") + "-e"
                    + r.get("explore_additional_hits"), r.get("label"));
            double overlap = Double.parseDouble(r.get("overlap10"));
            assertTrue(overlap > 0 && overlap <= 1, line);
            double distances = Double.parseDouble(r.get("distance_computations"));
            assertTrue(distances > 0 && distances < 400 + 1, line); // never more than every document (+ the entry point)
            assertTrue(Double.parseDouble(r.get("qps")) > 0 && Double.parseDouble(r.get("qps_1t")) > 0, line);
            assertTrue(Long.parseLong(r.get("graph_bytes")) > 0, line);
            assertTrue(Double.parseDouble(r.get("ndcg10")) <= exactNdcg + 0.02, line);
            if (r.get("target_hits").equals("100")) overlapByLabel.put(r.get("label"), overlap);

            // the run file: every topic, at most targetHits hits each, fewer exactly for the short queries the row
            // counts (at M = 4 Vespa's two-way pruning cuts nodes off), and trec_eval agrees with the row
            Path runFile = Path.of(r.get("run_file"));
            Run run = TrecRunFile.read(runFile);
            assertEquals(119, run.queryIds().size());
            int targetHits = Integer.parseInt(r.get("target_hits"));
            long shortQueries = run.queryIds().stream().filter(qid -> run.of(qid).size() < targetHits).count();
            for (String qid : run.queryIds()) assertTrue(run.of(qid).size() <= targetHits, line);
            assertEquals(Long.parseLong(r.get("short_queries")), shortQueries, line);
            if (shortQueries > 0) assertTrue(Integer.parseInt(r.get("isolated_nodes")) > 0, line);
            double trecNdcg = TrecEval.run(qrels, runFile, "-m", "ndcg_cut.10").get("ndcg_cut_10").get("all");
            assertEquals(trecNdcg, Double.parseDouble(r.get("ndcg10")), TrecEval.PRINTED_PRECISION, line);
        }
        // a wider search finds at least as much of exact search's top 10
        assertTrue(overlapByLabel.get("m4-n20-e50") >= overlapByLabel.get("m4-n20-e0"), overlapByLabel.toString());

        String markdown = out.toString(StandardCharsets.UTF_8);
        assertTrue(markdown.contains("### HNSW"), markdown);
        assertTrue(markdown.contains("| " + name + " | exact |"), markdown);
        assertTrue(markdown.contains("| " + name + " | 8 | 50 | 50 | 100 |"), markdown);
        assertTrue(Files.readString(outDir.resolve("lab.md")).contains("### HNSW"));
        assertTrue(Files.size(outDir.resolve(HnswChart.fileName(name))) > 0);
    }

    @Test
    void noneTurnsHnswOff() throws Exception {
        Path model = TestData.model2vecFixture("test-model-float32");
        Path outDir = dir.resolve("off");
        assertEquals(0, run("lab", "--root", TestData.root().toString(), "--corpus", TestData.miracl("yo-feed.jsonl.zst").toString(),
                "--topics", TestData.miracl("topics.miracl-v1.0-yo-dev.tsv").toString(), "--qrels",
                TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv").toString(), "--embedders", "static:" + model, "--max-docs", "200",
                "--threads", "1", "--speed-docs", "8", "--min-seconds", "0.01", "--hnsw", "none", "--no-charts",
                "--out", outDir.toString(), "--cache-dir", dir.resolve("cache").toString()), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(outDir.resolve("hnsw.csv")));
        assertFalse(Files.readString(outDir.resolve("lab.md")).contains("### HNSW"));
    }

    private static Map<String, String> row(List<String> header, String line) {
        String[] cells = line.split(",", -1);
        assertEquals(header.size(), cells.length, line);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells[i]);
        return row;
    }
}
