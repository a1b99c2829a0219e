package dev.embedlab.client.evaluate;

import dev.embedlab.client.EndpointProbe;
import dev.embedlab.client.schema.QuerySpec;
import dev.embedlab.client.tls.TlsOptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.SkippedLine;
import dev.embedlab.core.data.Topics;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.TrecRunFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code embedlab evaluate}: topics through Vespa, a TREC run file, and trec_eval-compatible metrics. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
                "Run topics against Vespa with a named query mode, write a TREC run and report NDCG@10 (trec_eval",
                "ndcg_cut.10), recall@100 and MRR@10; with --baseline also overlap@k against that run (exact search).",
                "The query text travels in the 'embedlab.text' parameter for the query embedding cache searcher.",
                "Exit code: 0 when every query succeeded, 1 when any failed (metrics still printed), 2 on bad input",
                "or an endpoint that cannot be connected to (then no query is sent)."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--topics", required = true, description = "Topics: TSV qid<TAB>text, or BEIR queries.jsonl.")
    Path topicsPath;

    @Option(names = "--qrels", required = true, description = "Qrels: TREC 'qid iter docid rel' or BEIR TSV.")
    Path qrelsPath;

    @Option(names = "--endpoint", defaultValue = "http://localhost:8080/",
            description = "Vespa container endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Mixin
    QueryOptions query = new QueryOptions();

    @Option(names = "--client-timeout", description = "Client-side timeout per attempt in seconds (default: --timeout + 5).")
    Double clientTimeoutSeconds;

    @Option(names = "--retries", defaultValue = "5", description = "Retries on 429/503/connection errors (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--backoff-ms", defaultValue = "200", description = "First retry delay, doubled each time (default: ${DEFAULT-VALUE}).")
    long backoffMillis;

    @Option(names = "--threads", defaultValue = "4", description = "Queries in flight (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--run", description = "Run file to write (default: runs/<label>.run).")
    Path runPath;

    @Option(names = "--tag", description = "Run tag in the run file (default: the query label).")
    String tag;

    @Option(names = "--baseline", description = "A run file (normally exact search) to compute overlap@k against.")
    Path baselinePath;

    @Option(names = "--overlap-k", split = ",", defaultValue = "10", description = "k values for overlap@k (default: ${DEFAULT-VALUE}).")
    List<Integer> overlapK;

    @Option(names = "--json", description = "Also write the summary as JSON here.")
    Path jsonPath;

    @Mixin
    TlsOptions tls = new TlsOptions();

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        Topics topics = Topics.read(topicsPath);
        Qrels qrels = Qrels.read(qrelsPath);
        if (!reportSkipped(topics.skipped()) | !reportSkipped(qrels.skipped())) {
            err.println("evaluate: fix the lines above; a silently shortened topics or qrels file changes every metric");
            return 2;
        }
        if (topics.size() == 0) {
            err.println("evaluate: no topics in " + topicsPath);
            return 2;
        }
        if (tls.problem() != null) {
            err.println("evaluate: " + tls.problem());
            return 2;
        }
        QuerySpec spec = query.toSpec();
        Run baseline = baselinePath == null ? null : TrecRunFile.read(baselinePath);
        // Checked once up front: otherwise every query retries a refused connection and fails on its own.
        String unreachable = EndpointProbe.connectProblem(endpoint, Duration.ofSeconds(10));
        if (unreachable != null) {
            err.println("evaluate: cannot connect to " + endpoint + ": " + unreachable + "; no query was run (0 of "
                    + topics.size() + " queries run)");
            return 2;
        }
        Duration clientTimeout = Duration.ofMillis((long) ((clientTimeoutSeconds != null ? clientTimeoutSeconds : query.timeoutSeconds + 5) * 1000));
        SearchClient client = new SearchClient(endpoint, clientTimeout, retries, Duration.ofMillis(backoffMillis),
                tls.sslContext());

        err.println("evaluate: " + topics.size() + " topics, " + spec.label() + " against " + endpoint);
        QueryRun queryRun = new QueryRunner(client, threads).run(topics.topics(), spec,
                tag != null ? tag : spec.label(), line -> err.println("evaluate: " + line));
        Path run = runPath != null ? runPath : Path.of("runs", spec.label() + ".run");
        TrecRunFile.write(queryRun.run(), run);
        EvaluateResult result = EvaluateResult.of(spec, queryRun, qrels, baseline, overlapK);
        out.print(result.summary());
        out.println("run file: " + run);
        if (jsonPath != null) {
            Path parent = jsonPath.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(jsonPath.toFile(), result.toJson());
        }
        return queryRun.failed() > 0 ? 1 : 0;
    }

    private boolean reportSkipped(List<SkippedLine> skipped) {
        skipped.forEach(line -> err.println("evaluate: " + line));
        return skipped.isEmpty();
    }
}
