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
 * hits: {@code GET /search/?yql=select * from passage where true&hits=0}, then {@code root.fields.totalCount}.
 * Only searchable documents count, so right after a feed the count can lag behind it for a moment.
 */
public final class DocumentCounter {

    public static final String YQL = "select * from " + PassageDocuments.DOCUMENT_TYPE + " where true";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI uri;

    public DocumentCounter(URI endpoint, SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) builder.sslContext(ssl);
        this.http = builder.build();
        this.uri = endpoint.resolve("/search/?yql=" + URLEncoder.encode(YQL, StandardCharsets.UTF_8).replace("+", "%20")
                + "&hits=0&timeout=10s");
    }

    /** The query URL, for messages. */
    public URI uri() {
        return uri;
    }

    /**
     * @throws IOException whose message says what was wrong (no connection, a non-200 answer, Vespa errors, partial
     *                     coverage); it carries no cause, the message is the whole story
     */
    public long count() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            String why = EndpointProbe.connectProblem(uri, Duration.ofSeconds(5));
            throw new IOException("cannot connect: " + (why != null ? why : RootCause.of(e)));
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
        if (!coverage.isMissingNode() && !coverage.path("full").asBoolean(true)) {
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
