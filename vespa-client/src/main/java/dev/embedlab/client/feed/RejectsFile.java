package dev.embedlab.client.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every document that did not make it into Vespa, one JSON object per line:
 * {@code {"id": <document id, or null for an unreadable line>, "source": "<file>:<line>", "reason": "..."}}.
 * JSON because reasons are server messages that can hold tabs and newlines. Thread-safe: feed results arrive
 * on the client's threads.
 */
public final class RejectsFile implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final BufferedWriter out;
    private long count;

    public RejectsFile(Path path) throws IOException {
        this.path = path;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    public synchronized void reject(String documentId, String source, String reason) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", documentId);
        line.put("source", source);
        line.put("reason", reason);
        try {
            out.write(line.toString());
            out.write('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("writing rejects file " + path, e);
        }
    }

    public synchronized long count() {
        return count;
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
