package dev.embedlab.client.feed;

import ai.vespa.feed.client.DocumentId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.core.data.Passage;

/**
 * Maps a corpus passage onto the {@code passage} schema (app/src/main/application/schemas/passage.sd):
 * document id {@code id:<namespace>:passage::<docid>} and fields doc_id, title, text, language.
 * The corpus id is kept verbatim (MIRACL {@code 598#0}) in {@code doc_id}, which the run files report, so
 * qrels match whatever form the Vespa document id takes; the feed client URL-encodes the id.
 */
public final class PassageDocuments {

    public static final String DOCUMENT_TYPE = "passage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String defaultLanguage;

    /**
     * @param namespace       Vespa document id namespace, e.g. {@code miracl}
     * @param defaultLanguage language for passages whose source gives none (raw MIRACL, BEIR); null for none
     */
    public PassageDocuments(String namespace, String defaultLanguage) {
        this.namespace = namespace;
        this.defaultLanguage = defaultLanguage;
    }

    public DocumentId id(Passage passage) {
        return DocumentId.of(namespace, DOCUMENT_TYPE, passage.docId());
    }

    /** The body of a document/v1 put: {@code {"fields":{...}}}. */
    public String json(Passage passage) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode fields = root.putObject("fields");
        fields.put("doc_id", passage.docId());
        fields.put("title", passage.title());
        fields.put("text", passage.text());
        String language = passage.language() != null ? passage.language() : defaultLanguage;
        if (language != null) fields.put("language", language);
        return root.toString();
    }
}
