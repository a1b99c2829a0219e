package dev.embedlab.client.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.client.CommandRun;
import dev.embedlab.client.fakevespa.FakeVespa;
import dev.embedlab.client.fakevespa.WithFakeVespa;
import dev.embedlab.client.feed.Feeds;
import dev.embedlab.core.data.LineReader;
import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sweep's refeed of the raw MIRACL corpus into a Vespa that `embedlab feed` filled from the feed file: the same
 * ids, so the index still holds one document per passage, and the count check after the refeed stops the sweep
 * when it does not (here: documents an older feed left under other ids).
 */
class SweepRefeedTest extends WithFakeVespa {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCS = 30;

    @TempDir
    Path dir;
    Path feedFile;
    Path rawCorpus;

    @BeforeEach
    void start() throws Exception {
        vespa.searcher(params -> FakeVespa.isCountQuery(params) ? vespa.countReply()
                : new FakeVespa.SearchReply(200, FakeVespa.result(List.of(new AbstractMap.SimpleEntry<>("598#0", 1.0)))));
        List<String> feedLines = new ArrayList<>();
        List<String> rawLines = new ArrayList<>();
        try (LineReader reader = LineReader.open(TestData.miracl("yo-feed.jsonl.zst"))) {
            LineReader.Line line;
            while (feedLines.size() < DOCS && (line = reader.next()) != null) {
                feedLines.add(line.text());
                JsonNode fields = JSON.readTree(line.text()).get("fields");
                rawLines.add(JSON.createObjectNode().put("docid", fields.get("doc_id").asText())
                        .put("title", fields.get("title").asText()).put("text", fields.get("text").asText()).toString());
            }
        }
        feedFile = Files.write(dir.resolve("yo-feed.jsonl"), feedLines);
        rawCorpus = Files.write(dir.resolve("miracl-yo.jsonl"), rawLines);
        CommandRun.Outcome fed = Feeds.feed(feedFile.toString(), "--endpoint", vespa.endpoint().toString(),
                "--rejects", dir.resolve("rejects.jsonl").toString());
        assertEquals(0, fed.exit(), fed.out() + fed.err());
    }


    private final SweepCommandTest.FakeTools tools = new SweepCommandTest.FakeTools();

    private CommandRun.Outcome sweepWithRefeed(String... more) throws Exception {
        return sweepWithRefeed(List.of("--language", "yo"), more);
    }

    private CommandRun.Outcome sweepWithRefeed(List<String> ids, String... more) throws Exception {
        Path topics = Files.writeString(dir.resolve("topics.tsv"), "q1\ttext of q1\n");
        List<String> args = new ArrayList<>(List.of("hnsw", "--topics", topics.toString(), "--qrels", SweepCommandTest.resource("qrels.txt").toString(),
                "--application", ApplicationPackageEditorTest.realApplication().toString(), "--endpoint", vespa.endpoint().toString(),
                "--container", "vespa", "--grid", "16/100", "--explore", "0", "--refeed", "ALWAYS", "--skip-fbench",
                "--corpus", rawCorpus.toString(), "--out", dir.resolve("sweep").toString(), "--wait-seconds", "20"));
        args.addAll(ids);
        args.addAll(List.of(more));
        return CommandRun.run(new SweepCommand(), (commandLine, out, err) -> {
            SweepCommand.Base command = commandLine.getSubcommands().get("sweep").getSubcommands().get("hnsw").getCommand();
            command.out = out;
            command.err = err;
            command.executor = tools;
        }, args.toArray(String[]::new));
    }

    @Test
    void theRefeedOfTheRawCorpusReplacesTheFeedFilesDocumentsAndTheCountsAgree() throws Exception {
        CommandRun.Outcome o = sweepWithRefeed();
        assertEquals(0, o.exit(), o.out() + o.err());
        assertEquals(DOCS, vespa.documents().size(), "one document per passage: " + vespa.documentIds());
        assertTrue(vespa.documentIds().contains("id:miracl-yo:passage::598-0"), vespa.documentIds().toString());
        assertTrue(o.err().contains("count check:     agrees: Vespa serves " + DOCS + " passage documents"), o.err());
    }

    @Test
    void moreDocumentsThanTheCorpusStopTheSweepBeforeTheRefeed() throws Exception {
        Feeds.put(vespa.endpoint(), "id:miracl:passage::598#0", "{\"doc_id\":\"598#0\",\"text\":\"fed by an older embedlab\"}");
        CommandRun.Outcome o = sweepWithRefeed();
        assertEquals(2, o.exit(), o.out() + o.err());
        String failure = o.err().lines().filter(l -> l.startsWith("sweep: step ") && l.contains("failed")).findFirst().orElseThrow();
        assertTrue(failure.contains("Vespa serves " + (DOCS + 1) + " passage documents"), failure);
        assertTrue(failure.contains("1 more than the " + DOCS + " of the corpus") && failure.contains("--allow-extra-documents"), failure);
        assertEquals(DOCS + 1, vespa.documents().size(), "nothing refed: " + vespa.documentIds());
        assertTrue(!Files.exists(dir.resolve("sweep/runs/m16-n100-e0.run")), "nothing measured after the failed check");
    }

    @Test
    void withExtraDocumentsAllowedTheRefeedsCountCheckStillStopsTheSweepNamingNoFeedOption() throws Exception {
        Feeds.put(vespa.endpoint(), "id:miracl:passage::598#0", "{\"doc_id\":\"598#0\",\"text\":\"fed by an older embedlab\"}");
        CommandRun.Outcome o = sweepWithRefeed("--allow-extra-documents");
        assertEquals(2, o.exit(), o.out() + o.err());
        assertTrue(o.err().contains("sweep: note: Vespa serves " + (DOCS + 1) + " passage documents, more than the " + DOCS + " expected"), o.err());
        String failure = o.err().lines().filter(l -> l.startsWith("sweep: step ") && l.contains("failed")).findFirst().orElseThrow();
        assertTrue(failure.contains("count check FAILED: this feed stored " + DOCS + " documents, but Vespa serves " + (DOCS + 1)), failure);
        assertTrue(failure.contains("(results would not be comparable)"), failure);
        for (String option : List.of("--no-count-check", "--count-wait", "--count-endpoint"))
            assertTrue(!failure.contains(option), "the sweep has no " + option + ": " + failure);
        assertTrue(!Files.exists(dir.resolve("sweep/runs/m16-n100-e0.run")), "nothing measured after the failed check");
    }

    @Test
    void aRawCorpusWithoutLanguageOrNamespaceIsRefusedBeforeAnythingIsDeployed() throws Exception {
        CommandRun.Outcome o = sweepWithRefeed(List.of());
        assertEquals(2, o.exit(), o.out() + o.err());
        assertTrue(o.err().contains("sweep: " + rawCorpus + ":1 is a raw MIRACL passage: its document id needs a namespace"), o.err());
        assertTrue(o.err().contains("nothing deployed, fed or queried"), o.err());
        assertEquals(List.of(), tools.commands, "no deploy, no restart");
    }
}
