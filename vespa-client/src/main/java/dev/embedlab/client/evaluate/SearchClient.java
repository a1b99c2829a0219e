package dev.embedlab.client.evaluate;

import dev.embedlab.client.schema.QueryMode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * POSTs queries to Vespa's {@code /search/} and reads the default JSON result format.
 * <ul>
 *   <li>429 and 503 (overload, not ready) and connection errors are retried with exponential backoff
 *       (initial, 2x, 4x, ... capped at 5 s), up to {@code maxRetries} retries;</li>
 *   <li>the whole request has a client-side timeout ({@code requestTimeout}); a timed-out query fails and is
 *       not retried, since retrying a slow query mostly adds load;</li>
 *   <li>any other non-200 status, a 200 whose {@code root.errors} is non-empty, or a hit without
 *       {@code doc_id} fails the query with Vespa's own message.</li>
 * </ul>
 * Thread-safe.
 */
public final class SearchClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI searchUri;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration initialBackoff;

    public SearchClient(URI endpoint, Duration requestTimeout, int maxRetries, Duration initialBackoff, SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) builder.sslContext(ssl);
        this.http = builder.build();
        this.searchUri = endpoint.resolve("/search/");
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
    }

    public SearchOutcome search(ObjectNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(searchUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        String lastRetryable = null;
        double latency = 0;
        for (int attempt = 1; attempt <= maxRetries + 1; attempt++) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                latency = (System.nanoTime() - start) / 1e6;
                int status = response.statusCode();
                if (status == 429 || status == 503) {
                    lastRetryable = "HTTP " + status + errorMessage(response.body());
                } else if (status != 200) {
                    return SearchOutcome.failed("HTTP " + status + errorMessage(response.body()), attempt, latency);
                } else {
                    return parse(response.body(), attempt, latency);
                }
            } catch (HttpTimeoutException e) {
                latency = (System.nanoTime() - start) / 1e6;
                return SearchOutcome.failed(String.format(Locale.ROOT, "timed out after %.1f s (client timeout)",
                        requestTimeout.toMillis() / 1000.0), attempt, latency);
            } catch (IOException e) {
                latency = (System.nanoTime() - start) / 1e6;
                lastRetryable = "connection error: " + e.getClass().getSimpleName()
                        + (e.getMessage() != null ? ": " + e.getMessage() : "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SearchOutcome.failed("interrupted", attempt, 0);
            }
            if (attempt <= maxRetries) sleep(backoff(attempt));
        }
        return SearchOutcome.failed(lastRetryable + " (gave up after " + maxRetries + " retries)", maxRetries + 1, latency);
    }

    private Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static SearchOutcome parse(byte[] body, int attempts, double latency) {
        JsonNode root;
        try {
            root = JSON.readTree(body).path("root");
        } catch (IOException e) {
            return SearchOutcome.failed("HTTP 200 with a body that is not JSON: " + e.getMessage(), attempts, latency);
        }
        String errors = errors(root);
        if (errors != null) return SearchOutcome.failed("HTTP 200 with errors: " + errors, attempts, latency);
        List<SearchOutcome.Hit> hits = new ArrayList<>();
        for (JsonNode child : root.path("children")) {
            JsonNode docId = child.path("fields").path(QueryMode.ID_FIELD);
            if (!docId.isTextual()) {
                return SearchOutcome.failed("hit " + child.path("id").asText() + " has no '" + QueryMode.ID_FIELD
                        + "' field (is the '" + QueryMode.SUMMARY + "' summary deployed?)", attempts, latency);
            }
            hits.add(new SearchOutcome.Hit(docId.asText(), child.path("relevance").asDouble()));
        }
        boolean degraded = root.path("coverage").has("degraded");
        return new SearchOutcome(hits, null, attempts, latency, degraded);
    }

    /** ": <summary>: <message>" from a Vespa error result, or a short excerpt of a non-Vespa body. */
    private static String errorMessage(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            String errors = errors(json.path("root"));
            if (errors != null) return ": " + errors;
            if (json.hasNonNull("message")) return ": " + json.get("message").asText();
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through to the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return "";
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static String errors(JsonNode root) {
        JsonNode errors = root.path("errors");
        if (!errors.isArray() || errors.isEmpty()) return null;
        List<String> parts = new ArrayList<>();
        for (JsonNode error : errors) {
            StringBuilder s = new StringBuilder();
            if (error.has("code")) s.append("code ").append(error.get("code").asText()).append(' ');
            if (error.has("summary")) s.append(error.get("summary").asText());
            if (error.has("message")) s.append(": ").append(error.get("message").asText());
            parts.add(s.toString().strip());
        }
        return String.join("; ", parts);
    }
}
