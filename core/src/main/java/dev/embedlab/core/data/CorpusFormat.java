package dev.embedlab.core.data;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The corpus line formats we read. Each is one JSON object per line (JSONL).
 * <ul>
 *   <li>{@link #VESPA_FEED}: Vespa JSON feed operations,
 *       {@code {"put":"id:miracl-yo:doc::598-0","fields":{"title","text","doc_id","language"}}}
 *       ({@code "id"} is accepted as an alias of {@code "put"}, as Vespa's feed format does). The passage id is
 *       {@code fields.doc_id}, or the user-specific part of the document id when that field is absent; the
 *       document id itself is kept in {@link Passage#documentId()}.</li>
 *   <li>{@link #MIRACL}: the raw MIRACL corpus, {@code {"docid","title","text"}}.</li>
 *   <li>{@link #BEIR}: BEIR {@code corpus.jsonl}, {@code {"_id","title","text"}}.</li>
 *   <li>{@link #AUTO}: decides per line from the keys present ({@code put}/{@code id}, {@code docid}, {@code _id}).</li>
 * </ul>
 */
public enum CorpusFormat {
    VESPA_FEED, MIRACL, BEIR, AUTO;

    /** Turns one parsed JSON line into a passage, or says precisely what is wrong with it. */
    public Passage toPassage(JsonNode node, long line) throws MalformedRecordException {
        if (node == null || !node.isObject()) throw new MalformedRecordException("not a JSON object");
        return switch (this) {
            case VESPA_FEED -> fromVespaFeed(node, line);
            case MIRACL -> fromFlat(node, "docid", line, MIRACL);
            case BEIR -> fromFlat(node, "_id", line, BEIR);
            case AUTO -> detect(node).toPassage(node, line);
        };
    }

    /** The concrete format of one JSON object, from the keys it has. */
    public static CorpusFormat detect(JsonNode node) throws MalformedRecordException {
        if (node.has("put") || node.has("id") || node.has("update") || node.has("remove")) return VESPA_FEED;
        if (node.has("docid")) return MIRACL;
        if (node.has("_id")) return BEIR;
        throw new MalformedRecordException("unknown record: expected a Vespa feed operation (put), "
                + "a MIRACL passage (docid) or a BEIR passage (_id)");
    }

    private static Passage fromVespaFeed(JsonNode node, long line) throws MalformedRecordException {
        if (node.has("update") || node.has("remove")) {
            throw new MalformedRecordException("only put operations can be read as passages");
        }
        String documentId = requiredString(node, node.has("put") ? "put" : "id");
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isObject()) {
            throw new MalformedRecordException("document " + documentId + ": missing object 'fields'");
        }
        String userSpecific = userSpecificPart(documentId); // also checks that it is a valid document id
        String docId = optionalString(fields, "doc_id");
        if (docId == null) docId = userSpecific;
        String text = requiredString(fields, "text", "document " + documentId + ": ");
        String title = optionalString(fields, "title");
        String language = optionalString(fields, "language");
        return new Passage(docId, title == null ? "" : title, text, language, line, documentId);
    }

    private static Passage fromFlat(JsonNode node, String idKey, long line, CorpusFormat format) throws MalformedRecordException {
        String docId = requiredString(node, idKey);
        String text = requiredString(node, "text", "passage " + docId + ": ");
        String title = optionalString(node, "title");
        return new Passage(docId, title == null ? "" : title, text, null, line, null, format);
    }

    /**
     * {@code id:<namespace>:<type>:[n=<number>|g=<group>]:<user-specific>}: the part after the fourth colon. The id
     * is parsed by the feed client's own parser ({@link ai.vespa.feed.client.DocumentId#of}), so the reader refuses
     * exactly the ids the feed client would (an empty namespace or type, a key/value part other than n=/g=, an empty
     * user-specific part) and a line is never read as a passage only to fail when fed.
     */
    static String userSpecificPart(String documentId) throws MalformedRecordException {
        try {
            return ai.vespa.feed.client.DocumentId.of(documentId).userSpecific();
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("invalid document id '" + documentId + "': " + e.getMessage());
        }
    }

    private static String requiredString(JsonNode node, String key) throws MalformedRecordException {
        return requiredString(node, key, "");
    }

    private static String requiredString(JsonNode node, String key, String context) throws MalformedRecordException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) throw new MalformedRecordException(context + "missing field '" + key + "'");
        if (!value.isTextual()) throw new MalformedRecordException(context + "field '" + key + "' is not a string");
        if (value.asText().isEmpty() && !key.equals("text")) {
            throw new MalformedRecordException(context + "field '" + key + "' is empty");
        }
        return value.asText();
    }

    private static String optionalString(JsonNode node, String key) throws MalformedRecordException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw new MalformedRecordException("field '" + key + "' is not a string");
        return value.asText();
    }
}
