package dev.embedlab.client.feed;

import dev.embedlab.client.CommandRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.client.fakevespa.WithFakeVespa;
import dev.embedlab.client.fakevespa.FakeVespa.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `embedlab feed` against a fake /document/v1 that throttles, fails, stalls and drops connections. */
class FeedCommandTest extends WithFakeVespa {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCS = 120;

    @TempDir
    Path dir;


    /** DOCS raw MIRACL passages "<i>#0", with two malformed lines after passages 10 and 50. */
    private Path corpus() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            lines.add(JSON.createObjectNode().put("docid", i + "#0").put("title", "T" + i)
                    .put("text", "passage number " + i + " " + "x".repeat(i * 10)).toString());
            if (i == 10) lines.add("{\"docid\":\"broken\",");
            if (i == 50) lines.add("{\"docid\":\"no-text\",\"title\":\"t\"}");
        }
        Path file = dir.resolve("miracl.jsonl");
        Files.write(file, lines);
        return file;
    }

    private static CommandRun.Outcome feed(String... args) {
        return Feeds.feed(args);
    }

    @Test
    void aCertificateWithoutItsKeyIsAUsageError() throws Exception {
        CommandRun.Outcome run = feed(corpus().toString(), "--endpoint", vespa.endpoint().toString(), "--language", "sw",
                "--certificate", "data-plane.pem");
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("feed: --certificate and --private-key go together"), run.err());
        assertEquals(0, vespa.documents().size());
    }

    @Test
    void everyDocumentIsAccountedForUnderInjectedFailures() throws Exception {
        vespa.failDocument("3-0", Fault.TOO_MANY_REQUESTS, Fault.TOO_MANY_REQUESTS)
             .failDocument("5-0", Fault.UNAVAILABLE)
             .failDocument("7-0", Fault.BAD_REQUEST)
             .failDocument("9-0", Fault.STALL)
             .stallMillis(8_000);
        Path rejects = dir.resolve("rejects.jsonl");
        CommandRun.Outcome run = feed(corpus().toString(), "--endpoint", vespa.endpoint().toString(), "--rejects", rejects.toString(),
                "--timeout", "2", "--language", "sw", "--connections", "2", "--progress", "1");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("input documents: " + (DOCS + 2)), run.out());
        assertTrue(run.out().contains("ok:              " + (DOCS - 2)), run.out());
        assertTrue(run.out().contains("failed:          4 (of which malformed input lines: 2)"), run.out());
        assertTrue(run.out().contains("count check:     agrees: Vespa serves " + (DOCS - 2) + " passage documents"), run.out());

        // Retried documents made it; the 400 and the timed-out one did not; nothing else is missing.
        Map<String, JsonNode> stored = vespa.documents();
        assertEquals(DOCS - 2, stored.size());
        assertFalse(stored.containsKey("id:miracl-sw:passage::7-0"));
        assertFalse(stored.containsKey("id:miracl-sw:passage::9-0"));
        for (String retried : List.of("3-0", "5-0")) {
            assertTrue(stored.containsKey("id:miracl-sw:passage::" + retried), retried);
        }
        assertEquals(3, vespa.attempts("3-0"));
        assertEquals(2, vespa.attempts("5-0"));
        assertEquals(1, vespa.attempts("7-0"), "a 400 is not retried");
        java.util.regex.Matcher retried = java.util.regex.Pattern.compile("retried requests: (\\d+)").matcher(run.out());
        assertTrue(retried.find(), run.out());
        assertEquals(3, Long.parseLong(retried.group(1)), "2 x 429 and a 503: " + run.out());
        JsonNode fields = stored.get("id:miracl-sw:passage::42-0");
        assertEquals("42#0", fields.get("doc_id").asText());
        assertEquals("T42", fields.get("title").asText());
        assertEquals("sw", fields.get("language").asText());

        // Every failure is in the rejects file, named.
        List<JsonNode> rejected = new ArrayList<>();
        for (String line : Files.readAllLines(rejects)) rejected.add(JSON.readTree(line));
        assertEquals(4, rejected.size(), rejected.toString());
        Map<String, JsonNode> byId = rejected.stream().filter(r -> !r.get("id").isNull())
                .collect(Collectors.toMap(r -> r.get("id").asText(), r -> r));
        assertTrue(byId.get("id:miracl-sw:passage::7-0").get("reason").asText().contains("400"), byId.toString());
        assertTrue(byId.get("id:miracl-sw:passage::7-0").get("reason").asText().contains("could not parse field 'text'"), byId.toString());
        assertTrue(byId.get("id:miracl-sw:passage::9-0").get("reason").asText().toLowerCase().contains("timeout")
                || byId.get("id:miracl-sw:passage::9-0").get("reason").asText().toLowerCase().contains("timed out"), byId.toString());
        List<String> malformedSources = rejected.stream().filter(r -> r.get("id").isNull())
                .map(r -> r.get("source").asText()).sorted().toList();
        assertEquals(List.of(dir.resolve("miracl.jsonl") + ":12", dir.resolve("miracl.jsonl") + ":53"), malformedSources);
        assertTrue(run.err().contains("docs/s"), "progress lines: " + run.err());
    }

    /**
     * A dropped HTTP/2 connection fails every stream multiplexed on it, so this runs on its own: which other
     * documents were in flight is up to timing, but none may be lost.
     */
    @Test
    void droppedConnectionsLoseNothing() throws Exception {
        vespa.failDocument("11-0", Fault.DROP_CONNECTION).failDocument("60-0", Fault.DROP_CONNECTION, Fault.DROP_CONNECTION);
        Path rejects = dir.resolve("rejects.jsonl");
        CommandRun.Outcome run = feed(corpus().toString(), "--endpoint", vespa.endpoint().toString(), "--rejects", rejects.toString(),
                "--connections", "2", "--language", "yo");
        assertEquals(1, run.exit(), "the two malformed lines still fail the run: " + run.out() + run.err());
        assertTrue(run.out().contains("ok:              " + DOCS), run.out());
        assertTrue(run.out().contains("failed:          2 (of which malformed input lines: 2)"), run.out());
        assertEquals(DOCS, vespa.documents().size());
        assertEquals(2, vespa.attempts("11-0"));
        assertEquals(3, vespa.attempts("60-0"));
        assertEquals(2, Files.readAllLines(rejects).size());
    }

    @Test
    void aRefusedConnectionIsOneLineNamingTheEndpointAndNothingIsFed() throws Exception {
        URI closed = Feeds.closedLocalPort();
        Path rejects = dir.resolve("rejects.jsonl");
        CommandRun.Outcome run = feed(corpus().toString(), "--endpoint", closed.toString(), "--rejects", rejects.toString(),
                "--language", "yo");
        assertEquals(2, run.exit(), run.out() + run.err());
        List<String> problems = run.err().lines().filter(l -> l.contains(closed.toString()) && l.contains("refused")).toList();
        assertEquals(1, problems.size(), run.err());
        assertTrue(problems.get(0).startsWith("feed: cannot connect to " + closed + ": "), problems.get(0));
        assertTrue(problems.get(0).contains("nothing was fed"), problems.get(0));
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(run.out().contains("input documents: " + (DOCS + 2)), run.out());
        assertTrue(run.out().contains("ok:              0"), run.out());
        assertTrue(run.out().contains("not attempted:   " + (DOCS + 2)), run.out());
        assertFalse(Files.exists(rejects) && ! Files.readAllLines(rejects).isEmpty(), "nothing was tried, so nothing rejected");
    }

    @Test
    void cleanFeedExitsZeroAndRejectsFileIsEmpty() throws Exception {
        Path rejects = dir.resolve("rejects.jsonl");
        Path file = dir.resolve("feed.jsonl");
        Files.writeString(file, """
                {"put":"id:miracl-yo:doc::598-0","fields":{"title":"A","text":"aa","doc_id":"598#0","language":"yo"}}
                {"put":"id:miracl-yo:doc::598-1","fields":{"title":"A","text":"bb","doc_id":"598#1","language":"yo"}}
                """);
        CommandRun.Outcome run = feed(file.toString(), "--endpoint", vespa.endpoint().toString(), "--rejects", rejects.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(List.of(), Files.readAllLines(rejects));
        assertEquals("yo", vespa.documents().get("id:miracl-yo:passage::598-1").get("language").asText());
        assertTrue(run.out().contains("retried requests: 0"), run.out());
        assertTrue(run.out().contains("count check:     agrees: Vespa serves 2 passage documents"), run.out());
        assertTrue(run.err().contains("feed: count check: Vespa serves 2 passage documents, as many as this feed stored"), run.err());
    }
}
