package dev.embedlab.client.sweep;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.Topics;
import dev.embedlab.client.EndpointProbe;
import dev.embedlab.client.evaluate.QueryOptions;
import dev.embedlab.client.evaluate.SearchClient;
import dev.embedlab.client.fbench.ColdTexts;
import dev.embedlab.client.fbench.CommandExecutor;
import dev.embedlab.client.fbench.EmbedOptions;
import dev.embedlab.client.fbench.FbenchRunner;
import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.feed.CorpusFeeder;
import dev.embedlab.client.feed.PassageDocuments;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Options every sweep shares: where Vespa is, the inputs, and how latency is measured. */
public final class SweepOptions {

    @Option(names = "--topics", required = true, description = "Topics: TSV qid<TAB>text, or BEIR queries.jsonl.")
    Path topics;

    @Option(names = "--qrels", required = true, description = "Qrels: TREC or BEIR TSV.")
    Path qrels;

    @Mixin
    QueryOptions query = new QueryOptions();

    @Mixin
    EmbedOptions embed = new EmbedOptions();

    @Option(names = "--application", description = "Application package to copy and edit (default: app/target/application "
            + "when built, which includes the component bundle, else app/src/main/application). Never modified.")
    Path application;

    @Option(names = "--endpoint", defaultValue = "http://localhost:8080/", description = "Container endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--config-server", defaultValue = "http://localhost:19071",
            description = "Config server, the Vespa CLI deploy target (default: ${DEFAULT-VALUE}).")
    URI configServer;

    @Option(names = "--container", description = "Docker container running Vespa: search node restarts and vespa-fbench go through docker exec.")
    String container;

    @Option(names = "--vespa-cli", defaultValue = "vespa", description = "Vespa CLI executable (default: ${DEFAULT-VALUE}).")
    String vespaCli;

    @Option(names = "--corpus", split = ",", description = "Corpus files for refeeds.")
    List<Path> corpus = new ArrayList<>();

    @Option(names = "--namespace", description = "Namespace of raw MIRACL/BEIR passages' ids in refeeds, as for "
            + "embedlab feed (default: miracl-<language>).")
    String namespace;

    @Option(names = "--expected-documents", description = "Documents the index must hold before measuring (default: the corpus size, else 1).")
    Long expectedDocuments;

    @Option(names = "--allow-extra-documents", description = "Let the index hold more passage documents than the corpus "
            + "(other corpora on purpose); by default that stops the sweep before measuring.")
    boolean allowExtraDocuments;

    @Option(names = "--wait-seconds", defaultValue = "600", description = "Time allowed per deploy and readiness wait (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--out", description = "Output directory (default: results/sweep-<kind>).")
    Path out;

    @Option(names = "--dry-run", description = "Prepare the application copies and print the plan; deploy, feed and query nothing.")
    boolean dryRun;

    @Option(names = "--skip-fbench", description = "Measure quality only (no vespa-fbench, no latency/QPS columns).")
    boolean skipFbench;

    @Option(names = "--fbench-clients", defaultValue = "1", description = "vespa-fbench clients per row (default: ${DEFAULT-VALUE}).")
    int fbenchClients;

    @Option(names = "--fbench-seconds", defaultValue = "20", description = "vespa-fbench seconds per row (default: ${DEFAULT-VALUE}).")
    int fbenchSeconds;

    @Option(names = "--fbench", description = "vespa-fbench executable (default: vespa-fbench locally, /opt/vespa/bin/vespa-fbench in the container).")
    String fbenchBinary;

    @Option(names = "--query-threads", defaultValue = "4", description = "Evaluation queries in flight (default: ${DEFAULT-VALUE}).")
    int queryThreads;

    Path application() {
        if (application != null) return application;
        Path built = Path.of("app", "target", "application");
        return Files.isRegularFile(built.resolve("services.xml")) ? built : Path.of("app", "src", "main", "application");
    }

    Path outDir(String kind) {
        return out != null ? out : Path.of("results", "sweep-" + kind);
    }

