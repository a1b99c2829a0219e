package dev.embedlab.client.feed;

import dev.embedlab.core.report.Progress;
import ai.vespa.feed.client.DocumentId;
import ai.vespa.feed.client.FeedClient;
import ai.vespa.feed.client.OperationParameters;
import ai.vespa.feed.client.OperationStats;
import ai.vespa.feed.client.Result;
import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.LineReader;
import dev.embedlab.core.data.Passage;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Feeds corpus files through a {@link FeedClient}, one put per passage, and accounts for every input line:
 * each one ends as ok or failed, and each failure (unreadable line, document Vespa rejected, timeout, retries
 * given up) goes to the rejects file with its reason. Retries of 429/503/IO errors are the feed client's job.
 */
public final class CorpusFeeder {

    private final FeedClient client;
    private final PassageDocuments documents;
    private final CorpusFormat format;
    private final OperationParameters parameters;
    private final RejectsFile rejects;
    private final Consumer<String> progress;
    private final Duration progressInterval;

    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    public CorpusFeeder(FeedClient client, PassageDocuments documents, CorpusFormat format, Duration timeout,
                        RejectsFile rejects, Consumer<String> progress, Duration progressInterval) {
        this.client = client;
        this.documents = documents;
        this.format = format;
        this.parameters = OperationParameters.empty().timeout(timeout);
        this.rejects = rejects;
        this.progress = progress;
        this.progressInterval = progressInterval;
    }

    /** Counts the documents (non-blank lines) in the files, for progress and ETA. Cheap next to feeding. */
    public static long countDocuments(List<Path> files) throws IOException {
        long count = 0;
        for (Path file : files) {
            try (LineReader lines = LineReader.open(file)) {
                LineReader.Line line;
                while ((line = lines.next()) != null) {
                    if (!line.isValid() || !line.text().isBlank()) count++;
                }
            }
        }
        return count;
    }

    /**
     * Feeds all files and waits for every operation to complete.
     *
     * @param expectedTotal number of documents for ETA, or negative when unknown
     */
    public FeedSummary feed(List<Path> files, long expectedTotal) throws IOException {
        long start = System.nanoTime();
        long inputDocuments = 0;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> progress.accept(Progress.line("", "docs", ok.get() + failed.get(), failed.get(),
                        expectedTotal, Duration.ofNanos(System.nanoTime() - start))),
                progressInterval.toMillis(), progressInterval.toMillis(), TimeUnit.MILLISECONDS);
        try {
            for (Path file : files) {
                try (CorpusReader reader = CorpusReader.open(file, format, skip -> {
                    malformed.incrementAndGet();
                    failed.incrementAndGet();
                    rejects.reject(null, skip.file() + ":" + skip.line(), "malformed input: " + skip.reason());
                })) {
                    while (reader.hasNext()) put(reader.next(), file);
                    inputDocuments += reader.nonBlankLines();
                }
            }
            awaitAll();
        } finally {
            ticker.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        OperationStats stats = client.stats();
        long operations = inputDocuments - malformed.get();
        return new FeedSummary(inputDocuments, ok.get(), failed.get(), malformed.get(), 0,
                Math.max(0, stats.requests() - operations), elapsed,
                stats.averageLatencyMillis(), stats.minLatencyMillis(), stats.maxLatencyMillis());
    }

    private void put(Passage passage, Path file) {
        String source = file + ":" + passage.line();
        DocumentId id;
        try {
            id = documents.id(passage);
        } catch (IllegalArgumentException e) {
            failed.incrementAndGet();
            rejects.reject(null, source, e.getMessage()); // "invalid document id '...'" or "... needs a namespace"
            return;
        }
        pending.incrementAndGet();
        CompletableFuture<Result> result;
        try {
            result = client.put(id, documents.json(passage), parameters);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((r, error) -> {
            try {
                if (error == null && r.type() == Result.Type.success) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    String reason = error != null ? reason(error)
                            : r.type() + r.resultMessage().map(m -> ": " + m).orElse("");
                    rejects.reject(id.toString(), source, reason);
                }
            } finally {
                synchronized (pending) {
                    pending.decrementAndGet();
                    pending.notifyAll();
                }
            }
        });
    }

    private void awaitAll() {
        synchronized (pending) {
            while (pending.get() > 0) {
                try {
                    pending.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted with " + pending.get() + " documents in flight", e);
                }
            }
        }
    }

    private static String reason(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        if (cause.getCause() != null && cause.getCause() != cause) {
            message = message + " (" + cause.getCause().getClass().getSimpleName()
                    + (cause.getCause().getMessage() != null ? ": " + cause.getCause().getMessage() : "") + ")";
        }
        return message != null ? message : cause.getClass().getName();
    }
}
