package dev.embedlab.client.fbench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.client.evaluate.SearchClient;
import dev.embedlab.client.schema.BenchmarkQuery;
import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.schema.QueryKind;
import dev.embedlab.core.data.Topic;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything before vespa-fbench times a request, shared by {@code embedlab fbench} and the sweeps' latency rows:
 * the pre-flight request, the query files (one cycled file, or per run a file of cold texts sent once each) and
 * the cached form's warm-up. Real runs check the endpoint first, so a Vespa that is down costs no large file.
 */
public final class LoadTestPreparation {

    private final List<Topic> topics;
    private final BenchmarkQuery query;
    private final ColdTexts coldTexts;
    private final long coldRequests;

    /**
     * @param topics       the topics, at least one
     * @param query        the request to replay
     * @param coldTexts    the cold form's text generator (shared by all runs that must not repeat a text); unused
     *                     by the other forms
     * @param coldRequests requests per cold query file ({@link EmbedOptions#coldRequests}); unused by other forms
     */
    public LoadTestPreparation(List<Topic> topics, BenchmarkQuery query, ColdTexts coldTexts, long coldRequests) {
        if (topics.isEmpty()) throw new IllegalArgumentException("no topics to send");
        if (query.form() == EmbedForm.COLD && (coldTexts == null || coldRequests < 1)) {
            throw new IllegalArgumentException("the cold form needs a text generator and at least one request per file");
        }
        this.topics = List.copyOf(topics);
        this.query = query;
        this.coldTexts = coldTexts;
        this.coldRequests = coldRequests;
    }

    /**
     * One request to {@code endpoint} before anything is written or timed. The cold form's probe has a cold text
     * of its own, so no timed request repeats it. Stops the run when the embedding-cost document is missing, or
     * when a nearest-neighbour search matches nothing (no passage documents: a keyword query may miss by chance).
     */
    public void preflight(URI endpoint) throws EndpointCheck.EndpointException {
        String text = topics.get(0).text();
        ObjectNode body = query.body(query.form() == EmbedForm.COLD ? coldTexts.next(text) : text);
        EndpointCheck.Answer answer = EndpointCheck.check(endpoint, body, query.spec().timeout().plusSeconds(5));
        if (answer.totalCount() >= 1) return;
        if (query.kind() == QueryKind.EMBEDDING_COST) {
            throw new EndpointCheck.EndpointException("doc_id '" + query.docId() + "' matched no document at " + endpoint
                    + ": --kind embedding-cost needs the doc_id of a fed passage (--doc-id)");
        }
        if (query.spec().mode().usesNearestNeighbor() && answer.totalCount() == 0) {
            throw new EndpointCheck.EndpointException(endpoint.resolve("/search/") + " matched no document for a "
                    + query.spec().mode() + " search: the index holds no passages (feed the corpus first)");
        }
    }

    /**
     * The query files for one fbench run per client count: the vespa and cached forms share one file every client
     * cycles through; the cold form writes {@code queries-cold-<position>-c<clients>.txt} per run, every text new.
     */
    public List<FbenchRunner.Step> writeQueryFiles(List<Integer> clients, Path dir) throws IOException {
        List<FbenchRunner.Step> steps = new ArrayList<>();
        if (query.form() != EmbedForm.COLD) {
            Path file = dir.resolve("queries.txt");
            FbenchQueryFile.write(topics, query, file);
            for (int n : clients) steps.add(FbenchRunner.Step.cycling(n, file));
            return steps;
        }
        for (int i = 0; i < clients.size(); i++) {
            int n = clients.get(i);
            Path file = dir.resolve("queries-cold-" + (i + 1) + "-c" + n + ".txt");
            FbenchQueryFile.writeCold(topics, query, coldTexts, coldRequests, file);
            steps.add(new FbenchRunner.Step(n, file, true, coldRequests));
        }
        return steps;
    }

    /** Whether the form needs a warm-up pass (the cached form). */
    public boolean warmsUp() {
        return query.form() == EmbedForm.CACHED;
    }

    /** Bodies the warm-up sends: one per topic, or none when the form needs no warm-up. */
    public int warmupBodies() {
        return warmsUp() ? topics.size() : 0;
    }

    /**
     * The cached form's untimed pass ({@link Warmup}); returns the line to log, or null when the form needs none.
     */
    public String warmUp(SearchClient client) throws IOException {
        if (!warmsUp()) return null;
        int sent = Warmup.run(client, FbenchQueryFile.bodies(topics, query));
        return "warm-up: sent each of the " + sent + " topic bodies once (untimed)";
    }

    /** What the report says about the warm-up: done, planned ({@code done} false, for dry runs), or why none. */
    public String warmupLine(URI endpoint, boolean done) {
        return switch (query.form()) {
            case CACHED -> (done ? "sent" : "will send") + " each of the " + warmupBodies() + " topic bodies once to "
                    + endpoint.resolve("/search/") + " before the timed runs (untimed): the cache is warm, every timed "
                    + "request a hit";
            case VESPA -> "none: Vespa's embed() has no cache to warm";
            case COLD -> "none: every request carries a text the cache has not seen";
            case NONE -> "none: the mode embeds nothing";
        };
    }
}
