package dev.embedlab.client.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.client.CommandRun;
import dev.embedlab.client.fakevespa.WithFakeVespa;
import dev.embedlab.core.data.LineReader;
import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.embedlab.client.feed.Feeds.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways passages reach Vespa store each passage once, because they all use one id scheme: the quickstart (the
 * first N lines of the MIRACL Yoruba feed file through `embedlab feed`), the same file in full, the same passages
 * as a raw MIRACL corpus with --language yo, and what the earlier quickstart sent with `vespa feed` (the file's
 * lines with the type rewritten to passage). Real passages: the first lines of the shared yo-feed.jsonl.zst.
 */
class OneDocumentPerPassageTest extends WithFakeVespa {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUICKSTART_DOCS = 40;
    private static final int CORPUS_DOCS = 120;

    @TempDir
    Path dir;


    /** The first n lines of the real feed file, as the quickstart's `zstdcat | head -n N` writes them. */
    private List<String> feedFileHead(int n) throws Exception {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = LineReader.open(TestData.miracl("yo-feed.jsonl.zst"))) {
            LineReader.Line line;
            while (lines.size() < n && (line = reader.next()) != null) lines.add(line.text());
        }
        return lines;
    }

    private Path write(String name, List<String> lines) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }

    private void feedOk(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", vespa.endpoint().toString(), "--rejects", dir.resolve("rejects.jsonl").toString()));
        CommandRun.Outcome run = feed(all.toArray(String[]::new));
        assertEquals(0, run.exit(), run.out() + run.err());
        // Each feed goes into an index that already holds the same passages: the count check cannot tell replaced
        // documents from extra ones and says so (it passes); the stored ids below are the real check.
        assertTrue(run.out().contains("count check:     inconclusive: Vespa serves " + vespa.documents().size() + " passage documents"),
                   run.out());
    }

    @Test
    void quickstartThenEmbedlabFeedThenTheRawCorpusLeaveOneDocumentPerPassage() throws Exception {
        List<String> corpus = feedFileHead(CORPUS_DOCS);
        // What the earlier quickstart fed with the Vespa CLI: the file's own ids, type doc rewritten to passage.
        for (String line : corpus.subList(0, QUICKSTART_DOCS)) {
            JsonNode put = JSON.readTree(line);
            Feeds.put(vespa.endpoint(), put.get("put").asText().replace(":doc::", ":passage::"), put.get("fields").toString());
        }
        // scripts/quickstart.sh: the first N lines through embedlab feed.
        feedOk(write("yo-feed-first-" + QUICKSTART_DOCS + ".jsonl", corpus.subList(0, QUICKSTART_DOCS)).toString());
        assertEquals(QUICKSTART_DOCS, vespa.documents().size());
        // scripts/feed.sh / embedlab feed: the feed file.
        feedOk(write("yo-feed.jsonl", corpus).toString());
        // The same passages as a raw MIRACL corpus (docid, title, text).
        List<String> raw = new ArrayList<>();
        for (String line : corpus) {
            JsonNode fields = JSON.readTree(line).get("fields");
            raw.add(JSON.createObjectNode().put("docid", fields.get("doc_id").asText()).put("title", fields.get("title").asText())
                    .put("text", fields.get("text").asText()).toString());
        }
        feedOk(write("miracl-yo.jsonl", raw).toString(), "--language", "yo");

        Map<String, JsonNode> stored = vespa.documents();
        assertEquals(CORPUS_DOCS, stored.size(), "one document per passage: " + new TreeSet<>(stored.keySet()));
        TreeSet<String> docIds = new TreeSet<>();
        for (Map.Entry<String, JsonNode> document : stored.entrySet()) {
            String docId = document.getValue().get("doc_id").asText();
            docIds.add(docId);
            assertEquals("id:miracl-yo:passage::" + docId.replace('#', '-'), document.getKey());
            assertEquals("yo", document.getValue().get("language").asText());
        }
        assertEquals(CORPUS_DOCS, docIds.size());
        assertTrue(docIds.contains("598#0"), docIds.first());
    }
}
