package dev.embedlab.client.feed;

import dev.embedlab.client.CommandRun;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs `embedlab feed`, and puts documents the way other clients (the Vespa CLI, older embedlab) did. */
public final class Feeds {

    private Feeds() {
    }

    /** `embedlab feed ARGS` with its output captured. */
    public static CommandRun.Outcome feed(String... args) {
        FeedCommand feed = new FeedCommand();
        return CommandRun.run(feed, (commandLine, out, err) -> {
            feed.out = out;
            feed.err = err;
        }, args);
    }

    /**
     * A put by document id as every /document/v1 client sends it (docs.vespa.ai, document/v1 API reference):
     * POST /document/v1/&lt;namespace&gt;/&lt;document-type&gt;/docid/&lt;url-encoded user-specific part&gt;.
     */
    public static void put(URI endpoint, String documentId, String fieldsJson) throws Exception {
        String[] parts = documentId.split(":", 5);
        URI uri = endpoint.resolve("/document/v1/" + parts[1] + "/" + parts[2] + "/docid/"
                + URLEncoder.encode(parts[4], StandardCharsets.UTF_8).replace("+", "%20"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fields\":" + fieldsJson + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** A local port that was just free: connecting to it is refused. */
    public static URI closedLocalPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://localhost:" + socket.getLocalPort() + "/");
        }
    }
}
