package dev.embedlab.client.feed;

import java.time.Duration;
import java.util.Locale;

/**
 * What a feed run did. {@code ok + failed + notAttempted == inputDocuments} always (a malformed input line
 * counts as a failed document), and every failure is in the rejects file.
 *
 * @param inputDocuments   non-blank input lines
 * @param ok               documents Vespa acknowledged
 * @param failed           documents that were rejected, timed out, or could not be read
 * @param malformedLines   the part of {@code failed} that never reached Vespa
 * @param notAttempted     documents never sent, because the endpoint could not be reached at all
 * @param retriedRequests  HTTP requests beyond one per document (429/503/IO errors retried by the client)
 * @param elapsed          wall time of the feed
 * @param avgLatencyMillis mean HTTP request latency reported by the feed client
 * @param minLatencyMillis minimum HTTP request latency
 * @param maxLatencyMillis maximum HTTP request latency
 */
public record FeedSummary(long inputDocuments, long ok, long failed, long malformedLines, long notAttempted,
                          long retriedRequests, Duration elapsed, long avgLatencyMillis, long minLatencyMillis,
                          long maxLatencyMillis) {

    /** A feed that never started: none of the input documents was sent. */
    public static FeedSummary nothingAttempted(long inputDocuments, Duration elapsed) {
        return new FeedSummary(inputDocuments, 0, 0, 0, inputDocuments, 0, elapsed, 0, 0, 0);
    }

    public boolean reconciles() {
        return ok + failed + notAttempted == inputDocuments;
    }

    public double docsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? ok / seconds : 0;
    }

    public String format() {
        return String.format(Locale.ROOT,
                "input documents: %d%nok:              %d%nfailed:          %d (of which malformed input lines: %d)%n"
                        + "not attempted:   %d%nretried requests: %d%nelapsed:         %.1f s%nthroughput:      %.1f docs/s%n"
                        + "latency (ms):    avg %d, min %d, max %d%n",
                inputDocuments, ok, failed, malformedLines, notAttempted, retriedRequests, elapsed.toMillis() / 1000.0,
                docsPerSecond(), avgLatencyMillis, minLatencyMillis, maxLatencyMillis);
    }
}
