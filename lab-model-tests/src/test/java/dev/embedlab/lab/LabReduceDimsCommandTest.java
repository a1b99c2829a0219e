package dev.embedlab.lab;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code embedlab lab --reduce-dims}: PCA and first-k rows beside the float row. */
class LabReduceDimsCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create()).addSubcommand(new LabCommand());
        cli.getSubcommands().get("lab").setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        LabCommand lab = (LabCommand) cli.getSubcommands().get("lab").getCommand();
        lab.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        lab.log = new PrintStream(err, true, StandardCharsets.UTF_8);
        return cli.execute(args);
    }

    @Test
    void pcaAndFirstKRowsOnAMiraclSubset() throws Exception {
        Path model = TestData.distilledStaticModel(); // 256 dimensions
        Path outDir = dir.resolve("out");
        assertEquals(0, run("lab", "--root", TestData.root().toString(), "--corpus", TestData.miracl("yo-feed.jsonl.zst").toString(),
                "--topics", TestData.miracl("topics.miracl-v1.0-yo-dev.tsv").toString(), "--qrels",
                TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv").toString(), "--embedders", "static:" + model, "--max-docs", "300",
                "--threads", "2", "--speed-docs", "8", "--min-seconds", "0.01", "--hnsw", "none", "--reduce-dims", "64,128,256",
                "--no-charts", "--out", outDir.toString(), "--cache-dir", dir.resolve("cache").toString()),
                err.toString(StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(outDir.resolve("lab.csv"));
        List<String> vectors = csv.subList(1, csv.size()).stream().map(line -> line.split(",")[1]).toList();
        assertEquals(List.of("float", "pca-64", "first-64", "pca-128", "first-128"), vectors);
        int bytes = LabReport.CSV_HEADER.indexOf("bytes_per_doc");
        assertEquals("256", csv.get(2).split(",")[bytes]);
        assertEquals("512", csv.get(4).split(",")[bytes]);
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("no 256-dimension rows, the embedder has 256 dimensions"), log);
        assertTrue(log.contains("PCA to 128 dimensions keeps"), log);
        assertTrue(Files.exists(outDir.resolve("runs").resolve("static-e5-small-v2-m2v-256.pca-128.trec")));

        err.reset();
        assertEquals(2, run("lab", "--reduce-dims", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'--reduce-dims' (<reduceDims>): must be at least 1, got 0"), err.toString(StandardCharsets.UTF_8));
    }
}
