package dev.embedlab.client.fakevespa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An in-process stand-in for a Vespa container that follows the documented JSON contracts of
 * {@code /document/v1} (docs.vespa.ai: reference/api/document-v1) and {@code /search/} (default JSON result
 * format), with scripted failures. It speaks HTTP/1.1 and cleartext HTTP/2 (h2c, prior knowledge) on one port,
 * because vespa-feed-client only speaks HTTP/2.
 * <p>
 * Faults are scripted per document id or per query text and consumed in order; after the script, requests
 * succeed. {@link Fault#DROP_CONNECTION} closes the TCP connection under the request (and any other request
 * multiplexed on it); {@link Fault#STALL} answers only after the client has given up.
 */
public final class FakeVespa implements AutoCloseable {

    public enum Fault {
        TOO_MANY_REQUESTS(429, "Rejecting execution due to overload: too many pending operations"),
        UNAVAILABLE(503, "Service unavailable: no content nodes up"),
        BAD_REQUEST(400, "Error in document 'PLACEHOLDER' - could not parse field 'text' of type string"),
        SERVER_ERROR(500, "Internal server error"),
        GATEWAY_TIMEOUT(504, "Timed out"),
        STALL(0, null),
        DROP_CONNECTION(0, null);

        final int status;
        final String message;

        Fault(int status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    /** A reply to a /search/ request: HTTP status and JSON body. */
    public record SearchReply(int status, String json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jetty's start/stop chatter and the warnings our own injected faults cause are noise in test output. */
    private static final java.util.logging.Logger JETTY_LOG = java.util.logging.Logger.getLogger("org.eclipse.jetty");

    static {
        JETTY_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Server server = new Server();
    private final ServerConnector connector;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> documentFaults = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> queryFaults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<Map<String, String>> searchRequests = new CopyOnWriteArrayList<>();
    private volatile long stallMillis = 5_000;
    private volatile Function<Map<String, String>, SearchReply> searcher = this::defaultSearch;

    public FakeVespa() throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        connector = new ServerConnector(server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
        connector.setPort(0);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return route(request, response, callback);
            }
        });
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    /** Scripts faults for the document whose user-specified id part is {@code userId}. */
    public FakeVespa failDocument(String userId, Fault... faults) {
        documentFaults.put(userId, new ArrayDeque<>(List.of(faults)));
        return this;
    }

    /** Scripts faults for the query whose {@code embedlab.text} (or {@code text}, or {@code query}) parameter is {@code text}. */
    public FakeVespa failQuery(String text, Fault... faults) {
        queryFaults.put(text, new ArrayDeque<>(List.of(faults)));
        return this;
    }

    public FakeVespa stallMillis(long millis) {
        this.stallMillis = millis;
        return this;
    }

    /**
     * How /search/ answers a request, given its parameters (query string and JSON body merged). The default
     * answers the count query ({@link #isCountQuery}) with {@link #countReply()} and anything else with no hits.
     */
    public FakeVespa searcher(Function<Map<String, String>, SearchReply> searcher) {
        this.searcher = searcher;
        return this;
    }

    /**
     * A query for every passage document, {@code select * from passage where true} (or {@code from sources *}),
     * as Vespa's documentation counts documents (docs.vespa.ai FAQ "How to find number of documents in the index?").
     */
    public static boolean isCountQuery(Map<String, String> params) {
        String yql = params.getOrDefault("yql", "").strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
        return yql.matches("select \\* from (passage|sources \\*) where true;?");
    }

    /**
     * The answer Vespa gives a count query: {@code root.fields.totalCount} is the number of stored passage
     * documents, full coverage, no hits (the count does not depend on {@code hits}).
     */
    public SearchReply countReply() {
        long passages = documents.keySet().stream().filter(id -> id.split(":", 5)[2].equals("passage")).count();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode top = root.putObject("root");
        top.put("id", "toplevel");
        top.put("relevance", 1.0);
        top.putObject("fields").put("totalCount", passages);
        top.putObject("coverage").put("coverage", 100).put("documents", passages).put("full", true).put("nodes", 1)
                .put("results", 1).put("resultsFull", 1);
        return new SearchReply(200, root.toString());
    }

    private SearchReply defaultSearch(Map<String, String> params) {
        return isCountQuery(params) ? countReply() : new SearchReply(200, result(List.of()));
    }

    /** Stored documents by full document id, e.g. {@code id:miracl-yo:passage::598-0}, with their fields. */
    public Map<String, JsonNode> documents() {
        return Map.copyOf(documents);
    }

    /** Requests seen for a document (by user id) or query (by text). */
    public int attempts(String key) {
        AtomicInteger n = attempts.get(key);
        return n == null ? 0 : n.get();
    }

    public List<Map<String, String>> searchRequests() {
        return List.copyOf(searchRequests);
    }

    /** A Vespa default-renderer result with hits (doc_id, relevance). */
    public static String result(List<Map.Entry<String, Double>> hits) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode top = root.putObject("root");
        top.put("id", "toplevel");
        top.put("relevance", 1.0);
        top.putObject("fields").put("totalCount", hits.size());
        ObjectNode coverage = top.putObject("coverage");
        coverage.put("coverage", 100).put("documents", 1000).put("full", true).put("nodes", 1).put("results", 1).put("resultsFull", 1);
        var children = top.putArray("children");
        int i = 0;
        for (Map.Entry<String, Double> hit : hits) {
            ObjectNode child = children.addObject();
            child.put("id", "index:content/0/" + Integer.toHexString(1000 + i++));
            child.put("relevance", hit.getValue());
            child.put("source", "content");
            child.putObject("fields").put("sddocname", "passage").put("doc_id", hit.getKey());
        }
        if (hits.isEmpty()) top.remove("children");
        return root.toString();
    }

    /** A Vespa error result as the container renders it. */
    public static String errorResult(int code, String summary, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode top = root.putObject("root");
        top.put("id", "toplevel");
        top.put("relevance", 1.0);
        top.putObject("fields").put("totalCount", 0);
        ObjectNode error = top.putArray("errors").addObject();
        error.put("code", code).put("summary", summary).put("message", message);
        return root.toString();
    }

    private boolean route(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        byte[] body = readBody(request);
        if (path.startsWith("/document/v1/")) return document(request, path, body, response, callback);
        if (path.equals("/search/") || path.equals("/search")) return search(request, body, response, callback);
        write(response, callback, 404, "{\"message\":\"No handler for " + path + "\"}");
        return true;
    }

    /** POST /document/v1/{namespace}/{type}/docid/{id}: a put. */
    private boolean document(Request request, String path, byte[] body, Response response, Callback callback) throws Exception {
        String[] parts = path.substring("/document/v1/".length()).split("/", 4);
        if (parts.length != 4 || !parts[2].equals("docid") || !request.getMethod().equals("POST")) {
            write(response, callback, 400, pathJson(path, "Expected POST /document/v1/<namespace>/<type>/docid/<id>"));
            return true;
        }
        String userId = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
        String documentId = "id:" + parts[0] + ":" + parts[1] + "::" + userId;
        if ("true".equals(Request.extractQueryParameters(request).getValue("dryRun"))) {
            // The feed client's handshake (and speed test): accepted, nothing stored.
            write(response, callback, 200, "{\"pathId\":\"" + path + "\",\"id\":\"" + documentId + "\"}");
            return true;
        }
        attempts.computeIfAbsent(userId, k -> new AtomicInteger()).incrementAndGet();
        Fault fault = next(documentFaults, userId);
        if (fault != null && handleFault(fault, request, response, callback,
                pathJson(path, fault.message == null ? null : fault.message.replace("PLACEHOLDER", documentId)))) {
            return true;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            write(response, callback, 400, pathJson(path, "Failed to parse JSON: " + e.getMessage()));
            return true;
        }
        if (root == null || !root.path("fields").isObject()) {
            write(response, callback, 400, pathJson(path, "Missing 'fields' in document " + documentId));
            return true;
        }
        documents.put(documentId, root.get("fields"));
        ObjectNode ok = JSON.createObjectNode();
        ok.put("pathId", path);
        ok.put("id", documentId);
        write(response, callback, 200, ok.toString());
        return true;
    }

    private boolean search(Request request, byte[] body, Response response, Callback callback) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        Fields query = Request.extractQueryParameters(request);
        for (Fields.Field field : query) params.put(field.getName(), field.getValue());
        if (body.length > 0) {
            JsonNode json = JSON.readTree(body);
            json.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        }
        searchRequests.add(params);
        String key = params.getOrDefault("embedlab.text", params.getOrDefault("text", params.getOrDefault("query", "")));
        attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Fault fault = next(queryFaults, key);
        if (fault != null && handleFault(fault, request, response, callback, searchError(fault))) {
            return true;
        }
        SearchReply reply = searcher.apply(params);
        write(response, callback, reply.status(), reply.json());
        return true;
    }

    /** The error result the container renders for a fault, with Vespa's error codes (com.yahoo.container.protect.Error). */
    private static String searchError(Fault fault) {
        return switch (fault) {
            case BAD_REQUEST -> errorResult(4, "Invalid query parameter", "Could not parse query: unexpected token");
            case TOO_MANY_REQUESTS, UNAVAILABLE -> errorResult(10, "Backend communication error", fault.message);
            case GATEWAY_TIMEOUT -> errorResult(12, "Timed out", "Timed out waiting for content nodes");
            case SERVER_ERROR -> errorResult(18, "Internal server error.", fault.message);
            default -> null;
        };
    }

    /** @return true when the fault fully handled the request */
    private boolean handleFault(Fault fault, Request request, Response response, Callback callback, String json) {
        switch (fault) {
            case DROP_CONNECTION -> {
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new IOException("connection dropped by FakeVespa"));
            }
            case STALL -> scheduler.schedule(() -> callback.failed(new IOException("stalled request abandoned")),
                    stallMillis, TimeUnit.MILLISECONDS);
            default -> write(response, callback, fault.status, json);
        }
        return true;
    }

    private static Fault next(Map<String, Deque<Fault>> faults, String key) {
        Deque<Fault> script = faults.get(key);
        if (script == null) return null;
        synchronized (script) {
            return script.pollFirst();
        }
    }

    private static String pathJson(String path, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("pathId", path);
        node.put("message", message);
        return node.toString();
    }

    private static byte[] readBody(Request request) throws Exception {
        InputStream in = Content.Source.asInputStream(request);
        byte[] bytes = in.readAllBytes();
        if ("gzip".equalsIgnoreCase(request.getHeaders().get(HttpHeader.CONTENT_ENCODING))) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = gz.readAllBytes();
            }
        }
        return bytes;
    }

    private static void write(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        Content.Sink.write(response, true, json, callback);
    }

    @Override
    public void close() throws Exception {
        scheduler.shutdownNow();
        server.stop();
    }

    /** Ids of stored documents, for assertions. */
    public List<String> documentIds() {
        return new ArrayList<>(documents.keySet());
    }
}
