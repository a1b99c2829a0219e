package dev.embedlab.client.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.embedlab.client.EndpointProbe;
import dev.embedlab.client.RootCause;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Counts the passage documents Vespa serves, the way Vespa's documentation finds the number of documents in the
 * index (docs.vespa.ai FAQ "How to find number of documents in the index?": query
 * {@code select * from sources * where true} and read {@code totalCount}), here for the passage type and without
 * hits and without ranking (the built-in {@code unranked} rank profile, as Vespa's sample apps count documents):
 * {@code GET /search/?yql=select * from passage where true&hits=0&ranking=unranked&timeout=<t>ms}, then
 * {@code root.fields.totalCount}. Only searchable documents count, so right after a feed the count can lag behind
 * it for a moment. An answer with partial coverage is not a count. This is the one count query: the feed's count
 * check and the sweeps' readiness wait both use it.
 */
public final class DocumentCounter {

    public static final String YQL = "select * from " + PassageDocuments.DOCUMENT_TYPE + " where true";
    /** The request's timeout when the caller gives none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI uri;

    public DocumentCounter(URI endpoint, SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) builder.sslContext(ssl);
        this.http = builder.build();
        this.uri = endpoint.resolve("/search/?yql=" + URLEncoder.encode(YQL, StandardCharsets.UTF_8).replace("+", "%20")
                + "&hits=0&ranking=unranked");
    }

    /** The query URL without its timeout, for messages. */
    public URI uri() {
        return uri;
    }

    /** One count within {@link #DEFAULT_TIMEOUT}. */
    public long count() throws IOException, InterruptedException {
        return count(DEFAULT_TIMEOUT);
    }

    /**
     * @param timeout how long Vespa and the HTTP request may take
     * @throws ConnectException when nothing answers at the endpoint (message "cannot connect: ...")
     * @throws IOException whose message says what was wrong (no connection, a timeout, a non-200 answer, a body that
     *                     is not JSON, Vespa errors, partial coverage); it carries no cause, the message is the whole story
     */
    public long count(Duration timeout) throws IOException, InterruptedException {
        // Vespa answers within its own timeout (whole milliseconds); the HTTP request allows a second more for the trip.
        URI timed = URI.create(uri + "&timeout=" + Math.max(1, timeout.toMillis()) + "ms");
        HttpRequest request = HttpRequest.newBuilder(timed).timeout(timeout.plusSeconds(1)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            String why = EndpointProbe.connectProblem(uri, Duration.ofSeconds(Math.min(5, Math.max(1, timeout.toSeconds()))));
            throw new ConnectException("cannot connect: " + (why != null ? why : RootCause.of(e)));
        } catch (IOException e) {
            throw new IOException(RootCause.of(e));
        }
        JsonNode root;
        try {
            root = JSON.readTree(response.body()).path("root");
        } catch (IOException e) {
            throw new IOException("HTTP " + response.statusCode() + " with a body that is not JSON: " + excerpt(response.body()));
        }
        JsonNode errors = root.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            throw new IOException("HTTP " + response.statusCode() + ", Vespa errors: " + errors);
        }
        if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode() + ": " + excerpt(response.body()));
        JsonNode total = root.path("fields").path("totalCount");
        if (!total.canConvertToLong()) throw new IOException("the answer has no root.fields.totalCount: " + excerpt(response.body()));
        JsonNode coverage = root.path("coverage");
        // "full" is what Vespa reports; an answer without it is full when coverage is 100 (or not given at all).
        if (!coverage.isMissingNode() && !coverage.path("full").asBoolean(coverage.path("coverage").asDouble(100) >= 100)) {
            throw new IOException("only part of the index answered (coverage " + coverage.path("coverage").asText("?")
                    + "%), so totalCount " + total.asLong() + " is not the whole count");
        }
        return total.asLong();
    }

    private static String excerpt(String body) {
        String text = body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
