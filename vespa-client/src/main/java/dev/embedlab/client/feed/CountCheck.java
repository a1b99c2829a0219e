package dev.embedlab.client.feed;

import dev.embedlab.client.RootCause;

import java.io.IOException;
import java.time.Duration;

/**
 * After a feed: does Vespa serve as many passage documents as the feed stored? A feed of a whole corpus into an
 * application that holds nothing else must agree; when it does not, the index holds documents under other ids
 * (or lost some), which costs HNSW memory and recall@100 slots without any error anywhere else.
 *
 * @param outcome whether the numbers agree, differ, or could not be compared
 * @param fed     documents this feed stored (acknowledged puts)
 * @param held    documents Vespa serves, or -1 when it could not be counted
 * @param problem why counting failed ({@link Outcome#UNAVAILABLE}), else null
 * @param waited  how long the check waited for the count to catch up
 */
public record CountCheck(Outcome outcome, long fed, long held, String problem, Duration waited) {

    public enum Outcome { AGREE, MISMATCH, UNAVAILABLE }

    /** One count of the documents Vespa serves. */
    @FunctionalInterface
    public interface Counter {
        long count() throws IOException, InterruptedException;
    }

    /**
     * Counts until the count equals {@code fed}. While it is below, or cannot be read, it counts again every
     * {@code interval} until {@code patience} is used up (acknowledged documents become searchable a moment
     * later); a count above {@code fed} will not come down by waiting, so that ends the check at once.
     */
    public static CountCheck run(Counter counter, long fed, Duration patience, Duration interval) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (true) {
            long held = -1;
            String problem = null;
            try {
                held = counter.count();
            } catch (IOException e) {
                problem = e.getMessage() != null ? e.getMessage() : RootCause.of(e);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (held == fed) return new CountCheck(Outcome.AGREE, fed, held, null, waited);
            if (held > fed || System.nanoTime() + interval.toNanos() > deadline) {
                return problem != null ? new CountCheck(Outcome.UNAVAILABLE, fed, -1, problem, waited)
                        : new CountCheck(Outcome.MISMATCH, fed, held, null, waited);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    public boolean agrees() {
        return outcome == Outcome.AGREE;
    }

    /** The line for the feed summary. */
    public String summaryLine() {
        return switch (outcome) {
            case AGREE -> "count check:     agrees: Vespa serves " + held + " passage documents";
            case MISMATCH -> "count check:     MISMATCH: Vespa serves " + held + " passage documents, this feed stored " + fed;
            case UNAVAILABLE -> "count check:     not done: " + problem;
        };
    }

    /**
     * What a failed check means, for the error stream.
     *
     * @param query          the count query, to name where the number came from
     * @param failedDocuments documents of this feed that failed (a timed-out put may still have been stored)
     */
    public String explanation(String query, long failedDocuments) {
        return switch (outcome) {
            case AGREE -> "count check: Vespa serves " + held + " passage documents, as many as this feed stored";
            case UNAVAILABLE -> "count check not done: could not count the documents Vespa serves (" + query + "): " + problem
                    + ". The feed itself is as summarized. A feed-only container has no /search/: pass --count-endpoint "
                    + "with a container that has, or --no-count-check.";
            case MISMATCH -> held > fed
                    ? "count check FAILED: this feed stored " + fed + " documents, but Vespa serves " + held
                      + " passage documents (" + query + "), " + (held - fed) + " more. Likely: documents fed earlier under"
                      + " other ids (before embedlab used one id scheme, embedlab feed wrote id:miracl:passage::598#0"
                      + " and the quickstart id:miracl-yo:passage::598-0 for the same passage; see the README, \"Document"
                      + " ids and the count check\"), or other writers to this application"
                      + (failedDocuments > 0 ? ", or puts that failed here (timed out) but were stored" : "")
                      + ". Extra documents take HNSW memory and recall@100 slots: remove them or feed into an empty"
                      + " application; --no-count-check skips this check for a feed that adds to others on purpose."
                    : "count check FAILED: this feed stored " + fed + " documents, but Vespa serves " + held
                      + " passage documents (" + query + ") after waiting " + waited.toSeconds() + " s, "
                      + (fed - held) + " fewer. Likely: duplicate document ids in the input (a later put replaces an"
                      + " earlier one), documents not searchable yet (--count-wait waits longer), or documents"
                      + " removed by another writer meanwhile.";
        };
    }
}
