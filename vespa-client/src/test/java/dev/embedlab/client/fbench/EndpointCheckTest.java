package dev.embedlab.client.fbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.client.fakevespa.FakeVespa;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pre-flight request's one-line verdicts on what a Vespa /search/ answers. */
class EndpointCheckTest {

    private static final ObjectNode BODY = new ObjectMapper().createObjectNode().put("yql", "select * from passage where true");

    private static String check(FakeVespa vespa, Duration timeout) {
        return assertThrows(EndpointCheck.EndpointException.class,
                () -> EndpointCheck.check(vespa.endpoint(), BODY, timeout)).getMessage();
    }

    @Test
    void aVespaErrorNamesTheStatusAndVespasOwnMessage() throws Exception {
        try (FakeVespa vespa = new FakeVespa()) {
            vespa.searcher(p -> new FakeVespa.SearchReply(400, FakeVespa.errorResult(4, "Invalid query parameter",
                    "Could not parse query")));
            assertEquals(vespa.endpoint().resolve("/search/") + " answered HTTP 400: Invalid query parameter: Could not "
                    + "parse query", check(vespa, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aBodyThatIsNotJsonIsQuoted() throws Exception {
        try (FakeVespa vespa = new FakeVespa()) {
            vespa.searcher(p -> new FakeVespa.SearchReply(502, "<html>Bad gateway</html>"));
            assertEquals(vespa.endpoint().resolve("/search/") + " answered HTTP 502 with a body that is not JSON: "
                    + "<html>Bad gateway</html>", check(vespa, Duration.ofSeconds(5)));
        }
    }

    @Test
    void anAnswerWithoutTotalCountIsNotTakenForAnEmptyIndex() throws Exception {
        try (FakeVespa vespa = new FakeVespa()) {
            vespa.searcher(p -> new FakeVespa.SearchReply(200, "{\"root\":{\"id\":\"toplevel\"}}"));
            assertEquals(vespa.endpoint().resolve("/search/") + " answered HTTP 200 without root.fields.totalCount: "
                    + "{\"root\":{\"id\":\"toplevel\"}}", check(vespa, Duration.ofSeconds(5)));
            vespa.searcher(p -> new FakeVespa.SearchReply(200, FakeVespa.result(List.of(Map.entry("598#0", 0.5)))));
            assertEquals(1, EndpointCheck.check(vespa.endpoint(), BODY, Duration.ofSeconds(5)).totalCount());
        }
    }

    @Test
    void aSlowAnswerIsATimeoutNotAConnectionFailure() throws Exception {
        try (FakeVespa vespa = new FakeVespa()) {
            vespa.searcher(p -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new FakeVespa.SearchReply(200, FakeVespa.result(List.of()));
            });
            assertEquals("no answer from " + vespa.endpoint().resolve("/search/") + " within 1 s",
                    check(vespa, Duration.ofSeconds(1)));
        }
    }
}
