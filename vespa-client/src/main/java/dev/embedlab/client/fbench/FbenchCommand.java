package dev.embedlab.client.fbench;

import dev.embedlab.client.EndpointProbe;
import dev.embedlab.client.evaluate.QueryOptions;
import dev.embedlab.client.evaluate.SearchClient;
import dev.embedlab.client.schema.BenchmarkQuery;
import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.schema.QueryKind;
import dev.embedlab.client.schema.QuerySpec;
import dev.embedlab.core.data.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code embedlab fbench}: a vespa-fbench client ramp with a named embedding form and query kind. */
@Command(name = "fbench", mixinStandardHelpOptions = true,
        description = {
                "Write a vespa-fbench POST query file from topics, a query mode, an embedding form (--embed) and a",
                "query kind (--kind), check the endpoint with one request, warm the cache when the form is cached,",
                "run vespa-fbench for each client count (locally or with --container via docker exec), and report",
                "clients, average latency, p95, p99, queries/s and the CPU fbench itself used, as Markdown, CSV and",
                "a latency-vs-throughput PNG. Every row names its embedding form and kind, and the report says where",
                "fbench ran. Runs with failed requests or non-200 answers are flagged (fbench counts non-200",
                "answers with a body as successful).",
                "Exit code: 0 clean, 1 when a run is flagged, 2 when fbench could not be run (including an endpoint",
                "that refuses the pre-flight request: then no fbench run is started)."})
public final class FbenchCommand implements Callable<Integer> {

    /** Bodies a dry run prints; the query file holds them all. */
    private static final int PRINTED_BODIES = 3;

    @Option(names = "--topics", required = true, description = "Topics: TSV qid<TAB>text, or BEIR queries.jsonl.")
    Path topicsPath;

    @Mixin
    QueryOptions query = new QueryOptions();

    @Mixin
    EmbedOptions embed = new EmbedOptions();

    @Option(names = "--kind", defaultValue = "retrieval", converter = KindConverter.class,
            paramLabel = "retrieval|embedding-cost",
            description = {"What each request asks for (default: ${DEFAULT-VALUE}):",
                    "  retrieval      - the search the query options describe.",
                    "  embedding-cost - the Vespa blog's first experiment: rank(doc_id contains \"<--doc-id>\",",
                    "                   {targetHits:1}nearestNeighbor(...)) with hits 0: one document matches and no",
                    "                   summary is fetched, so the latency is the embedding (ignores --exact,",
                    "                   --target-hits, --explore-additional-hits and --hits)."})
    QueryKind kind = QueryKind.RETRIEVAL;

    @Option(names = "--doc-id", defaultValue = "598#0",
            description = "embedding-cost: the doc_id of a fed passage (default: ${DEFAULT-VALUE}, the first passage of "
                    + "the MIRACL yo corpus; the blog used 71#13 of sw). The pre-flight request stops the run when it "
                    + "matches no document.")
    String docId;

    @Option(names = "--clients", split = ",", defaultValue = "1,2,4,8,16", description = "Client ramp (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--seconds", defaultValue = "30", description = "Seconds per client count (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--ignore-first", defaultValue = "0", description = "Results each client ignores first, as warm-up (-i).")
    int ignoreFirst;

    @Option(names = "--host", defaultValue = "localhost", description = "Search host as seen by fbench (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Search port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--endpoint", description = "The same Vespa as seen from this machine, for the pre-flight request "
            + "and the cached form's warm-up pass (default: http://<host>:<port>/, or http://localhost:<port>/ with "
            + "--container, the port the container publishes).")
    URI endpoint;

    @Option(names = "--container", description = "Run vespa-fbench inside this Docker container (docker exec). It then "
            + "shares the container's CPUs with Vespa; the report gives the CPU fbench used.")
    String container;

    @Option(names = "--fbench", description = "vespa-fbench executable (default: vespa-fbench locally, /opt/vespa/bin/vespa-fbench in a container).")
    String binary;

    @Option(names = "--out", description = "Output directory (default: results/fbench/<query label>).")
    Path outDir;

    @Option(names = "--dry-run", description = "Write the query file(s), print the request URL, bodies and commands; "
            + "send nothing.")
    boolean dryRun;

    PrintStream out = System.out;
    PrintStream err = System.err;
    CommandExecutor executor = CommandExecutor.SYSTEM;

