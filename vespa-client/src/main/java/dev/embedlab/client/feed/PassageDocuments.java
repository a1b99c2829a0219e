package dev.embedlab.client.feed;

import ai.vespa.feed.client.DocumentId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.client.schema.QueryMode;
import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps a corpus passage onto the {@code passage} schema (app/src/main/application/schemas/passage.sd): its Vespa
 * document id and the fields doc_id, title, text, language. This is the one place document ids are made, for
 * {@code embedlab feed}, the sweeps' refeeds and the scripts (which feed through {@code embedlab feed}):
 * <ul>
 *   <li>a Vespa feed line keeps the id it carries: namespace and user-specific part verbatim, only the document
 *       type {@code doc} becomes {@code passage} (the sample-apps MIRACL feed says {@code id:miracl-yo:doc::598-0},
 *       and Vespa refuses a type the application does not have); any other type is refused, not retyped;</li>
 *   <li>a raw MIRACL line ({@code docid}) gets {@code id:<namespace>:passage::<docid with '#' as '-'>}, namespace
 *       {@code miracl-<language>} unless given: exactly what the sample-apps feed carries for the same passage
 *       ({@code 598#0} in {@code miracl-yo} is {@code id:miracl-yo:passage::598-0}), so feeding a corpus either
 *       way stores each passage once;</li>
 *   <li>a raw BEIR line ({@code _id}) gets {@code id:<namespace>:passage::<_id>} and needs {@code --namespace}:
 *       its ids are not MIRACL's, so no namespace is derived for it.</li>
 * </ul>
 * The corpus id stays verbatim in {@code doc_id}, which run files report and qrels use.
 */
public final class PassageDocuments {

    /** The application's one document type; the same constant the queries use. */
    public static final String DOCUMENT_TYPE = QueryMode.DOCUMENT_TYPE;
    /** The document type of the sample-apps feed files, fed as {@link #DOCUMENT_TYPE}. */
    public static final String SAMPLE_APPS_TYPE = "doc";
    /** What --namespace may be: the characters Vespa's own namespaces use in practice; no ':' or spaces. */
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String namespaceOption;
    private final String defaultLanguage;

    /**
     * @param namespace       namespace of raw passages' ids; null for {@code miracl-<defaultLanguage>} (MIRACL only)
     * @param defaultLanguage language for passages whose source gives none (raw MIRACL, BEIR); null for none
     *                        (callers check the namespace with {@link #namespaceProblem} first, to exit with a usage error)
     */
    public PassageDocuments(String namespace, String defaultLanguage) {
        this.namespaceOption = namespace;
        this.namespace = namespace;
        this.defaultLanguage = defaultLanguage;
    }

    /** Why a --namespace value is unusable, or null when it is fine (or not given). */
    public static String namespaceProblem(String namespace) {
        if (namespace == null || NAMESPACE.matcher(namespace).matches()) return null;
        return "--namespace '" + namespace + "' is not a namespace: use letters, digits, '.', '_' and '-' only (e.g. beir-scifact)";
    }

    /** The one message for a raw passage that has no namespace for its id; {@code where} is "file:line". */
    public static String needsNamespace(String where, CorpusFormat format) {
        return format == CorpusFormat.MIRACL
                ? where + " is a raw MIRACL passage: its document id needs a namespace; pass --language (ids "
                  + "id:miracl-<language>:passage::<docid>, as the sample-apps feed files have) or --namespace"
                : where + " is a raw " + (format == CorpusFormat.BEIR ? "BEIR" : "") + " passage: its document id needs "
                  + "a namespace; pass --namespace (e.g. beir-scifact); --language names a namespace for MIRACL lines only";
    }

    /** The namespace a raw passage of this format gets, or null when none was given or derived. */
    String rawNamespace(CorpusFormat format) {
        if (namespace != null) return namespace;
        return format == CorpusFormat.MIRACL && defaultLanguage != null ? "miracl-" + defaultLanguage : null;
    }

    /**
     * The first passage in these files that would get no document id for want of a namespace, as the message to
     * print (see {@link #needsNamespace}), else null. Checked before anything is sent or deployed; files are one
     * format throughout in practice, so each file's first passage stands for it (a raw line further down a feed
     * file still fails, in the rejects file).
     */
    public String missingNamespace(List<Path> files, CorpusFormat format) throws IOException {
        for (Path file : files) {
            try (CorpusReader reader = CorpusReader.open(file, format)) {
                if (reader.hasNext()) {
                    Passage passage = reader.next();
                    if (passage.documentId() == null && rawNamespace(passage.format()) == null)
                        return needsNamespace(file + ":" + passage.line(), passage.format());
                }
            }
        }
        return null;
    }

    /**
     * @throws IllegalArgumentException whose message is the whole reason: "invalid document id '...'" for an id
     *                                  that is not one (or whose type is neither passage nor doc), or
     *                                  {@link #needsNamespace} for a raw passage without a namespace
     */
    public DocumentId id(Passage passage) {
        if (passage.documentId() != null) {
            DocumentId given;
            try {
                given = DocumentId.of(passage.documentId());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid document id '" + passage.documentId() + "': " + e.getMessage());
            }
            if (!given.documentType().equals(DOCUMENT_TYPE) && !given.documentType().equals(SAMPLE_APPS_TYPE)) {
                throw new IllegalArgumentException("invalid document id '" + passage.documentId() + "': document type '"
                        + given.documentType() + "' is neither " + DOCUMENT_TYPE + " nor " + SAMPLE_APPS_TYPE
                        + " (the sample-apps feed files' type); this application has only " + DOCUMENT_TYPE);
            }
            if (given.number().isPresent()) return DocumentId.of(given.namespace(), DOCUMENT_TYPE, given.number().getAsLong(), given.userSpecific());
            if (given.group().isPresent()) return DocumentId.of(given.namespace(), DOCUMENT_TYPE, given.group().get(), given.userSpecific());
            return DocumentId.of(given.namespace(), DOCUMENT_TYPE, given.userSpecific());
        }
        String raw = rawNamespace(passage.format());
        if (raw == null) throw new IllegalArgumentException(needsNamespace("line " + passage.line(), passage.format()));
        String userSpecific = passage.format() == CorpusFormat.MIRACL ? userSpecific(passage.docId()) : passage.docId();
        try {
            return DocumentId.of(raw, DOCUMENT_TYPE, userSpecific);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid document id for doc_id '" + passage.docId() + "': " + e.getMessage());
        }
    }

    /**
     * The user-specific part of a raw MIRACL passage's id: the corpus id with '#' written as '-', as the sample-apps
     * feed does. Not injective: {@code 598#0} and {@code 598-0} get the same id (MIRACL ids never contain '-').
     */
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
