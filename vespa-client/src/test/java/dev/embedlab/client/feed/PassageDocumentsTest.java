package dev.embedlab.client.feed;

import ai.vespa.feed.client.DocumentId;
import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;
import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one document id scheme: ids from the feed file, derived ids for raw passages, and that both agree. */
class PassageDocumentsTest {

    private static final PassageDocuments YORUBA = new PassageDocuments(null, "yo");

    @Test
    void aFeedFileIdKeepsItsNamespaceAndUserPartAndBecomesAPassage() {
        Passage fromFile = new Passage("598#0", "A", "aa", "yo", 1, "id:miracl-yo:doc::598-0");
        assertEquals("id:miracl-yo:passage::598-0", YORUBA.id(fromFile).toString());
        assertEquals("id:other:passage::598-0", new PassageDocuments("ignored-for-files", "sw").id(
                new Passage("598#0", "A", "aa", null, 1, "id:other:passage::598-0")).toString(),
                "a file's own namespace wins over --namespace and --language");
        assertEquals("id:ns:passage:g=grp:x", YORUBA.id(new Passage("x", "", "t", null, 1, "id:ns:doc:g=grp:x")).toString());
        assertEquals("id:ns:passage:n=7:x", YORUBA.id(new Passage("x", "", "t", null, 1, "id:ns:doc:n=7:x")).toString());
    }

    @Test
    void aRawPassageGetsTheIdTheSampleAppsFeedCarries() {
        assertEquals("id:miracl-yo:passage::598-0", YORUBA.id(new Passage("598#0", "A", "aa", null, 1)).toString());
        assertEquals("id:beir-scifact:passage::4983", new PassageDocuments("beir-scifact", "en")
                .id(new Passage("4983", "", "t", null, 1)).toString());
        assertEquals(List.of("--language", "yo"), YORUBA.cliArgs());
        assertEquals(List.of("--namespace", "beir-scifact"), new PassageDocuments("beir-scifact", null).cliArgs());
    }

    @Test
    void aRawPassageWithoutNamespaceOrLanguageIsRefusedWithTheOptionsToPass() {
        PassageDocuments none = new PassageDocuments(null, null);
        assertNull(none.rawNamespace());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.id(new Passage("1#0", "", "t", null, 1)));
        assertTrue(e.getMessage().contains("--language") && e.getMessage().contains("--namespace"), e.getMessage());
        assertEquals("id:miracl-yo:passage::1-0", none.id(new Passage("1#0", "", "t", null, 1, "id:miracl-yo:doc::1-0")).toString(),
                "a feed-file line needs neither");
    }

    /**
     * Over the whole MIRACL Yoruba feed file: the id each line carries and the id the same passage gets as a raw
     * MIRACL line (doc_id, language yo) are the same, and distinct across the corpus.
     */
    @Test
    void everyPassageOfTheYorubaFeedFileGetsTheSameIdEitherWay() throws Exception {
        Set<DocumentId> ids = new HashSet<>();
        long passages = 0;
        try (CorpusReader reader = CorpusReader.open(TestData.miracl("yo-feed.jsonl.zst"), CorpusFormat.AUTO)) {
            while (reader.hasNext()) {
                Passage fromFile = reader.next();
                Passage raw = new Passage(fromFile.docId(), fromFile.title(), fromFile.text(), null, fromFile.line());
                DocumentId id = YORUBA.id(fromFile);
                assertEquals(id, YORUBA.id(raw), () -> "line " + fromFile.line() + ": " + fromFile.documentId());
                ids.add(id);
                passages++;
            }
            assertTrue(reader.skipped().isEmpty(), () -> reader.skipped().toString());
        }
        assertEquals(49_043, passages);
        assertEquals(passages, ids.size(), "one id per passage");
    }
}
