package dev.embedlab.client.fbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.client.schema.BenchmarkQuery;
import dev.embedlab.core.data.Topic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a vespa-fbench POST query file (-P): for each query a line with the URL path {@code /search/} followed
 * by one line with the JSON body ({@link BenchmarkQuery#body}). JSON escapes newlines inside strings, so each
 * body stays on one line, and a body line never starts with '/', which fbench would read as the next URL.
 * <p>
 * Two shapes: one request per topic, which fbench cycles through for as long as it runs (the vespa and cached
 * forms: repeating a text is what they measure, or does not matter), and the cold form's file of
 * {@code requests} distinct texts, cycling over the topics, meant to be sent once each ({@code -z -r 0}).
 */
public final class FbenchQueryFile {

    public static final String SEARCH_PATH = "/search/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FbenchQueryFile() {
    }

    /** The bodies of one request per topic, in topic order. */
    public static List<ObjectNode> bodies(List<Topic> topics, BenchmarkQuery query) {
        return topics.stream().map(t -> query.body(t.text())).toList();
    }

    /** One request per topic. */
    public static void write(List<Topic> topics, BenchmarkQuery query, Path file) throws IOException {
        try (BufferedWriter out = open(file)) {
            for (Topic topic : topics) request(out, query.body(topic.text()));
        }
    }

    /** {@code requests} requests over the topics in turn, each with a text from {@code texts} (none repeats). */
    public static void writeCold(List<Topic> topics, BenchmarkQuery query, ColdTexts texts, long requests, Path file)
            throws IOException {
        if (topics.isEmpty()) throw new IllegalArgumentException("no topics to write");
        try (BufferedWriter out = open(file)) {
            for (long i = 0; i < requests; i++) {
                request(out, query.body(texts.next(topics.get((int) (i % topics.size())).text())));
            }
        }
    }

    private static BufferedWriter open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static void request(BufferedWriter out, ObjectNode body) throws IOException {
        out.write(SEARCH_PATH);
        out.write('\n');
        out.write(JSON.writeValueAsString(body));
        out.write('\n');
    }
}
