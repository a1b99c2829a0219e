package dev.embedlab.client.feed;

import ai.vespa.feed.client.FeedClient;
import ai.vespa.feed.client.FeedClientBuilder;
import ai.vespa.feed.client.FeedException;
import dev.embedlab.client.RootCause;
import dev.embedlab.client.tls.TlsOptions;
import dev.embedlab.core.data.CorpusFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code embedlab feed}: corpus files into the passage schema with vespa-feed-client. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {
                "Feed MIRACL/BEIR corpora (Vespa feed JSONL, raw MIRACL or BEIR corpus.jsonl; plain, .gz or .zst)",
                "into the passage schema. Every input line ends as ok or failed; failures go to the rejects file.",
                "Document ids: a Vespa feed line keeps its own (type doc or passage, set to passage); a raw MIRACL",
                "line gets id:<namespace>:passage::<docid, '#' as '-'>, namespace miracl-<language> unless --namespace:",
                "the ids the feed file has; a raw BEIR line gets id:<namespace>:passage::<_id> and needs --namespace.",
                "The number of passage documents Vespa serves (select * from passage where true, hits=0, totalCount)",
                "is counted before and after; it must equal the documents this feed stored when the index was empty,",
                "else it is inconclusive (exit 0 with a note) between max(before, stored) and before + stored.",
                "Exit code: 0 when every document was fed and the counts agree, 1 when any document failed,",
                "2 on a usage or I/O error (including an endpoint that cannot be connected to: then nothing is sent),",
                "3 when every document was fed but Vespa serves another number of documents, or could not count."})
