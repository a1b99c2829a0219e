package dev.embedlab.client.feed;

import dev.embedlab.client.CommandRun;
import dev.embedlab.client.fakevespa.FakeVespa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.embedlab.client.feed.Feeds.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a feed, `embedlab feed` compares the documents it stored with the passage documents Vespa serves, asking
 * the fake Vespa's /search/ the count query (select * from passage where true, hits=0, root.fields.totalCount).
 */
class FeedCountCheckTest {

    @TempDir
    Path dir;
    FakeVespa vespa;

    @BeforeEach
    void start() throws Exception {
        vespa = new FakeVespa();
    }

    @AfterEach
    void stop() throws Exception {
        vespa.close();
    }

    /** Raw MIRACL passages 598#0 .. 598#(n-1), optionally with one line repeated. */
    private Path miracl(int n, boolean repeatFirst) throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append("{\"docid\":\"598#").append(i).append("\",\"title\":\"A\",\"text\":\"passage ").append(i).append("\"}\n");
        if (repeatFirst) s.append("{\"docid\":\"598#0\",\"title\":\"A\",\"text\":\"passage 0 again\"}\n");
        Path file = dir.resolve("miracl-" + n + (repeatFirst ? "-dup" : "") + ".jsonl");
        Files.writeString(file, s.toString());
        return file;
    }

    private String[] args(Path file, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(file.toString(), "--endpoint", vespa.endpoint().toString(),
                "--rejects", dir.resolve("rejects.jsonl").toString(), "--language", "yo"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void countsThatAgreeExitZeroAndSaySo() throws Exception {
        CommandRun.Outcome run = feed(args(miracl(5, false)));
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("count check:     agrees: Vespa serves 5 passage documents"), run.out());
        Map<String, String> count = vespa.searchRequests().get(0);
        assertEquals("select * from passage where true", count.get("yql"));
        assertEquals("0", count.get("hits"));
    }

    /** What an earlier embedlab feed left behind: the same passages under its old ids, id:miracl:passage::598#0. */
    @Test
    void documentsUnderOtherIdsAreAMismatchWithBothNumbersAndTheLikelyReason() throws Exception {
        for (int i = 0; i < 3; i++) {
            Feeds.put(vespa.endpoint(), "id:miracl:passage::598#" + i, "{\"doc_id\":\"598#" + i + "\",\"text\":\"old\"}");
        }
        CommandRun.Outcome run = feed(args(miracl(5, false)));
        assertEquals(3, run.exit(), run.out() + run.err());
        assertEquals(8, vespa.documents().size(), "5 new ids next to the 3 old ones");
        assertTrue(run.out().contains("ok:              5"), run.out());
        assertTrue(run.out().contains("count check:     MISMATCH: Vespa serves 8 passage documents, this feed stored 5"), run.out());
        String explanation = run.err().lines().filter(l -> l.startsWith("feed: count check FAILED")).findFirst().orElseThrow();
        assertTrue(explanation.contains("this feed stored 5 documents, but Vespa serves 8 passage documents"), explanation);
        assertTrue(explanation.contains("select * from passage where true at " + vespa.endpoint() + "search/"), explanation);
        assertTrue(explanation.contains("3 more") && explanation.contains("documents fed earlier under other ids")
                && explanation.contains("other writers"), explanation);
        assertTrue(explanation.contains("--no-count-check"), explanation);
    }

    @Test
    void aRepeatedIdStoresOneDocumentForTwoOksAndTheMismatchSaysDuplicateIds() throws Exception {
        CommandRun.Outcome run = feed(args(miracl(4, true), "--count-wait", "1"));
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("count check:     MISMATCH: Vespa serves 4 passage documents, this feed stored 5"), run.out());
        String explanation = run.err().lines().filter(l -> l.startsWith("feed: count check FAILED")).findFirst().orElseThrow();
        assertTrue(explanation.contains("1 fewer") && explanation.contains("duplicate document ids in the input")
                && explanation.contains("not searchable yet"), explanation);
        assertTrue(vespa.searchRequests().size() >= 2, "counted again while the count was short: " + vespa.searchRequests().size());
    }

    @Test
    void aCountThatCannotBeReadIsItsOwnFailureNamingTheEndpoint() throws Exception {
        URI closed = Feeds.closedLocalPort();
        CommandRun.Outcome run = feed(args(miracl(3, false), "--count-endpoint", closed.toString(), "--count-wait", "0"));
        assertEquals(3, run.exit(), run.out() + run.err());
        assertEquals(3, vespa.documents().size(), "the feed itself went through");
        assertTrue(run.out().contains("count check:     not done: cannot connect: ConnectException: Connection refused"), run.out());
        String explanation = run.err().lines().filter(l -> l.startsWith("feed: count check not done")).findFirst().orElseThrow();
        assertTrue(explanation.contains(closed.resolve("/search/").toString()) && explanation.contains("--count-endpoint"), explanation);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void noCountCheckSkipsItAndTrustsTheFeed() throws Exception {
        Feeds.put(vespa.endpoint(), "id:someone-else:passage::x", "{\"doc_id\":\"x\",\"text\":\"other writer\"}");
        CommandRun.Outcome run = feed(args(miracl(3, false), "--no-count-check"));
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("count check:     not done (--no-count-check)"), run.out());
        assertTrue(vespa.searchRequests().isEmpty());
    }

    @Test
    void aRawCorpusWithoutLanguageOrNamespaceIsAUsageErrorBeforeAnythingIsSent() throws Exception {
        Path file = miracl(3, false);
        CommandRun.Outcome run = feed(file.toString(), "--endpoint", vespa.endpoint().toString());
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("feed: " + file + ":1 is a raw MIRACL/BEIR passage"), run.err());
        assertTrue(run.err().contains("--language") && run.err().contains("--namespace"), run.err());
        assertEquals(0, vespa.documents().size());
    }
}
