package dev.embedlab.client.fbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.client.EndpointProbe;
import dev.embedlab.client.RootCause;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One request before a load test, so that a Vespa that is down, refuses the request or does not hold the probe's
 * document stops the run with one line instead of a table of failures: vespa-fbench counts a refused connection
 * as a failed request and a 400 with a body as a success.
 */
public final class EndpointCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the check found: Vespa's totalCount for the request. */
    public record Answer(long totalCount) {
    }

    /** The endpoint could not be used; the message is one line naming the endpoint and the cause. */
    public static final class EndpointException extends IOException {
        private static final long serialVersionUID = 1L;

        EndpointException(String message) {
            super(message);
        }
    }

    private EndpointCheck() {
    }

    /** POSTs {@code body} to {@code endpoint}/search/ once, no retries. */
    public static Answer check(URI endpoint, ObjectNode body, Duration timeout) throws EndpointException {
        URI search = endpoint.resolve("/search/");
        String problem = EndpointProbe.connectProblem(search, Duration.ofSeconds(5));
        if (problem != null) throw new EndpointException("cannot connect to " + search + ": " + problem);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(search).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new EndpointException("no answer from " + search + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new EndpointException("cannot connect to " + search + ": " + RootCause.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException("interrupted while connecting to " + search);
        }
        JsonNode root;
        try {
            root = JSON.readTree(response.body()).path("root");
        } catch (IOException e) {
            throw new EndpointException(search + " answered HTTP " + response.statusCode() + " with a body that is not "
                    + "JSON: " + excerpt(response.body()));
        }
        String errors = errors(root);
        if (response.statusCode() != 200 || errors != null) {
            throw new EndpointException(search + " answered HTTP " + response.statusCode()
                    + (errors != null ? ": " + errors : ": " + excerpt(response.body())));
        }
        JsonNode totalCount = root.path("fields").path("totalCount");
        if (!totalCount.canConvertToLong()) {
            throw new EndpointException(search + " answered HTTP 200 without root.fields.totalCount: " + excerpt(response.body()));
        }
        return new Answer(totalCount.asLong());
    }

    private static String errors(JsonNode root) {
        JsonNode errors = root.path("errors");
        if (!errors.isArray() || errors.isEmpty()) return null;
        StringBuilder s = new StringBuilder();
        for (JsonNode error : errors) {
            if (s.length() > 0) s.append("; ");
            s.append(error.path("summary").asText("")).append(error.has("message") ? ": " + error.get("message").asText() : "");
        }
        return s.toString().replace('\n', ' ');
    }

    private static String excerpt(String body) {
        String line = body.strip().replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
