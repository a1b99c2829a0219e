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

    private static Passage miracl(String docId) {
        return new Passage(docId, "A", "aa", null, 1, null, CorpusFormat.MIRACL);
    }

    private static Passage beir(String id) {
        return new Passage(id, "", "t", null, 1, null, CorpusFormat.BEIR);
    }

    @Test
    void aRawPassageGetsTheIdTheSampleAppsFeedCarries() {
        assertEquals("id:miracl-yo:passage::598-0", YORUBA.id(miracl("598#0")).toString());
        assertEquals("id:beir-scifact:passage::4983", new PassageDocuments("beir-scifact", "en").id(beir("4983")).toString());
        assertEquals("id:beir-x:passage::a#b", new PassageDocuments("beir-x", null).id(beir("a#b")).toString(),
                     "'#' becomes '-' for MIRACL ids only");
        assertEquals(List.of("--language", "yo"), YORUBA.cliArgs());
        assertEquals(List.of("--namespace", "beir-scifact"), new PassageDocuments("beir-scifact", null).cliArgs());
    }

    @Test
    void onlyMiraclLinesGetANamespaceFromTheLanguage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> YORUBA.id(beir("4983")));
        assertTrue(e.getMessage().contains("raw BEIR passage") && e.getMessage().contains("pass --namespace"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> YORUBA.id(new Passage("1#0", "", "t", null, 1)),
                     "a raw passage of unknown format gets no derived namespace either");
    }

    @Test
    void aNamespaceIsLettersDigitsDotsUnderscoresAndDashes() {
        assertNull(PassageDocuments.namespaceProblem(null));
        assertNull(PassageDocuments.namespaceProblem("beir-scifact_v1.0"));
        for (String bad : List.of("", "a:b", "beir scifact", "a/b", "mir\u00e1cl"))
            assertTrue(PassageDocuments.namespaceProblem(bad).contains("--namespace '" + bad + "' is not a namespace"), bad);
    }

    @Test
    void aFeedLineOfAnotherDocumentTypeIsRefusedNotRetyped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> YORUBA.id(new Passage("x", "", "t", null, 7, "id:ns:music::x")));
        assertTrue(e.getMessage().startsWith("invalid document id 'id:ns:music::x': document type 'music' is neither passage nor doc"),
                   e.getMessage());
    }

    @Test
    void aRawPassageWithoutNamespaceOrLanguageIsRefusedWithTheOptionsToPass() {
        PassageDocuments none = new PassageDocuments(null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.id(miracl("1#0")));
        assertTrue(e.getMessage().contains("--language") && e.getMessage().contains("--namespace"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1 is a raw MIRACL passage: its document id needs a namespace"), e.getMessage());
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
                Passage raw = new Passage(fromFile.docId(), fromFile.title(), fromFile.text(), null, fromFile.line(), null,
                                          CorpusFormat.MIRACL);
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