public final class FeedCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Corpus files.")
    List<Path> files;

    @Option(names = "--endpoint", defaultValue = "http://localhost:8080/",
            description = "Vespa container endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Option(names = "--format", defaultValue = "AUTO",
            description = "Input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, decided per line).")
    CorpusFormat format;

    @Option(names = "--namespace",
            description = "Namespace of raw MIRACL/BEIR passages' ids, id:<namespace>:passage::<docid>: letters, digits, "
                    + "'.', '_', '-' (default for MIRACL lines: miracl-<language>; BEIR lines need it). Feed-file lines "
                    + "keep the namespace their id has.")
    String namespace;

    @Option(names = "--language",
            description = "Language for passages whose input has none (raw MIRACL, BEIR), e.g. sw or yo; also names "
                    + "raw MIRACL passages' id namespace, miracl-<language>.")
    String language;

    @Option(names = "--connections", defaultValue = "8", description = "HTTP/2 connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--max-streams", defaultValue = "128",
            description = "Concurrent streams per connection (default: ${DEFAULT-VALUE}).")
    int maxStreams;

    @Option(names = "--timeout", defaultValue = "180",
            description = "Per-document timeout in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    TlsOptions tls = new TlsOptions();

    @Option(names = "--rejects", defaultValue = "feed-rejects.jsonl",
            description = "Where failed documents are written (default: ${DEFAULT-VALUE}).")
    Path rejectsPath;

    @Option(names = "--progress", defaultValue = "10", description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

    @Option(names = "--no-count", description = "Do not pre-count documents (no ETA).")
    boolean noCount;

    @Option(names = "--dryrun", description = "Go through the feed client without sending anything.")
    boolean dryrun;

    @Option(names = "--no-count-check",
            description = "Do not compare the documents fed with the number of passage documents Vespa serves.")
    boolean noCountCheck;

    @Option(names = "--count-endpoint",
            description = "Container that answers the count query on /search/ (default: --endpoint; a feed-only "
                    + "container has no /search/).")
    URI countEndpoint;

    @Option(names = "--count-wait", defaultValue = "10",
            description = "Seconds the count check waits for fed documents to become searchable (default: ${DEFAULT-VALUE}).")
    int countWaitSeconds;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                err.println("feed: cannot read " + file);
                return 2;
            }
        }
        if (tls.problem() != null) {
            err.println("feed: " + tls.problem());
            return 2;
        }
        String namespaceProblem = PassageDocuments.namespaceProblem(namespace);
        if (namespaceProblem != null) {
            err.println("feed: " + namespaceProblem);
            return 2;
        }
        PassageDocuments passageDocuments = new PassageDocuments(namespace, language);
        String missing = passageDocuments.missingNamespace(files, format);
        if (missing != null) {
            err.println("feed: " + missing);
            return 2;
        }
        long total = noCount ? -1 : CorpusFeeder.countDocuments(files);
        DocumentCounter counter = countCheckDone() ? new DocumentCounter(countEndpoint != null ? countEndpoint : endpoint, tls.sslContext()) : null;
        long before = counter == null ? -1 : CountCheck.countBefore(counter::count, DocumentCounter.DEFAULT_TIMEOUT,
                problem -> err.println("feed: could not count the documents before the feed (" + problem
                        + "); the count check after it assumes an empty index"));
        if (total >= 0) err.println("feed: " + total + " documents in " + files.size() + " file(s) to " + endpoint);
        long start = System.nanoTime();
        FeedClient connected;
        try {
            connected = buildClient(); // the feed client checks the connection here, before any document is sent
        } catch (FeedException e) {
            long documents = total >= 0 ? total : CorpusFeeder.countDocuments(files);
            err.println("feed: cannot connect to " + endpoint + ": " + RootCause.of(e) + "; nothing was fed (" +
                        documents + " documents not attempted)");
            out.print(FeedSummary.nothingAttempted(documents, Duration.ofNanos(System.nanoTime() - start)).format());
            return 2;
        }
        FeedSummary summary;
        try (FeedClient client = connected; RejectsFile rejects = new RejectsFile(rejectsPath)) {
            CorpusFeeder feeder = new CorpusFeeder(client, passageDocuments, format,
                    Duration.ofSeconds(timeoutSeconds), rejects, line -> err.println("feed: " + line),
                    Duration.ofSeconds(Math.max(1, progressSeconds)));
            summary = feeder.feed(files, total);
        }
        out.print(summary.format());
        if (!summary.reconciles()) {
            err.println("feed: BUG: ok + failed != input documents; please report");
            return 2;
        }
        CountCheck check = countCheck(counter, before, summary);
        if (summary.failed() > 0) {
            err.println("feed: " + summary.failed() + " document(s) failed; see " + rejectsPath);
            return 1;
        }
        return check == null || check.passes() ? 0 : 3;
    }

    private boolean countCheckDone() {
        return !noCountCheck && !dryrun;
    }

    /**
     * Compares the count Vespa serves with the count before the feed and the documents stored (the rule is
     * {@link CountCheck}'s), prints the outcome; null when not checked.
     */
    private CountCheck countCheck(DocumentCounter counter, long before, FeedSummary summary) throws InterruptedException {
        if (counter == null) {
            out.println("count check:     not done (" + (dryrun ? "--dryrun stores nothing" : "--no-count-check") + ")");
            return null;
        }
        CountCheck check = CountCheck.run(counter::count, before, summary.ok(), Duration.ofSeconds(Math.max(0, countWaitSeconds)),
                Duration.ofMillis(500));
        out.println(check.summaryLine());
        String explanation = check.explanation(DocumentCounter.YQL + " at " + counter.uri().resolve("/search/"), summary.failed(),
                CountCheck.Remedies.FEED_COMMAND);
        err.println("feed: " + explanation);
        return check;
    }

    private FeedClient buildClient() {
        FeedClientBuilder builder = FeedClientBuilder.create(endpoint)
                .setConnectionsPerEndpoint(connections)
                .setMaxStreamPerConnection(maxStreams)
                .setDryrun(dryrun);
        if (tls.certificate() != null) builder.setCertificate(tls.certificate(), tls.privateKey());
        if (tls.caCertificates() != null) builder.setCaCertificatesFile(tls.caCertificates());
        return builder.build();
    }
}
