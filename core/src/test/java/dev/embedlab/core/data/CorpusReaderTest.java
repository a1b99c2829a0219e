package dev.embedlab.core.data;

import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusReaderTest {

    @TempDir
    Path dir;

    private static final String VESPA = """
            {"put":"id:miracl-yo:doc::598-0","fields":{"title":"A","text":"aa ab","doc_id":"598#0","language":"yo"}}
            {"put":"id:miracl-yo:doc::598-1","fields":{"title":"A","text":"second"}}
            """;

    @Test
    void readsVespaFeedLinesWithDocIdFieldOrIdSuffix() throws Exception {
        Path file = write("feed.jsonl", VESPA);
        CorpusReader.Corpus corpus = CorpusReader.readAll(file, CorpusFormat.AUTO);
        assertEquals(List.of(
                new Passage("598#0", "A", "aa ab", "yo", 1, "id:miracl-yo:doc::598-0"),
                new Passage("598-1", "A", "second", null, 2, "id:miracl-yo:doc::598-1")), corpus.passages());
        assertTrue(corpus.skipped().isEmpty());
    }

    @Test
    void aFeedLineWhosePutIsNoDocumentIdIsSkippedEvenWithADocIdField() throws Exception {
        Path file = write("bad-id.jsonl", "{\"put\":\"598-0\",\"fields\":{\"doc_id\":\"598#0\",\"text\":\"x\"}}\n");
        CorpusReader.Corpus corpus = CorpusReader.readAll(file, CorpusFormat.AUTO);
        assertEquals(List.of(), corpus.passages());
        assertEquals(1, corpus.skipped().size());
        assertTrue(corpus.skipped().get(0).reason().contains("invalid document id '598-0'"), corpus.skipped().toString());
    }

    /** The reader refuses what vespa-feed-client's DocumentId refuses, so no line is read only to fail when fed. */
    @Test
    void idsTheFeedClientRefusesAreSkippedWithTheirLine() throws Exception {
        List<String> bad = List.of("id::doc::598-0", "id:miracl-yo:::598-0", "id:miracl-yo:doc:q=1:598-0",
                                   "id:miracl-yo:doc:n=x:598-0", "id:miracl-yo:doc:g=:598-0", "id:miracl-yo:doc::");
        StringBuilder lines = new StringBuilder("{\"put\":\"id:miracl-yo:doc:n=7:598-0\",\"fields\":{\"text\":\"fine\"}}\n");
        for (String id : bad) lines.append("{\"put\":\"").append(id).append("\",\"fields\":{\"text\":\"x\"}}\n");
        CorpusReader.Corpus corpus = CorpusReader.readAll(write("ids.jsonl", lines.toString()), CorpusFormat.AUTO);
        assertEquals(List.of("598-0"), corpus.passages().stream().map(Passage::docId).toList());
        assertEquals(bad.size(), corpus.skipped().size(), corpus.skipped().toString());
        for (int i = 0; i < bad.size(); i++) {
            assertEquals(i + 2, corpus.skipped().get(i).line(), corpus.skipped().toString());
            assertTrue(corpus.skipped().get(i).reason().contains("invalid document id '" + bad.get(i) + "'"), corpus.skipped().toString());
        }
    }

    @Test
    void readsMiraclAndBeirFormats() throws Exception {
        Path miracl = write("miracl.jsonl", "{\"docid\":\"1#0\",\"title\":\"T\",\"text\":\"x\"}\n");
        Path beir = write("corpus.jsonl", "{\"_id\":\"doc1\",\"title\":\"\",\"text\":\"y\",\"metadata\":{}}\n");
        assertEquals(new Passage("1#0", "T", "x", null, 1, null, CorpusFormat.MIRACL),
                     CorpusReader.readAll(miracl, CorpusFormat.MIRACL).passages().get(0));
        assertEquals(new Passage("doc1", "", "y", null, 1, null, CorpusFormat.BEIR),
                     CorpusReader.readAll(beir, CorpusFormat.AUTO).passages().get(0));
    }

    @Test
    void malformedLinesAreSkippedWithLineNumbersAndCountsReconcile() throws Exception {
        byte[] badUtf8 = {'{', '"', '_', 'i', 'd', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}', '\n'};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("""
                {"_id":"ok1","text":"fine"}
                {"_id":"broken","text":
                
                {"_id":"notext"}
                [1,2]
                {"put":"id:ns:doc::x"}
                {"update":"id:ns:doc::y","fields":{}}
                {"something":"else"}
                """).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(badUtf8);
        bytes.writeBytes("{\"_id\":\"ok2\",\"text\":\"also fine\"}\r\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("mixed.jsonl");
        Files.write(file, bytes.toByteArray());

        List<SkippedLine> reported = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(file, CorpusFormat.AUTO, reported::add)) {
            reader.forEachRemaining(p -> ids.add(p.docId()));
            assertEquals(List.of("ok1", "ok2"), ids);
            assertEquals(List.of(2L, 4L, 5L, 6L, 7L, 8L, 9L), reported.stream().map(SkippedLine::line).toList());
            assertEquals(reported, reader.skipped());
            assertEquals(9, reader.nonBlankLines());
            assertEquals(reader.nonBlankLines(), reader.passages() + reader.skipped().size());
        }
        assertTrue(reported.get(0).reason().startsWith("invalid JSON"), reported.get(0).reason());
        assertTrue(reported.get(1).reason().contains("passage notext: missing field 'text'"), reported.get(1).reason());
        assertTrue(reported.get(3).reason().contains("document id:ns:doc::x: missing object 'fields'"), reported.get(3).reason());
        assertTrue(reported.get(4).reason().contains("only put"), reported.get(4).reason());
        assertTrue(reported.get(6).reason().startsWith("invalid UTF-8"), reported.get(6).reason());
        assertTrue(reported.get(6).toString().startsWith(file + ":9: "), reported.get(6).toString());
    }

    @Test
    void linesLongerThanTheReadChunkAndCrlfEndingsReadWhole() throws Exception {
        String longText = "ab".repeat(150_000);
        Path file = write("long.jsonl", "{\"_id\":\"a\",\"text\":\"" + longText + "\"}\r\n\r\n{\"_id\":\"b\",\"text\":\"x\"}");
        CorpusReader.Corpus corpus = CorpusReader.readAll(file, CorpusFormat.BEIR);
        assertEquals(List.of(new Passage("a", "", longText, null, 1, null, CorpusFormat.BEIR),
                             new Passage("b", "", "x", null, 3, null, CorpusFormat.BEIR)), corpus.passages());
    }

    @Test
    void readsGzipByMagicBytes() throws Exception {
        Path file = dir.resolve("feed.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(VESPA.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, CorpusReader.readAll(file, CorpusFormat.VESPA_FEED).passages().size());
    }

    @Test
    void readsTheRealYorubaCorpusFromZstd() throws Exception {
        Path file = TestData.miracl("yo-feed.jsonl.zst");
        long count = 0;
        Passage first = null;
        try (CorpusReader reader = CorpusReader.open(file, CorpusFormat.AUTO)) {
            while (reader.hasNext()) {
                Passage p = reader.next();
                if (first == null) first = p;
                count++;
            }
            assertTrue(reader.skipped().isEmpty(), () -> reader.skipped().toString());
        }
        assertEquals(49_043, count);
        assertEquals(new Passage("598#0", "A", "aa ab ac ad ae af ag ah ai aj ak al am an ao ap aq ar as at au av aw ax ay az", "yo", 1,
                "id:miracl-yo:doc::598-0"), first);
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
