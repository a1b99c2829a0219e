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
 */
public record Passage(String docId, String title, String text, String language, long line, String documentId) {

    /** A passage from a source without Vespa document ids. */
    public Passage(String docId, String title, String text, String language, long line) {
        this(docId, title, text, language, line, null);
    }
}
