package dev.embedlab.vespa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.yahoo.application.Application;
import com.yahoo.application.container.handler.Response;
import dev.embedlab.vespa.testing.E5Reference;
import dev.embedlab.vespa.testing.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A nearestNeighbor query through the real SearchHandler of the application package, with the real
 * HuggingFaceEmbedder and e5-small-v2 int8: what reaches the content node is the E5 query embedding.
 */
class E5QueryPathTest {

    private static final String NEAREST_NEIGHBOR =
            "select * from passage where {targetHits:10}nearestNeighbor(e5_embedding, q_e5)";
    private static final ObjectMapper json = new ObjectMapper();

    private static Application app;

    @BeforeAll
    static void start() {
        app = TestApplication.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    @Test
    void queryTensorIsTheNormalizedEmbeddingOfTheQueryPrefixedText() throws Exception {
        String text = "Where is the largest port in Kenya?";
        JsonNode hit = echo(search(NEAREST_NEIGHBOR, "input.query(q_e5)", "embed(e5, @text)", "text", text, "ranking", "e5"));

        float[] viaVespa = cells(hit.get("query(q_e5)").asText());
        float[] expected = E5Reference.embedWithoutPrefixes("query: " + text);
        assertEquals(384, viaVespa.length);
        for (int i = 0; i < expected.length; i++)
            assertEquals(expected[i], viaVespa[i], 1e-6, "cell " + i);
        assertEquals(1.0, norm(viaVespa), 1e-5, "normalized");

        float[] asDocument = E5Reference.embedWithoutPrefixes("passage: " + text);
        assertTrue(maxAbsDifference(asDocument, viaVespa) > 1e-3, "the query prefix, not the document prefix, was used");
        assertTrue(hit.get("query_tree").asText().contains("NEAREST_NEIGHBOR"), hit.toString());
    }

    @Test
    void badYqlIsAClear400() throws Exception {
        assertClearError(search("select doc_id from passage where nearestNeighbor(e5_embedding", "ranking", "e5"),
                         "Could not");
    }

    @Test
    void unknownEmbedderIsAClear400() throws Exception {
        assertClearError(search(NEAREST_NEIGHBOR, "input.query(q_e5)", "embed(nope, @text)", "text", "hello", "ranking", "e5"),
                         "nope");
    }

    @Test
    void queryTensorOfTheWrongTypeIsAClear400() throws Exception {
        assertClearError(search(NEAREST_NEIGHBOR, "input.query(q_e5)", "{{y:0}:1.0}", "ranking", "e5"),
                         "q_e5");
    }

    @Test
    void emptyTextIsAClear400() throws Exception {
        assertClearError(search(NEAREST_NEIGHBOR, "input.query(q_e5)", "embed(e5, @text)", "text", "", "ranking", "e5"),
                         "query(q_e5) is all zeros");
    }

    @Test
    void nearestNeighborWithoutAQueryVectorIsAClear400() throws Exception {
        assertClearError(search(NEAREST_NEIGHBOR, "ranking", "e5"), "has no query(q_e5)");
    }

    private static Response search(String yql, String... parameters) {
        StringBuilder uri = new StringBuilder("/search/?searchChain=echo&yql=").append(encode(yql));
        for (int i = 0; i < parameters.length; i += 2)
            uri.append('&').append(encode(parameters[i])).append('=').append(encode(parameters[i + 1]));
        return TestApplication.search(app, uri.toString());
    }

    private static JsonNode echo(Response response) throws Exception {
        String body = response.getBodyAsString();
        assertEquals(200, response.getStatus(), body);
        JsonNode children = json.readTree(body).path("root").path("children");
        assertEquals(1, children.size(), body);
        return children.get(0).path("fields");
    }

    private static void assertClearError(Response response, String expectedInMessage) throws Exception {
        String body = response.getBodyAsString();
        assertEquals(400, response.getStatus(), body);
        JsonNode errors = json.readTree(body).path("root").path("errors");
        assertFalse(errors.isEmpty(), body);
        String message = errors.get(0).path("message").asText();
        assertTrue(message.contains(expectedInMessage), "'" + expectedInMessage + "' not in: " + message);
        assertFalse(body.contains("\tat ") || body.contains("stackTrace"), "no stack trace in the response: " + body);
    }

    private static float[] cells(String echoed) {
        String[] parts = echoed.substring(echoed.indexOf(':') + 1).split(",");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) values[i] = Float.parseFloat(parts[i]);
        return values;
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) sum += x * x;
        return Math.sqrt(sum);
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
