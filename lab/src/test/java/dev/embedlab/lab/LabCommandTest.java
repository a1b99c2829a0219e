package dev.embedlab.lab;

import dev.embedlab.testsupport.TestData;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.metrics.Evaluator;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;
import dev.embedlab.testsupport.TrecEval;
import dev.embedlab.core.metrics.TrecRunFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab end to end through the command line, asserting structure and reconciled counts (never speed). */
class LabCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create()).addSubcommand(new LabCommand());
        LabCommand lab = (LabCommand) cli.getSubcommands().get("lab").getCommand();
        lab.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        lab.log = new PrintStream(err, true, StandardCharsets.UTF_8);
        return cli.execute(args);
    }

    @Test
    void staticFixtureModelOnAMiraclSubset() throws Exception {
        Path corpus = TestData.miracl("yo-feed.jsonl.zst");
        Path topics = TestData.miracl("topics.miracl-v1.0-yo-dev.tsv");
        Path qrels = TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv");
        Path model = TestData.model2vecFixture("test-model-float32");
        Path outDir = dir.resolve("out");
        String[] args = {"lab", "--root", TestData.root().toString(), "--corpus", corpus.toString(), "--topics", topics.toString(),
                "--qrels", qrels.toString(), "--embedders", "static:" + model, "--max-docs", "300", "--compression",
                "--rerank-depths", "10,50,300,1000", "--threads", "2", "--speed-docs", "16", "--min-seconds", "0.05",
                "--out", outDir.toString(), "--cache-dir", dir.resolve("cache").toString()};
        assertEquals(0, run(args), err.toString(StandardCharsets.UTF_8));

        String name = "static-test-model-float32";
        List<String> csv = Files.readAllLines(outDir.resolve("lab.csv"));
        assertEquals(String.join(",", LabReport.CSV_HEADER), csv.get(0));
        assertEquals(5, csv.size(), String.join("\n", csv)); // float, bfloat16, binary, binary+rerank@N
        assertTrue(csv.get(1).startsWith(name + ",float,"), csv.get(1));
        assertTrue(csv.get(4).startsWith(name + ",binary+rerank@"), csv.get(4));
        String markdown = out.toString(StandardCharsets.UTF_8);
        assertTrue(markdown.contains("| " + name + " | float |"), markdown);
        assertTrue(markdown.contains("SUBSET"), markdown);
        assertTrue(markdown.contains("Command: `embedlab lab --root"), markdown);
        assertTrue(markdown.contains("Machine: "), markdown);
        assertTrue(Files.size(outDir.resolve(LabCharts.QUALITY_VS_SPEED)) > 0);
        assertTrue(Files.size(outDir.resolve(LabCharts.BYTES_VS_QUALITY)) > 0);

        // The subset keeps every relevant document (144) first, so all 119 topics are scored; counts reconcile.
        Run run = TrecRunFile.read(outDir.resolve("runs").resolve(name + ".float.trec"));
        assertEquals(119, run.queryIds().size());
        Set<String> subset = new HashSet<>();
        for (String qid : run.queryIds()) {
            List<RunEntry> entries = run.of(qid);
            assertEquals(100, entries.size(), qid);
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(i + 1, entries.get(i).rank());
                if (i > 0) assertTrue(entries.get(i - 1).score() >= entries.get(i).score());
            }
            entries.forEach(e -> subset.add(e.docId()));
        }
        assertTrue(subset.size() <= 300);
        String[] floatRow = csv.get(1).split(",");
        int scored = LabReport.CSV_HEADER.indexOf("queries_scored");
        assertEquals("119", floatRow[scored]);
        assertEquals("0", floatRow[LabReport.CSV_HEADER.indexOf("queries_missing")]);
        assertEquals("300", floatRow[LabReport.CSV_HEADER.indexOf("passages")]);
        // A depth at or beyond the corpus re-ranks everything: exactly the float ranking's NDCG@10.
        int ndcg = LabReport.CSV_HEADER.indexOf("ndcg10");
        assertTrue(markdown.contains("| " + name + " | 300 | " + floatRow[ndcg].substring(0, 6)), markdown);

        assertEachRowScoresAsTrecEvalOnItsRunFile(csv, qrels);

        // The depth is chosen on the even-indexed topics (60 of 119); the other 59 are scored apart, from the
        // row's own run file.
        TopicSplit split = TopicSplit.byQidParity(TrecRunFile.read(outDir.resolve("runs").resolve(name + ".float.trec"))
                .queryIds().stream().map(q -> new dev.embedlab.core.data.Topic(q, "")).toList());
        assertEquals(60, split.tuning().size());
        assertEquals(59, split.heldOut().size());
        String[] rerankRow = csv.get(4).split(",");
        Qrels judged = Qrels.read(qrels);
        double heldOut = Evaluator.evaluate(TopicSplit.restrict(TrecRunFile.read(Path.of(rerankRow[LabReport.CSV_HEADER.indexOf("run_file")])),
                split.heldOut()), judged).ndcg10();
        String depth = rerankRow[1].substring("binary+rerank@".length());
        java.util.regex.Matcher choice = java.util.regex.Pattern.compile("\\| " + name + " \\| " + depth
                + " \\| (within tolerance|deepest) \\| 60 \\| [0-9.]+ \\| [0-9.]+ \\| 59 \\| [0-9.]+ \\| ([0-9.]+) \\|").matcher(markdown);
        assertTrue(choice.find(), markdown);
        assertEquals(heldOut, Double.parseDouble(choice.group(2)), 1e-4, "held-out NDCG@10 of the chosen row");

        // Second run: every document vector comes from the cache.
        err.reset();
        out.reset();
        assertEquals(0, run(args));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("300 of 300 document vectors from the cache"),
                err.toString(StandardCharsets.UTF_8));
    }

    /** The real trec_eval 9.0.4 on each row's own run file gives the row's NDCG@10, recall@100 and MRR@10. */
    private static void assertEachRowScoresAsTrecEvalOnItsRunFile(List<String> csv, Path qrels) {
        for (String line : csv.subList(1, csv.size())) {
            String[] row = line.split(",");
            Path runFile = Path.of(row[LabReport.CSV_HEADER.indexOf("run_file")]);
            Map<String, Map<String, Double>> trec = TrecEval.run(qrels, runFile, "-m", "ndcg_cut.10", "-m", "recall.100");
            Map<String, Map<String, Double>> mrr = TrecEval.run(qrels, runFile, "-M", "10", "-m", "recip_rank");
            assertEquals(trec.get("ndcg_cut_10").get("all"), column(row, "ndcg10"), TrecEval.PRINTED_PRECISION, line);
            assertEquals(trec.get("recall_100").get("all"), column(row, "recall100"), TrecEval.PRINTED_PRECISION, line);
            assertEquals(mrr.get("recip_rank").get("all"), column(row, "mrr10"), TrecEval.PRINTED_PRECISION, line);
        }
    }

    private static double column(String[] row, String name) {
        return Double.parseDouble(row[LabReport.CSV_HEADER.indexOf(name)]);
    }

    @Test
    void e5Int8ThroughVespasEmbedderRanksTheObviousPassageFirst() throws Exception {
        Path onnx = TestData.e5SmallV2("e5-small-v2-q.onnx");
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n",
                "{\"_id\":\"paris\",\"title\":\"Paris\",\"text\":\"Paris is the capital and largest city of France.\"}",
                "{\"_id\":\"banana\",\"title\":\"Banana\",\"text\":\"A banana is an elongated, edible fruit, yellow when ripe.\"}",
                "{\"_id\":\"python\",\"title\":\"Python\",\"text\":\"Python is a high-level programming language.\"}",
                "{\"_id\":\"everest\",\"title\":\"Everest\",\"text\":\"Mount Everest is Earth's highest mountain above sea level.\"}",
                "{\"_id\":\"moon\",\"title\":\"Moon\",\"text\":\"The Moon is Earth's only natural satellite.\"}") + "\n");
        Path topics = Files.writeString(dir.resolve("queries.jsonl"),
                "{\"_id\":\"1\",\"text\":\"what is the capital of france\"}\n{\"_id\":\"2\",\"text\":\"highest mountain in the world\"}\n");
        Path qrels = Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\n1\tparis\t1\n2\teverest\t1\n");
        Path outDir = dir.resolve("out");
        assertEquals(0, run("lab", "--root", TestData.root().toString(), "--corpus", corpus.toString(), "--topics", topics.toString(),
                "--qrels", qrels.toString(), "--embedders", "e5-int8", "--threads", "2", "--speed-docs", "5",
                "--min-seconds", "0.05", "--no-charts", "--out", outDir.toString(), "--cache-dir",
                dir.resolve("cache").toString()), err.toString(StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(outDir.resolve("lab.csv"));
        assertEquals(2, csv.size());
        String[] row = csv.get(1).split(",");
        assertEquals("e5-int8", row[0]);
        assertEquals("384", row[2]);
        assertEquals(1.0, Double.parseDouble(row[LabReport.CSV_HEADER.indexOf("ndcg10")]), 1e-9);
        // "query: " + 5 words + [CLS]/[SEP]: the prefix from services.xml is counted.
        assertTrue(Double.parseDouble(row[LabReport.CSV_HEADER.indexOf("tokens_per_query")]) >= 7.0, csv.get(1));
        Run run = TrecRunFile.read(outDir.resolve("runs/e5-int8.float.trec"));
        assertEquals("paris", run.of("1").get(0).docId());
        assertEquals(5, run.of("1").size()); // the whole corpus, fewer than 100 documents
    }

    @Test
    void missingCorpusStopsWithTheFileNamed() {
        Path missing = dir.resolve("nothing.jsonl.zst");
        assertEquals(2, run("lab", "--root", dir.toString(), "--corpus", missing.toString(), "--services",
                TestData.root().resolve("app/src/main/application/services.xml").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(missing.toString()), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownEmbedderNamesTheKnownOnes() throws Exception {
        Path corpus = Files.writeString(dir.resolve("c.jsonl"), "{\"_id\":\"a\",\"text\":\"x\"}\n");
        Path topics = Files.writeString(dir.resolve("t.tsv"), "1\tx\n");
        Path qrels = Files.writeString(dir.resolve("q.txt"), "1 0 a 1\n");
        assertEquals(2, run("lab", "--root", TestData.root().toString(), "--corpus", corpus.toString(), "--topics", topics.toString(),
                "--qrels", qrels.toString(), "--embedders", "bert-9000", "--out", dir.resolve("o").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown embedder 'bert-9000'; known: e5-int8"),
                err.toString(StandardCharsets.UTF_8));
    }
}