    /**
     * Documents the index must hold before measuring: --expected-documents, else the corpus size, else 1. For a
     * dry run with a corpus that is not there (yet), -1: the plan then says "the whole corpus".
     */
    long minDocuments(boolean forPlanOnly) throws IOException {
        if (expectedDocuments != null) return expectedDocuments;
        if (corpus.isEmpty()) return 1;
        for (Path file : corpus) {
            if (!Files.isReadable(file)) {
                if (forPlanOnly) return -1;
                throw new IOException("corpus file " + file + " is not readable (scripts/fetch-data.sh fetches it)");
            }
        }
        return CorpusFeeder.countDocuments(corpus);
    }

    /**
     * @throws IllegalArgumentException for an --endpoint that is no http(s) URL (or https with fbench), fbench
     *                                  options below 1, or a cold sweep with --cold-max-qps below 1
     */
    SweepContext context(String kind, CommandExecutor executor, PrintStream log) {
        String invalidEndpoint = EndpointProbe.invalid(endpoint, "--endpoint");
        if (invalidEndpoint != null) throw new IllegalArgumentException(invalidEndpoint);
        if (!skipFbench && endpoint.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("--endpoint " + endpoint + " is https, but vespa-fbench is given no TLS "
                    + "options here; use an http endpoint, or --skip-fbench");
        }
        if (!skipFbench && fbenchSeconds < 1) {
            throw new IllegalArgumentException("--fbench-seconds must be at least 1, got " + fbenchSeconds);
        }
        if (!skipFbench && fbenchClients < 1) {
            throw new IllegalArgumentException("--fbench-clients must be at least 1, got " + fbenchClients);
        }
        FbenchRunner fbench = skipFbench ? null : new FbenchRunner(executor, container,
                FbenchRunner.defaultBinary(fbenchBinary, container),
                container != null ? "localhost" : endpoint.getHost(),
                container != null ? 8080 : (endpoint.getPort() > 0 ? endpoint.getPort() : 80), fbenchSeconds, 0);
        SweepContext.Results results = new SweepContext.Results();
        results.log = log;
        results.queryThreads = queryThreads;
        results.exactDocumentCount = expectedDocuments == null && !corpus.isEmpty() && !allowExtraDocuments;
        results.coldMaxQps = embed.coldMaxQps;
        boolean cold = !skipFbench && embed.form == EmbedForm.COLD && query.mode.usesNearestNeighbor();
        results.coldRequests = cold ? embed.coldRequests(fbenchSeconds) : 0;
        results.coldTexts = ColdTexts.forThisRun();
        return new SweepContext(executor, vespaCli, configServer, container, endpoint, Duration.ofSeconds(waitSeconds),
                topics, qrels, corpus, new PassageDocuments(namespace, query.language), outDir(kind), fbench,
                fbenchClients, results);
    }

    /**
     * Why the plan's refeeds could not name their documents, or null: an unusable --namespace, or a raw corpus
     * without --language/--namespace (the same check and message as {@code embedlab feed}). Checked before anything
     * is deployed; corpus files that are not there (yet) are left to the run.
     */
    String refeedProblem(SweepPlan plan) throws IOException {
        if (plan.steps().stream().noneMatch(step -> step instanceof SweepSteps.Feed)) return null;
        String problem = PassageDocuments.namespaceProblem(namespace);
        if (problem != null) return problem;
        List<Path> readable = corpus.stream().filter(Files::isReadable).toList();
        return new PassageDocuments(namespace, query.language).missingNamespace(readable, CorpusFormat.AUTO);
    }

    /** Reads topics and qrels (refusing malformed lines) and connects the search client, before a real run. */
    void load(SweepContext context) throws IOException {
        Topics t = Topics.read(topics);
        Qrels q = Qrels.read(qrels);
        if (!t.skipped().isEmpty() || !q.skipped().isEmpty() || t.size() == 0) {
            List<Object> problems = new ArrayList<>(t.skipped());
            problems.addAll(q.skipped());
            throw new IOException("unusable topics/qrels: " + (problems.isEmpty() ? "no topics" : problems));
        }
        context.results().topics = t;
        context.results().qrels = q;
        context.results().client = new SearchClient(endpoint, query.toSpec().timeout().plusSeconds(5), 5,
                Duration.ofMillis(200), null);
    }
}
