package dev.embedlab.client.evaluate;

import java.util.List;

/**
 * The result of one query after retries: hits on success, or the reason it failed. A failed query is never
 * turned into an empty result.
 *
 * @param hits      doc_id and relevance in the order Vespa returned them (empty on failure)
 * @param failure   null on success, else why (HTTP status and Vespa's error message, timeout, connection error)
 * @param attempts  HTTP requests made, including retries
 * @param latencyMillis time of the last attempt
 * @param degraded  Vespa reported degraded coverage (some content was not searched); hits are kept
 */
public record SearchOutcome(List<Hit> hits, String failure, int attempts, double latencyMillis, boolean degraded) {

    public record Hit(String docId, double relevance) {
    }

    public SearchOutcome {
        hits = List.copyOf(hits);
    }

    public boolean ok() {
        return failure == null;
    }

    static SearchOutcome failed(String reason, int attempts, double latencyMillis) {
        return new SearchOutcome(List.of(), reason, attempts, latencyMillis, false);
    }
}
