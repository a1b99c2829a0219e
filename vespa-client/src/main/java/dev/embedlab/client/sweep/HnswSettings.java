package dev.embedlab.client.sweep;

import dev.embedlab.client.sweep.SchemaOutline.Block;
import dev.embedlab.client.sweep.SchemaOutline.Setting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and sets the HNSW index settings of one field in a schema's text, found through the schema's blocks:
 * {@code field <name>} (in the schema or its document) → {@code index} → {@code hnsw}. Only the setting's value
 * is replaced; a missing setting is added as a line of its own in the block. Everything else, comments and
 * layout included, is left as it was. Errors name the file, and the field or line.
 */
public final class HnswSettings {

    public static final String MAX_LINKS_PER_NODE = "max-links-per-node";
    public static final String NEIGHBORS_TO_EXPLORE_AT_INSERT = "neighbors-to-explore-at-insert";

    private HnswSettings() {
    }

    /** The value of {@code key} in the field's hnsw block, or -1 when the block does not set it. */
    public static int read(String sd, String field, String key, String where) throws IOException {
        Block hnsw = hnswBlock(sd, field, where);
        Setting setting = single(hnsw, key, sd, field, where);
        if (setting == null) return -1;
        try {
            return Integer.parseInt(setting.value());
        } catch (NumberFormatException e) {
            throw new IOException(where + ":" + SchemaOutline.line(sd, setting.valueStart()) + ": field '" + field
                    + "' hnsw " + key + " is '" + setting.value() + "', not a whole number");
        }
    }

    /** The text with {@code key: value} in the field's hnsw block, replacing the value or adding the line. */
    public static String set(String sd, String field, String key, int value, String where) throws IOException {
        Block hnsw = hnswBlock(sd, field, where);
        Setting setting = single(hnsw, key, sd, field, where);
        if (setting != null) {
            return sd.substring(0, setting.valueStart()) + value + sd.substring(setting.valueEnd());
        }
        String line = key + ": " + value;
        int closeLine = sd.lastIndexOf('\n', hnsw.close() - 1) + 1;
        if (sd.substring(closeLine, hnsw.close()).isBlank()) {
            // The closing brace has its line: the new setting goes on a line just above it.
            String indent = hnsw.settings().isEmpty()
                    ? sd.substring(closeLine, hnsw.close()) + "    "
                    : indentation(sd, hnsw.settings().get(0).valueStart());
            return sd.substring(0, closeLine) + indent + line + "\n" + sd.substring(closeLine);
        }
        // A one-line block, hnsw { ... }: the closing brace moves to a line of its own.
        String headerIndent = indentation(sd, hnsw.headerStart());
        int end = hnsw.close();
        while (end > hnsw.open() + 1 && Character.isWhitespace(sd.charAt(end - 1))) end--;
        return sd.substring(0, end) + "\n" + headerIndent + "    " + line + "\n" + headerIndent + sd.substring(hnsw.close());
    }

    /** The field's {@code index { hnsw { ... } }} block. */
    static Block hnswBlock(String sd, String field, String where) throws IOException {
        Block root = SchemaOutline.parse(sd, where);
        List<Block> fields = new ArrayList<>();
        for (Block schema : root.children()) {
            if (!schema.keyword().equals("schema") && !schema.keyword().equals("search")) continue;
            collectFields(schema, field, fields);
            for (Block document : schema.children()) {
                if (document.keyword().equals("document")) collectFields(document, field, fields);
            }
        }
        if (fields.isEmpty()) throw new IOException(where + ": no field '" + field + "'");
        if (fields.size() > 1) {
            throw new IOException(where + ": field '" + field + "' is defined " + fields.size() + " times (lines "
                    + SchemaOutline.line(sd, fields.get(0).headerStart()) + " and "
                    + SchemaOutline.line(sd, fields.get(1).headerStart()) + ")");
        }
        List<Block> hnsw = fields.get(0).children("index").stream().flatMap(index -> index.children("hnsw").stream()).toList();
        if (hnsw.isEmpty()) {
            throw new IOException(where + ": field '" + field + "' has no 'index { hnsw { ... } }' block to tune; add one");
        }
        if (hnsw.size() > 1) {
            throw new IOException(where + ":" + SchemaOutline.line(sd, hnsw.get(1).headerStart()) + ": field '" + field
                    + "' has a second hnsw block");
        }
        return hnsw.get(0);
    }

    private static void collectFields(Block parent, String name, List<Block> into) {
        for (Block child : parent.children()) {
            if (child.keyword().equals("field") && child.name().equals(name)) into.add(child);
        }
    }

    private static Setting single(Block hnsw, String key, String sd, String field, String where) throws IOException {
        List<Setting> settings = hnsw.settings(key);
        if (settings.size() > 1) {
            throw new IOException(where + ":" + SchemaOutline.line(sd, settings.get(1).valueStart()) + ": field '" + field
                    + "' sets hnsw " + key + " twice");
        }
        return settings.isEmpty() ? null : settings.get(0);
    }

    /** The white space that starts the line holding {@code offset}. */
    private static String indentation(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = start;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) end++;
        return text.substring(start, end);
    }
}
