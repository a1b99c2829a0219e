package dev.embedlab.client.fbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.core.data.Topic;
import dev.embedlab.client.schema.QuerySpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a vespa-fbench POST query file (-P): for each query a line with the URL path {@code /search/} followed
 * by one line with the JSON body, the same body {@code evaluate} sends (so fbench measures the exact requests
 * whose quality was scored). JSON escapes newlines inside strings, so each body stays on one line, and a body
 * line never starts with '/', which fbench would read as the next URL.
 */
public final class FbenchQueryFile {

    public static final String SEARCH_PATH = "/search/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FbenchQueryFile() {
    }

    public static void write(List<Topic> topics, QuerySpec spec, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Topic topic : topics) {
                out.write(SEARCH_PATH);
                out.write('\n');
                out.write(JSON.writeValueAsString(spec.body(topic.text())));
                out.write('\n');
            }
        }
    }
}
