package dev.embedlab.core.data;

/**
 * One corpus passage, whatever file format it came from.
 *
 * @param docId      the corpus document id used in qrels and run files (MIRACL {@code 598#0}, BEIR {@code _id})
 * @param title      title, empty when the source has none
 * @param text       passage text
 * @param language   language code when the source gives one (Vespa feed {@code language}), else null
 * @param line       1-based line number in the source file, for error messages
 * @param documentId the Vespa document id the source line carries, verbatim (Vespa feed {@code put}, e.g.
 *                   {@code id:miracl-yo:doc::598-0}), or null for formats without one (raw MIRACL, BEIR)
 * @param format     the format the line was read as ({@link CorpusFormat#VESPA_FEED}, {@link CorpusFormat#MIRACL},
 *                   {@link CorpusFormat#BEIR}), or null when not known: it decides how a raw passage's id is made
 */
public record Passage(String docId, String title, String text, String language, long line, String documentId,
                      CorpusFormat format) {

    /** A passage with a Vespa document id of its own (format Vespa feed), or, with null, of unknown format. */
    public Passage(String docId, String title, String text, String language, long line, String documentId) {
        this(docId, title, text, language, line, documentId, documentId != null ? CorpusFormat.VESPA_FEED : null);
    }

    /** A passage from a source without Vespa document ids, of unknown format. */
    public Passage(String docId, String title, String text, String language, long line) {
        this(docId, title, text, language, line, null, null);
    }
}
