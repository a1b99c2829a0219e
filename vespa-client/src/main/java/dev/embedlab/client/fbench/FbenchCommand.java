package dev.embedlab.client.fbench;

import dev.embedlab.core.data.Topics;
import dev.embedlab.client.evaluate.QueryOptions;
import dev.embedlab.client.schema.QuerySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code embedlab fbench}: a vespa-fbench client ramp with the evaluate query bodies, as table, CSV and chart. */
@Command(name = "fbench", mixinStandardHelpOptions = true,
        description = {
                "Write a vespa-fbench POST query file from topics and a query mode, run vespa-fbench for each client",
                "count (locally or with --container via docker exec), and report clients, average latency, p95, p99",
                "and queries/s as Markdown, CSV and a latency-vs-throughput PNG. Runs with failed requests or non-200",
                "answers are flagged (fbench counts non-200 answers with a body as successful).",
                "Exit code: 0 clean, 1 when a run is flagged, 2 when fbench could not be run."})
public final class FbenchCommand implements Callable<Integer> {

    @Option(names = "--topics", required = true, description = "Topics: TSV qid<TAB>text, or BEIR queries.jsonl.")
    Path topicsPath;

    @Mixin
    QueryOptions query = new QueryOptions();

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

    @Option(names = "--container", description = "Run vespa-fbench inside this Docker container (docker exec).")
    String container;

    @Option(names = "--fbench", description = "vespa-fbench executable (default: vespa-fbench locally, /opt/vespa/bin/vespa-fbench in a container).")
    String binary;

    @Option(names = "--out", description = "Output directory (default: results/fbench/<query label>).")
    Path outDir;

    @Option(names = "--dry-run", description = "Write the query file and print the commands without running them.")
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
        QuerySpec spec = query.toSpec();
        Path dir = outDir != null ? outDir : Path.of("results", "fbench", spec.label());
        Path queryFile = dir.resolve("queries.txt");
        FbenchQueryFile.write(topics.topics(), spec, queryFile);
        FbenchRunner runner = new FbenchRunner(executor, container,
                binary != null ? binary : container != null ? "/opt/vespa/bin/vespa-fbench" : "vespa-fbench",
                host, port, seconds, ignoreFirst);
        if (dryRun) {
            out.println("# query file: " + queryFile + " (" + topics.size() + " queries, " + spec.label() + ")");
            runner.plan(queryFile, clients).forEach(c -> out.println(String.join(" ", c)));
            return 0;
        }
        List<FbenchSummary> runs;
        try {
            runs = runner.ramp(queryFile, clients, dir, line -> err.println(line));
        } catch (java.io.IOException e) {
            err.println("fbench: " + e.getMessage());
            return 2;
        }
        String title = "vespa-fbench " + spec.label();
        FbenchReport.write(title, runs, dir);
        out.print(FbenchReport.markdown(title, runs));
        out.println("results: " + dir.resolve("fbench.md") + ", fbench.csv, fbench-latency-vs-qps.png");
        return runs.stream().anyMatch(FbenchSummary::flagged) ? 1 : 0;
    }
}
