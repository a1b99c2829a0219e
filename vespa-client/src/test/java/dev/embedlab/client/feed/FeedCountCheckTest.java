package dev.embedlab.client.feed;

import dev.embedlab.client.CommandRun;
import dev.embedlab.client.fakevespa.WithFakeVespa;
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
class FeedCountCheckTest extends WithFakeVespa {

    @TempDir
    Path dir;


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
        assertEquals("unranked", count.get("ranking"), "a count needs no ranking");
        assertEquals(2, vespa.searchRequests().size(), "one count before the feed, one after: " + vespa.searchRequests());
    }

    /**
     * What an earlier embedlab feed left behind (the same passages under other ids) is already in the index before
     * this feed: the count cannot tell that from a feed that adds a second corpus, so the check is inconclusive and
     * says both numbers.
     */
    @Test
    void documentsAlreadyInTheIndexMakeTheCheckInconclusiveWithBothNumbers() throws Exception {
        for (int i = 0; i < 3; i++) {
            Feeds.put(vespa.endpoint(), "id:miracl:passage::598#" + i, "{\"doc_id\":\"598#" + i + "\",\"text\":\"old\"}");
        }
        CommandRun.Outcome run = feed(args(miracl(5, false)));
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(8, vespa.documents().size(), "5 new ids next to the 3 old ones");
        assertTrue(run.out().contains("count check:     inconclusive: Vespa serves 8 passage documents (the index held 3 before,"
                                      + " this feed stored 5)"), run.out());
        String note = run.err().lines().filter(l -> l.startsWith("feed: count check inconclusive")).findFirst().orElseThrow();
        assertTrue(note.contains("the index held 3 passage documents before, this feed stored 5, Vespa serves 8 now"), note);
        assertTrue(note.contains("anything from 5 to 8 is possible") && note.contains("Document ids and the count check"), note);
    }

    /** A refeed of the same corpus into an index that holds it: every put replaces a document, still inconclusive. */
    @Test
    void refeedingTheSameIdsIsInconclusiveNotAMismatch() throws Exception {
        Path corpus = miracl(5, false);
        assertEquals(0, feed(args(corpus)).exit());
        CommandRun.Outcome again = feed(args(corpus));
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("count check:     inconclusive: Vespa serves 5 passage documents (the index held 5 before,"
                                        + " this feed stored 5)"), again.out());
    }

    /** More than before + fed: documents arrived from elsewhere during the feed. That is a mismatch. */
    @Test
    void moreThanBeforePlusFedIsAMismatchWithTheLikelyReasonAndOnlyTheFeedsOwnOptions() throws Exception {
        java.util.concurrent.atomic.AtomicInteger counts = new java.util.concurrent.atomic.AtomicInteger();
        vespa.searcher(params -> {
            if (counts.getAndIncrement() == 1) {  // the count after the feed: someone else wrote 3 documents meanwhile
                try {
                    for (int i = 0; i < 3; i++) Feeds.put(vespa.endpoint(), "id:other:passage::" + i, "{\"doc_id\":\"o\",\"text\":\"o\"}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return vespa.countReply();
        });
        CommandRun.Outcome run = feed(args(miracl(5, false)));
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("count check:     MISMATCH: Vespa serves 8 passage documents, this feed stored 5"), run.out());
        String explanation = run.err().lines().filter(l -> l.startsWith("feed: count check FAILED")).findFirst().orElseThrow();
        assertTrue(explanation.contains("this feed stored 5 documents, but Vespa serves 8 passage documents"), explanation);
        assertTrue(explanation.contains("select * from passage where true at " + vespa.endpoint() + "search/"), explanation);
        assertTrue(explanation.contains("3 more") && explanation.contains("documents fed earlier under other ids")
                && explanation.contains("other writers"), explanation);
        assertTrue(explanation.contains("--no-count-check"), explanation);
        assertTrue(!explanation.contains("id:miracl:passage::598#0"), "no project history in the message: " + explanation);
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
        assertTrue(run.err().contains("feed: " + file + ":1 is a raw MIRACL passage: its document id needs a namespace"), run.err());
        assertTrue(run.err().contains("--language") && run.err().contains("--namespace"), run.err());
        assertEquals(0, vespa.documents().size());
    }

    @Test
    void aBeirCorpusNeedsANamespaceEvenWithALanguage() throws Exception {
        Path file = Files.writeString(dir.resolve("corpus.jsonl"), "{\"_id\":\"4983\",\"title\":\"\",\"text\":\"t\"}\n");
        CommandRun.Outcome run = feed(args(file));
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("feed: " + file + ":1 is a raw BEIR passage: its document id needs a namespace; pass --namespace"),
                   run.err());
        assertEquals(0, vespa.documents().size());
        CommandRun.Outcome named = feed(args(file, "--namespace", "beir-scifact"));
        assertEquals(0, named.exit(), named.out() + named.err());
        assertEquals(List.of("id:beir-scifact:passage::4983"), vespa.documentIds());
    }

    @Test
    void aNamespaceThatIsNoNamespaceIsAUsageError() throws Exception {
        CommandRun.Outcome run = feed(args(miracl(2, false), "--namespace", "miracl:yo"));
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("feed: --namespace 'miracl:yo' is not a namespace"), run.err());
        assertEquals(0, vespa.documents().size());
    }

    @Test
    void rejectedLinesSayWhetherTheIdIsInvalidOrANamespaceIsMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.jsonl"), """
                {"put":"id:miracl-yo:doc::598-0","fields":{"doc_id":"598#0","text":"fine"}}
                {"put":"id:miracl-yo:music::598-1","fields":{"doc_id":"598#1","text":"another type"}}
                {"docid":"598#2","title":"","text":"raw, no namespace"}
                """);
        Path rejects = dir.resolve("mixed-rejects.jsonl");
        CommandRun.Outcome run = feed(file.toString(), "--endpoint", vespa.endpoint().toString(), "--rejects", rejects.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertEquals(List.of("id:miracl-yo:passage::598-0"), vespa.documentIds());
        List<String> lines = Files.readAllLines(rejects);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(file + ":2") && lines.get(0).contains("invalid document id 'id:miracl-yo:music::598-1'")
                   && lines.get(0).contains("document type 'music' is neither passage nor doc"), lines.get(0));
        assertTrue(lines.get(1).contains(file + ":3") && lines.get(1).contains("is a raw MIRACL passage: its document id needs a namespace")
                   && !lines.get(1).contains("invalid document id"), lines.get(1));
    }
}
