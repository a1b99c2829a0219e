package dev.embedlab.client.fbench;

import dev.embedlab.client.CommandRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `embedlab fbench` with vespa-fbench replaced by recorded output (the tool itself cannot run here). */
class FbenchCommandTest {

    @TempDir
    Path dir;

    /** Answers a vespa-fbench command with the recorded summary for its -n value; records every command. */
    static final class RecordedFbench implements CommandExecutor {
        final List<List<String>> commands = new ArrayList<>();
        final String failuresAt;

        RecordedFbench(String failuresAt) {
            this.failuresAt = failuresAt;
        }

        @Override
        public Result run(List<String> command, java.time.Duration timeout) {
            commands.add(command);
            if (command.contains("cp")) return new Result(0, "", "");
            String clients = command.get(command.indexOf("-n") + 1);
            try {
                String file = clients.equals(failuresAt) ? "failures-c16.txt" : "ramp-c" + clients + ".txt";
                return new Result(0, FbenchSummaryParserTest.fixture(file), "");
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

    @Test
    void rampInTheContainerGivesTheBlogTableCsvAndChart() throws Exception {
        RecordedFbench fbench = new RecordedFbench(null);
        Path out = dir.resolve("out");
        CommandRun.Outcome o = fbench(fbench, "--topics", topics().toString(), "--mode", "e5", "--explore-additional-hits", "100",
                "--container", "vespa", "--seconds", "30", "--out", out.toString());
        assertEquals(0, o.exit(), o.out() + o.err());

        assertEquals(List.of("docker", "cp", out.resolve("queries.txt").toString(), "vespa:/tmp/embedlab-fbench-queries.txt"),
                fbench.commands.get(0));
        assertEquals(List.of("docker", "exec", "vespa", "/opt/vespa/bin/vespa-fbench", "-P", "-n", "4", "-s", "30", "-c", "0",
                "-q", "/tmp/embedlab-fbench-queries.txt", "localhost", "8080"), fbench.commands.get(3));
        assertEquals(6, fbench.commands.size());

        assertTrue(o.out().contains("| 1 | 3.99 | 5.60 | 8.10 | 250.4 | 0 | 0 |"), o.out());
        assertTrue(o.out().contains("| 16 | 20.01 | 38.50 | 54.60 | 798.7 | 0 | 0 |"), o.out());
        List<String> csv = Files.readAllLines(out.resolve("fbench.csv"));
        assertEquals("clients,avg_ms,p50_ms,p95_ms,p99_ms,qps,successful,failed,non200,flagged", csv.get(0));
        assertEquals("8,10.49,9.80,19.60,27.90,761.88,22860,0,0,false", csv.get(4));
        BufferedImage png = ImageIO.read(out.resolve("fbench-latency-vs-qps.png").toFile());
        assertEquals(800, png.getWidth());
        assertTrue(Files.readString(out.resolve("fbench-c16.txt")).contains("Benchmark Summary"));
    }

    @Test
    void queryFileHasUrlLinesAndOneLineJsonBodies() throws Exception {
        Path out = dir.resolve("dry");
        CommandRun.Outcome o = fbench(new RecordedFbench(null), "--topics", topics().toString(), "--mode", "hybrid",
                "--out", out.toString(), "--dry-run", "--clients", "1,2");
        assertEquals(0, o.exit(), o.err());
        List<String> lines = Files.readAllLines(out.resolve("queries.txt"));
        assertEquals(4, lines.size());
        assertEquals("/search/", lines.get(0));
        assertEquals("/search/", lines.get(2));
        JsonNode body = new ObjectMapper().readTree(lines.get(3));
        assertTrue(lines.get(3).startsWith("{"), "a body line must not start with '/'");
        assertEquals("/etc/passwd \"quoted\" text", body.get("embedlab.text").asText());
        assertEquals("hybrid", body.get("ranking").asText());
        assertTrue(o.out().contains("vespa-fbench -P -n 2 -s 30 -c 0 -q " + out.resolve("queries.txt") + " localhost 8080"), o.out());
    }

    @Test
    void aRunWithFailuresOrNon200AnswersIsFlaggedAndExitsOne() throws Exception {
        CommandRun.Outcome o = fbench(new RecordedFbench("16"), "--topics", topics().toString(), "--out", dir.resolve("f").toString());
        assertEquals(1, o.exit(), o.out() + o.err());
        assertTrue(o.out().contains("**flagged: 37 failed requests; 157 non-200 answers (400 x 120, 503 x 37)"), o.out());
        assertTrue(o.err().contains("16 client(s) FLAGGED"), o.err());
    }
}
