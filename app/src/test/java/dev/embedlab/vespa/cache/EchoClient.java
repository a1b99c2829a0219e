package dev.embedlab.vespa.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yahoo.application.Application;
import com.yahoo.application.container.handler.Response;
import dev.embedlab.vespa.testing.TestApplication;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries through the test container's SearchHandler to a chain ending in QueryFeaturesEchoSearcher. */
record EchoClient(Application app) {

    static final String NEAREST_NEIGHBOR = "select * from passage where {targetHits:10}nearestNeighbor(e5_embedding, q_e5)";
    static final String NO_VECTOR_QUERY = "select * from passage where true";
    static final String TEXT = "embedlab.text";
    private static final ObjectMapper json = new ObjectMapper();

    /** A request to the {@code echo} chain (the default chain plus the echo searcher). */
    Response search(String yql, String... parameters) {
        return searchChain("echo", yql, parameters);
    }

    Response searchChain(String chain, String yql, String... parameters) {
        StringBuilder uri = new StringBuilder("/search/?searchChain=").append(chain).append("&yql=").append(encode(yql));
        for (int i = 0; i < parameters.length; i += 2)
            uri.append('&').append(encode(parameters[i])).append('=').append(encode(parameters[i + 1]));
        return TestApplication.search(app, uri.toString());
    }

    /** The fields of the echo hit of a successful response: the query's tensor features. */
    static JsonNode echo(Response response) throws Exception {
        String body = body(response);
        assertEquals(200, response.getStatus(), body);
        JsonNode children = json.readTree(body).path("root").path("children");
        assertEquals(1, children.size(), body);
        return children.get(0).path("fields");
    }

    static String body(Response response) {
        try {
            return response.getBodyAsString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String errorMessage(Response response) throws Exception {
        JsonNode errors = json.readTree(body(response)).path("root").path("errors");
        assertFalse(errors.isEmpty(), body(response));
        return errors.get(0).path("message").asText();
    }

    static void assertError(Response response, int status, String expectedInMessage) throws Exception {
        assertEquals(status, response.getStatus(), body(response));
        String message = errorMessage(response);
        assertTrue(message.contains(expectedInMessage), "'" + expectedInMessage + "' not in: " + message);
        assertFalse(body(response).contains("\tat "), "no stack trace: " + body(response));
    }

    /** The cell values of an echoed tensor feature. */
    static float[] cells(JsonNode echoed, String feature) {
        String text = echoed.path(feature).asText();
        assertFalse(text.isEmpty(), feature + " not set: " + echoed);
        String[] parts = text.substring(text.indexOf(':') + 1).split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) values[i] = Float.parseFloat(parts[i]);
        return values;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
