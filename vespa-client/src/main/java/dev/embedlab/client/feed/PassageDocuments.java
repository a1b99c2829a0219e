package dev.embedlab.client.feed;

import ai.vespa.feed.client.DocumentId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.core.data.Passage;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a corpus passage onto the {@code passage} schema (app/src/main/application/schemas/passage.sd): its Vespa
 * document id and the fields doc_id, title, text, language. This is the one place document ids are made, for
 * {@code embedlab feed}, the sweeps' refeeds and the scripts (which feed through {@code embedlab feed}):
 * <ul>
 *   <li>a Vespa feed line keeps the id it carries: namespace and user-specific part verbatim, only the document
 *       type becomes {@code passage} (the sample-apps MIRACL feed says {@code id:miracl-yo:doc::598-0}, and Vespa
 *       refuses a type the application does not have);</li>
 *   <li>a raw MIRACL or BEIR line gets {@code id:<namespace>:passage::<docid with '#' as '-'>}, namespace
 *       {@code miracl-<language>} unless given: exactly what the sample-apps feed carries for the same passage
 *       ({@code 598#0} in {@code miracl-yo} is {@code id:miracl-yo:passage::598-0}), so feeding a corpus either
 *       way stores each passage once.</li>
 * </ul>
 * The corpus id stays verbatim in {@code doc_id}, which run files report and qrels use.
 */
public final class PassageDocuments {

    public static final String DOCUMENT_TYPE = "passage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String namespaceOption;
    private final String defaultLanguage;

    /**
     * @param namespace       namespace of raw passages' ids; null for {@code miracl-<defaultLanguage>}
     * @param defaultLanguage language for passages whose source gives none (raw MIRACL, BEIR); null for none
     */
    public PassageDocuments(String namespace, String defaultLanguage) {
        this.namespaceOption = namespace;
        this.namespace = namespace != null ? namespace : defaultLanguage != null ? "miracl-" + defaultLanguage : null;
        this.defaultLanguage = defaultLanguage;
    }

    /** The namespace raw passages get, or null when neither a namespace nor a language was given. */
    public String rawNamespace() {
        return namespace;
    }

    /** @throws IllegalArgumentException when a raw passage has no namespace, or the id is not a valid one */
    public DocumentId id(Passage passage) {
        if (passage.documentId() != null) {
            DocumentId given = DocumentId.of(passage.documentId());
            if (given.number().isPresent()) return DocumentId.of(given.namespace(), DOCUMENT_TYPE, given.number().getAsLong(), given.userSpecific());
            if (given.group().isPresent()) return DocumentId.of(given.namespace(), DOCUMENT_TYPE, given.group().get(), given.userSpecific());
            return DocumentId.of(given.namespace(), DOCUMENT_TYPE, given.userSpecific());
        }
        if (namespace == null) {
            throw new IllegalArgumentException("a raw MIRACL/BEIR passage needs a namespace for its document id: pass "
                    + "--language (namespace miracl-<language>, as the sample-apps feed files use) or --namespace");
        }
        return DocumentId.of(namespace, DOCUMENT_TYPE, userSpecific(passage.docId()));
    }

    /** The user-specific part of a raw passage's id: the corpus id with '#' written as '-', as the sample-apps feed does. */
    static String userSpecific(String docId) {
        return docId.replace('#', '-');
    }

    /** The {@code embedlab feed} options that give this mapping, for printed commands. */
    public List<String> cliArgs() {
        List<String> args = new ArrayList<>();
        if (namespaceOption != null) args.addAll(List.of("--namespace", namespaceOption));
        if (defaultLanguage != null) args.addAll(List.of("--language", defaultLanguage));
        return args;
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
