package dev.embedlab.client.sweep;

import ai.vespa.feed.client.FeedClient;
import ai.vespa.feed.client.FeedClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.metrics.TrecRunFile;
import dev.embedlab.client.evaluate.EvaluateResult;
import dev.embedlab.client.evaluate.QueryRun;
import dev.embedlab.client.evaluate.QueryRunner;
import dev.embedlab.client.schema.QuerySpec;
import dev.embedlab.client.fbench.CommandExecutor;
import dev.embedlab.client.fbench.FbenchRun;
import dev.embedlab.client.fbench.FbenchRunner;
import dev.embedlab.client.fbench.LoadTestPreparation;
import dev.embedlab.client.fbench.ShellWords;
import dev.embedlab.client.schema.BenchmarkQuery;
import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.feed.CorpusFeeder;
import dev.embedlab.client.feed.CountCheck;
import dev.embedlab.client.feed.DocumentCounter;
import dev.embedlab.client.feed.FeedSummary;
import dev.embedlab.client.feed.RejectsFile;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The steps sweeps are made of. */
public final class SweepSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepSteps() {
    }

    /** Copies the application package and edits the copy. */
    public record PrepareApplication(Path source, Path target, String change, Edit edit) implements SweepStep {

        /** The edit applied to the copy. */
        public interface Edit {
            void apply(Path copy) throws IOException;
        }

        @Override
        public String describe() {
            return "copy " + source + " to " + target + " and set " + change;
        }

        @Override
        public void run(SweepContext context) throws IOException {
            ApplicationPackageEditor.copy(source, target);
            edit.apply(target);
        }

        @Override
        public boolean preparesOnly() {
            return true;
        }
    }

    /** {@code vespa deploy} of an application package directory, waiting for it to converge. */
    public record Deploy(Path application) implements SweepStep {

        List<String> command(SweepContext c) {
            return List.of(c.vespaCli(), "deploy", "--target", c.configServer().toString(),
                    "--wait", String.valueOf(c.waitTimeout().toSeconds()), application.toString());
        }

        @Override
        public String describe() {
            return "vespa deploy " + application + " (then wait for convergence)";
        }

        @Override
        public void run(SweepContext c) throws IOException {
            CommandExecutor.Result result = c.executor().run(command(c), c.waitTimeout().plusSeconds(60));
            if (!result.ok()) {
                throw new IOException("deploy of " + application + " failed (exit " + result.exitCode() + "): "
                        + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip());
            }
            c.results().log.println("sweep: deployed " + application);
        }
    }

    /**
     * Restarts the search node process so restart-only index settings take effect (max-links-per-node rebuilds
     * the HNSW graph at startup; persearch is read at startup).
     */
    public record RestartSearchnode(String reason) implements SweepStep {

        static List<String> command(String container) {
            return List.of("docker", "exec", container, "/opt/vespa/bin/vespa-sentinel-cmd", "restart", "searchnode");
        }

        @Override
        public String describe() {
            return "restart the search node (" + reason + ")";
        }

        @Override
        public void run(SweepContext c) throws IOException {
            if (c.container() == null) {
                throw new IOException("cannot restart the search node without --container; restart it yourself and "
                        + "rerun, or pass --container");
            }
            CommandExecutor.Result result = c.executor().run(command(c.container()), Duration.ofMinutes(2));
            if (!result.ok()) throw new IOException("searchnode restart failed: " + result.stderr().strip());
        }
    }

    /**
     * Counts the passage documents (the count query {@link DocumentCounter} sends, which also requires full coverage)
     * until there are at least {@code minDocuments}. When that number is the corpus size
     * ({@link SweepContext.Results#exactDocumentCount}), an index holding more fails the step: documents under other
     * ids take HNSW memory and recall@100 slots, so nothing measured on it is comparable.
     *
     * @param minDocuments documents the index must hold, or -1 for the corpus size (a dry run's plan only)
     */
    public record WaitReady(long minDocuments) implements SweepStep {

        @Override
        public String describe() {
            return "wait until /search/ answers with full coverage and "
                    + (minDocuments < 0 ? "every corpus document" : "at least " + minDocuments + " documents");
        }

        @Override
        public void run(SweepContext c) throws Exception {
            boolean exact = c.results().exactDocumentCount;
            DocumentCounter counter = new DocumentCounter(c.endpoint(), null);
            long deadline = System.nanoTime() + c.waitTimeout().toNanos();
            String last = "no answer yet";
            while (System.nanoTime() < deadline) {
                long count = -1;
                try {
                    count = counter.count(Duration.ofSeconds(5));
                } catch (ConnectException e) {
                    last = e.getMessage(); // "cannot connect: ..." with what the TCP probe found
                } catch (IOException e) {
                    last = "no count: " + e.getMessage(); // an error answer, a timeout, partial coverage
                }
                if (count >= 0 && count >= minDocuments) {
                    if (exact && count > minDocuments) {
                        throw new IOException("Vespa serves " + count + " passage documents (" + DocumentCounter.YQL + " at "
                                + c.endpoint().resolve("/search/") + "), "
                                + (count - minDocuments) + " more than the " + minDocuments + " of the corpus: documents"
                                + " under other ids or from other corpora take HNSW memory and recall@100 slots, so"
                                + " the results would not be comparable. Feed into an empty application (see the README,"
                                + " \"Document ids and the count check\"), or pass --allow-extra-documents when the"
                                + " index holds other documents on purpose");
                    }
                    c.results().log.println("sweep: ready, " + count + " documents");
                    if (count > minDocuments && minDocuments > 1) {
                        c.results().log.println("sweep: note: Vespa serves " + count + " passage documents, more than"
                                + " the " + minDocuments + " expected");
                    }
                    return;
                }
                if (count >= 0) last = count + " documents";
                Thread.sleep(2000);
            }
            throw new IOException(c.endpoint().resolve("/search/") + " not ready after " + c.waitTimeout().toSeconds()
                    + " s; last attempt: " + last);
        }
    }

    /**
     * Feeds the corpus again with vespa-feed-client (puts replace documents and re-insert them in the graph), under
     * the ids {@code embedlab feed} gives it, then checks that Vespa serves as many documents as were fed: an index
     * that also holds the corpus under other ids would skew every recall number after it.
     */
    public record Feed(String reason, String label) implements SweepStep {

        @Override
        public String describe() {
            return "embedlab feed (" + reason + ")";
        }

        String command(SweepContext c) {
            List<String> args = new ArrayList<>(List.of("embedlab", "feed", "--endpoint", c.endpoint().toString(),
                    "--rejects", c.outDir().resolve("feed-rejects-" + label + ".jsonl").toString()));
            args.addAll(c.documents().cliArgs());
            c.corpus().forEach(p -> args.add(p.toString()));
            return ShellWords.join(args);
        }

        @Override
        public void run(SweepContext c) throws Exception {
            if (c.corpus().isEmpty()) throw new IOException("a refeed is planned but no corpus was given (--corpus)");
            long total = CorpusFeeder.countDocuments(c.corpus());
            FeedSummary summary;
            try (FeedClient client = FeedClientBuilder.create(c.endpoint()).build();
                 RejectsFile rejects = new RejectsFile(c.outDir().resolve("feed-rejects-" + label + ".jsonl"))) {
                summary = new CorpusFeeder(client, c.documents(), CorpusFormat.AUTO,
                        Duration.ofSeconds(180), rejects, line -> c.results().log.println("sweep: feed " + line),
                        Duration.ofSeconds(30)).feed(c.corpus(), total);
            }
            c.results().log.print(summary.format());
            if (summary.failed() > 0) {
                throw new IOException(summary.failed() + " documents failed in the refeed; see "
                        + c.outDir().resolve("feed-rejects-" + label + ".jsonl") + " (results would not be comparable)");
            }
            DocumentCounter counter = new DocumentCounter(c.endpoint(), null);
            // Strict (no count before): the index must hold exactly the corpus, whatever it held before the refeed.
            CountCheck check = CountCheck.run(counter::count, -1, summary.ok(), Duration.ofSeconds(30), Duration.ofMillis(500));
            c.results().log.println(check.summaryLine());
            if (check.outcome() != CountCheck.Outcome.AGREE) {
                throw new IOException(check.explanation(DocumentCounter.YQL + " at " + counter.uri().resolve("/search/"), 0,
                        CountCheck.Remedies.SWEEP) + " (results would not be comparable)");
            }
        }
    }

    /**
     * Runs the topics with one query spec and scores them. The {@code baseline} run (exact search) is kept for
     * overlap@10 of the later {@code compare} runs.
     */
    public record Evaluate(String label, QuerySpec spec, boolean baseline, boolean compare) implements SweepStep {

        String command(SweepContext c) {
            List<String> args = new ArrayList<>(List.of("embedlab", "evaluate", "--topics", c.topicsPath().toString(),
                    "--qrels", c.qrelsPath().toString(), "--endpoint", c.endpoint().toString()));
            args.addAll(spec.cliArgs());
            args.addAll(List.of("--run", runFile(c).toString()));
            if (compare) args.addAll(List.of("--baseline", c.outDir().resolve("runs/exact.run").toString()));
            return ShellWords.join(args);
        }

        Path runFile(SweepContext c) {
            return c.outDir().resolve("runs").resolve(label + ".run");
        }

        @Override
        public String describe() {
            return "evaluate " + label + " (" + spec.label() + (baseline ? ", the exact baseline" : compare ? ", overlap@10 vs exact" : "") + ")";
        }

        @Override
        public void run(SweepContext c) throws IOException {
            SweepContext.Results r = c.results();
            QueryRun run = new QueryRunner(r.client, r.queryThreads).run(r.topics.topics(), spec, label,
                    line -> r.log.println("sweep: " + label + ": " + line));
            if (run.failed() == r.topics.size() && r.topics.size() > 0) {
                String first = run.failures().values().iterator().next();
                throw new IOException("all " + run.failed() + " queries failed against " + c.endpoint() + " (first: "
                        + first + "): no quality to score");
            }
            TrecRunFile.write(run.run(), runFile(c));
            if (baseline) r.baseline = run.run();
            if (compare && r.baseline == null) throw new IllegalStateException("no exact baseline run before " + label);
            EvaluateResult result = EvaluateResult.of(spec, run, r.qrels, compare ? r.baseline : null, List.of(10));
            r.evaluations.put(label, result);
            JSON.writerWithDefaultPrettyPrinter().writeValue(c.outDir().resolve("runs").resolve(label + ".json").toFile(),
                    result.toJson());
            r.log.printf("sweep: %s NDCG@10 %.4f%s, %d failed queries%n", label, result.evaluation().ndcg10(),
                    result.overlap().isEmpty() ? "" : String.format(" overlap@10 %.4f", result.overlap().get(10)),
                    run.failed());
        }
    }

    /**
     * Measures latency and throughput of one request with vespa-fbench at a fixed client count, in the sweep's
     * embedding form, prepared as {@code embedlab fbench} prepares its runs ({@link LoadTestPreparation}).
     */
    public record Fbench(String label, BenchmarkQuery query) implements SweepStep {

        Path dir(SweepContext c) {
            return c.outDir().resolve("fbench").resolve(label);
        }

        String command(SweepContext c) {
            List<String> args = new ArrayList<>(List.of("embedlab", "fbench", "--topics", c.topicsPath().toString()));
            args.addAll(query.cliArgs());
            if (query.form() == EmbedForm.COLD) args.addAll(List.of("--cold-max-qps", String.valueOf(c.results().coldMaxQps)));
            args.addAll(List.of("--clients", String.valueOf(c.fbenchClients()), "--seconds",
                    String.valueOf(c.fbench().seconds())));
            if (c.container() != null) args.addAll(List.of("--container", c.container()));
            args.addAll(List.of("--endpoint", c.endpoint().toString(), "--out", dir(c).toString()));
            return ShellWords.join(args);
        }

        @Override
        public String describe() {
            return "vespa-fbench " + label + " (embedding " + query.form().cliName() + ", kind " + query.kind().cliName() + ")";
        }

        @Override
        public void run(SweepContext c) throws IOException {
            SweepContext.Results r = c.results();
            LoadTestPreparation preparation = new LoadTestPreparation(r.topics.topics(), query, r.coldTexts, r.coldRequests);
            preparation.preflight(c.endpoint());
            List<FbenchRunner.Step> steps = preparation.writeQueryFiles(List.of(c.fbenchClients()), dir(c));
            String warmup = preparation.warmUp(r.client);
            if (warmup != null) r.log.println("sweep: " + label + ": " + warmup);
            Consumer<String> log = line -> r.log.println("sweep: " + line);
            List<FbenchRun> runs = c.fbench().ramp(steps, dir(c), log);
            r.latency.put(label, runs.get(0));
        }
    }

    /** The command line a step corresponds to, for the printed plan. */
    static String commandOf(SweepStep step, SweepContext c) {
        if (step instanceof Deploy d) return ShellWords.join(d.command(c));
        if (step instanceof RestartSearchnode) {
            return c.container() != null ? ShellWords.join(RestartSearchnode.command(c.container()))
                    : "# restart the search node yourself (no --container given)";
        }
        if (step instanceof Feed f) return f.command(c);
        if (step instanceof Evaluate e) return e.command(c);
        if (step instanceof Fbench f) return c.fbench() == null ? "# (fbench skipped)" : f.command(c);
        if (step instanceof PrepareApplication p) return "# written by embedlab (also in a dry run): " + p.target();
        if (step instanceof WaitReady w) {
            return "# count " + c.endpoint().resolve("/search/") + " (" + DocumentCounter.YQL + ") until totalCount "
                    + (c.results().exactDocumentCount ? "== " : ">= ") + (w.minDocuments() < 0 ? "the corpus size" : String.valueOf(w.minDocuments()))
                    + " with full coverage";
        }
        return "# " + step.describe();
    }

    static URI uri(String value) {
        return URI.create(value.endsWith("/") ? value : value + "/");
    }

    static void ensureDir(Path dir) throws IOException {
        Files.createDirectories(dir);
    }
}