    @Override
    public Integer call() throws Exception {
        Topics topics = Topics.read(topicsPath);
        if (!topics.skipped().isEmpty() || topics.size() == 0) {
            topics.skipped().forEach(s -> err.println("fbench: " + s));
            err.println("fbench: no usable topics in " + topicsPath + " (or malformed lines above)");
            return 2;
        }
        String invalid = invalidRamp();
        if (invalid != null) {
            err.println("fbench: " + invalid);
            return 2;
        }
        QuerySpec spec = query.toSpec();
        BenchmarkQuery bench;
        long coldRequests;
        try {
            bench = new BenchmarkQuery(spec, embed.form, kind, docId);
            coldRequests = bench.form() == EmbedForm.COLD ? embed.coldRequests(seconds) : 0;
        } catch (IllegalArgumentException e) {
            err.println("fbench: " + e.getMessage());
            return 2;
        }
        Path dir = outDir != null ? outDir : Path.of("results", "fbench", bench.label());
        ColdTexts cold = bench.form() == EmbedForm.COLD ? ColdTexts.forThisRun() : null;
        LoadTestPreparation preparation = new LoadTestPreparation(topics.topics(), bench, cold, coldRequests);
        FbenchRunner runner = new FbenchRunner(executor, container,
                FbenchRunner.defaultBinary(binary, container),
                host, port, seconds, ignoreFirst);
        URI checked = endpoint();
        if (dryRun) {
            printPlan(bench, runner, preparation.writeQueryFiles(clients, dir), checked, preparation);
            return 0;
        }
        try {
            preparation.preflight(checked);
        } catch (EndpointCheck.EndpointException e) {
            err.println("fbench: " + e.getMessage() + "; no vespa-fbench run started (pre-flight request, "
                    + bench.label() + ")");
            return 2;
        }
        List<FbenchRunner.Step> steps = preparation.writeQueryFiles(clients, dir);
        if (preparation.warmsUp()) {
            SearchClient client = new SearchClient(checked, spec.timeout().plusSeconds(5), 2, Duration.ofMillis(200), null);
            try {
                err.println("fbench: " + preparation.warmUp(client));
            } catch (IOException e) {
                err.println("fbench: " + e.getMessage() + "; no vespa-fbench run started");
                return 2;
            }
        }
        List<FbenchRun> runs;
        try {
            runs = runner.ramp(steps, dir, line -> err.println(line));
        } catch (IOException e) {
            err.println("fbench: " + e.getMessage());
            return 2;
        }
        String title = "vespa-fbench " + bench.label();
        FbenchReport.Setup setup = new FbenchReport.Setup(bench, runner, preparation.warmupLine(checked, true));
        FbenchReport.write(title, setup, runs, dir);
        out.print(FbenchReport.markdown(title, setup, runs));
        out.println("results: " + dir.resolve("fbench.md") + ", fbench.csv, fbench-latency-vs-qps.png");
        return runs.stream().anyMatch(r -> r.summary().flagged()) ? 1 : 0;
    }

    /** Why the ramp and endpoint options cannot run, or null. A repeated client count would overwrite its fbench-c&lt;n&gt;.txt. */
    private String invalidRamp() {
        if (seconds < 1) return "--seconds must be at least 1, got " + seconds;
        if (clients.isEmpty() || clients.stream().anyMatch(n -> n < 1)) {
            return "--clients takes client counts of at least 1, got " + clients;
        }
        if (new HashSet<>(clients).size() < clients.size()) {
            return "--clients lists a count twice (" + clients + "): each count's raw output is fbench-c<n>.txt; "
                    + "run the ramp again for a second measurement";
        }
        if (ignoreFirst < 0) return "--ignore-first must be 0 or more, got " + ignoreFirst;
        if (endpoint != null) {
            String invalid = EndpointProbe.invalid(endpoint, "--endpoint");
            if (invalid != null) return invalid;
            if (endpoint.getScheme().equalsIgnoreCase("https")) {
                return "--endpoint " + endpoint + " is https, but vespa-fbench is given no TLS options here (it would "
                        + "send plain HTTP to " + host + ":" + port + "); use an http endpoint";
            }
        }
        return null;
    }

    private URI endpoint() {
        if (endpoint != null) return endpoint;
        return URI.create("http://" + (container != null ? "localhost" : host) + ":" + port + "/");
    }

    private void printPlan(BenchmarkQuery bench, FbenchRunner runner, List<FbenchRunner.Step> steps, URI checked,
                           LoadTestPreparation preparation) throws IOException {
        FbenchReport.Setup setup = new FbenchReport.Setup(bench, runner, preparation.warmupLine(checked, false));
        out.println("# " + bench.label() + " (dry run: nothing is sent)");
        for (String line : setup.lines()) out.println("# " + line);
        out.println("# pre-flight: one POST to " + checked.resolve("/search/") + " before any fbench run (connection, "
                + "HTTP 200" + (bench.kind() == QueryKind.EMBEDDING_COST ? ", doc_id " + bench.docId() + " matches" : "")
                + ")");
        Path first = steps.get(0).queryFile();
        List<String> lines = Files.readAllLines(first, StandardCharsets.UTF_8);
        out.println("# requests: POST http://" + runner.host() + ":" + runner.port() + FbenchQueryFile.SEARCH_PATH
                + " (as fbench sees it), " + lines.size() / 2 + " in " + first
                + (steps.get(0).eachLineOnce() ? ", each sent once; one such file per run" : ", cycled by every client")
                + "; the first bodies:");
        for (int i = 1; i < lines.size() && i <= 2 * PRINTED_BODIES; i += 2) out.println(lines.get(i));
        for (List<String> command : runner.plan(steps)) out.println(ShellWords.join(command));
    }

    /** picocli converter for {@link QueryKind#parse}. */
    public static final class KindConverter implements ITypeConverter<QueryKind> {
        @Override
        public QueryKind convert(String value) {
            return QueryKind.parse(value);
        }
    }
}
