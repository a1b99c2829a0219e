package dev.embedlab.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Queries read from a file, in file order, with the lines that could not be used. Two formats, told apart by
 * the first non-blank line: TSV {@code qid<TAB>text} (MIRACL topics) or JSONL {@code {"_id","text"}} (BEIR
 * queries.jsonl). A duplicate qid is skipped (first one wins) because a run file cannot hold it twice.
 */
public record Topics(Path file, List<Topic> topics, List<SkippedLine> skipped) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Topics {
        topics = List.copyOf(topics);
        skipped = List.copyOf(skipped);
    }

    public int size() {
        return topics.size();
    }

    public static Topics read(Path file) throws IOException {
        List<Topic> topics = new ArrayList<>();
        List<SkippedLine> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        AtomicReference<Boolean> jsonl = new AtomicReference<>();  // the first non-blank line tells
        LineReader.readRecords(file, skipped, line -> {
            if (line.text().isBlank()) return;
            if (jsonl.get() == null) jsonl.set(line.text().stripLeading().startsWith("{"));
            Topic topic = jsonl.get() ? fromJson(line.text()) : fromTsv(line.text());
            if (!seen.add(topic.qid())) throw new MalformedRecordException("duplicate query id '" + topic.qid() + "'");
            topics.add(topic);
        });
        return new Topics(file, topics, skipped);
    }

    private static Topic fromTsv(String line) throws MalformedRecordException {
        int tab = line.indexOf('\t');
        if (tab < 0) throw new MalformedRecordException("expected 'qid<TAB>text', found no tab");
        String qid = line.substring(0, tab).strip();
        String text = line.substring(tab + 1).strip();
        if (qid.isEmpty()) throw new MalformedRecordException("empty query id");
        if (text.isEmpty()) throw new MalformedRecordException("query " + qid + ": empty text");
        return new Topic(qid, text);
    }

    private static Topic fromJson(String line) throws MalformedRecordException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("invalid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new MalformedRecordException("not a JSON object");
        JsonNode id = node.get("_id");
        JsonNode text = node.get("text");
        if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
            throw new MalformedRecordException("missing field '_id'");
        }
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new MalformedRecordException("query " + id.asText() + ": missing or empty field 'text'");
        }
        return new Topic(id.asText(), text.asText().strip());
    }
}
