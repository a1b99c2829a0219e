package dev.embedlab.client.feed;

import java.io.IOException;
import java.time.Duration;

/**
 * After a feed: does Vespa serve as many passage documents as the feed stored? A feed of a whole corpus into an
 * application that holds nothing else must agree; when it does not, the index holds documents under other ids
 * (or lost some), which costs HNSW memory and recall@100 slots without any error anywhere else.
 * <p>
 * The rule, given {@code before} (B, the count before the feed) and {@code fed} (N, the documents this feed stored):
 * <ul>
 *   <li>B = 0, or a strict check (a sweep's refeed, where the index must be exactly the corpus): the count after
 *       (C) must equal N;</li>
 *   <li>B &gt; 0 (a feed that adds to an index: a second language, a corpus fed file by file): a put of an id that
 *       is already there replaces it, so C may lie anywhere from max(B, N) (every id was there, or the index held
 *       only these) to B + N (every id was new). A C in that range is <em>inconclusive</em>, which passes with a
 *       note; a C outside it is a mismatch;</li>
 *   <li>B unknown (it could not be counted): as for B = 0, and the note says so.</li>
 * </ul>
 *
 * @param outcome whether the numbers agree, cannot be told apart, differ, or could not be compared
 * @param before  documents Vespa served before the feed, or -1 when not counted (strict, or counting failed)
 * @param fed     documents this feed stored (acknowledged puts)
 * @param held    documents Vespa serves, or -1 when it could not be counted
 * @param problem why counting failed ({@link Outcome#UNAVAILABLE}), else null
 * @param waited  how long the check waited for the count to catch up
 */
public record CountCheck(Outcome outcome, long before, long fed, long held, String problem, Duration waited) {

    public enum Outcome { AGREE, INCONCLUSIVE, MISMATCH, UNAVAILABLE }

    /** One count of the documents Vespa serves, answered within {@code timeout}. */
    @FunctionalInterface
    public interface Counter {
        long count(Duration timeout) throws IOException, InterruptedException;
    }

    /** The options a caller has, named in the explanation of a failed check: each null when the caller has none. */
    public record Remedies(String skip, String countElsewhere, String waitLonger) {

        /** {@code embedlab feed}'s options. */
        public static final Remedies FEED_COMMAND = new Remedies(
                "--no-count-check skips this check for a feed that adds to others on purpose",
                "pass --count-endpoint with a container that has /search/, or --no-count-check",
                "--count-wait waits longer");

        /** A sweep's refeed: it has none of these options; the index must hold exactly the corpus. */
        public static final Remedies SWEEP = new Remedies(null,
                "the sweep counts on --endpoint, which must be a container with /search/", null);
    }

    /** The shortest a single count request may be given. */
    private static final Duration MIN_REQUEST = Duration.ofSeconds(1);
    /** The longest a single count request may take. */
    private static final Duration MAX_REQUEST = Duration.ofSeconds(15);

    /** Counts once before a feed; -1 (not known) when that fails, with the reason in {@code onProblem}. */
    public static long countBefore(Counter counter, Duration timeout, java.util.function.Consumer<String> onProblem)
            throws InterruptedException {
        try {
            return counter.count(timeout);
        } catch (IOException e) {
            onProblem.accept(e.getMessage());
            return -1;
        }
    }

    /**
     * Counts until the count is what the rule above accepts. While it is below that, or cannot be read, it counts
     * again every {@code interval} until {@code patience} is used up (acknowledged documents become searchable a
     * moment later); each request gets at most the patience left. A count above the accepted range will not come
     * down by waiting, so that ends the check at once. When a later attempt fails, the last count read stands.
     *
     * @param before the count before the feed, or -1 for none (strict: the index must hold exactly {@code fed})
     */
    public static CountCheck run(Counter counter, long before, long fed, Duration patience, Duration interval)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        long low = before > 0 ? Math.max(before, fed) : fed;
        long high = before > 0 ? before + fed : fed;
        long held = -1;
        String problem = null;
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Duration timeout = left.compareTo(MIN_REQUEST) < 0 ? MIN_REQUEST : left.compareTo(MAX_REQUEST) > 0 ? MAX_REQUEST : left;
            try {
                held = counter.count(timeout);
                problem = null;
            } catch (IOException e) {
                problem = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            boolean read = held >= 0;
            if (read && held >= low && held <= high) {
                Outcome outcome = before > 0 && low != high ? Outcome.INCONCLUSIVE : Outcome.AGREE;
                return new CountCheck(outcome, before, fed, held, null, waited);
            }
            if (read && held > high || System.nanoTime() + interval.toNanos() > deadline) {
                return read ? new CountCheck(Outcome.MISMATCH, before, fed, held, null, waited)
                        : new CountCheck(Outcome.UNAVAILABLE, before, fed, -1, problem, waited);
            }
            Thread.sleep(interval.toMillis());
        }
    }

    /** Whether the feed may exit 0: the counts agree, or cannot tell a problem from a feed that added to an index. */
    public boolean passes() {
        return outcome == Outcome.AGREE || outcome == Outcome.INCONCLUSIVE;
    }

    /** The line for the feed summary. */
    public String summaryLine() {
        String history = before > 0 ? " (the index held " + before + " before, this feed stored " + fed + ")" : "";
        return switch (outcome) {
            case AGREE -> "count check:     agrees: Vespa serves " + held + " passage documents" + history;
            case INCONCLUSIVE -> "count check:     inconclusive: Vespa serves " + held + " passage documents" + history;
            case MISMATCH -> "count check:     MISMATCH: Vespa serves " + held + " passage documents, this feed stored " + fed
                    + (before > 0 ? ", the index held " + before + " before" : "");
            case UNAVAILABLE -> "count check:     not done: " + problem;
        };
    }

    /**
     * What the check means, for the error stream.
     *
     * @param query           the count query, to name where the number came from
     * @param failedDocuments documents of this feed that failed (a timed-out put may still have been stored)
     * @param remedies        the options the caller has
     */
    public String explanation(String query, long failedDocuments, Remedies remedies) {
        String readme = "see the README, \"Document ids and the count check\"";
        return switch (outcome) {
            case AGREE -> "count check: Vespa serves " + held + " passage documents, as many as this feed stored"
                    + (before > 0 ? " plus the " + before + " the index held before" : "");
            case INCONCLUSIVE -> "count check inconclusive: the index held " + before + " passage documents before, this"
                    + " feed stored " + fed + ", Vespa serves " + held + " now (" + query + "). A feed that adds to an"
                    + " index replaces documents whose ids are already there, so anything from " + Math.max(before, fed)
                    + " to " + (before + fed) + " is possible; the count cannot tell extra documents from that ("
                    + readme + ").";
            case UNAVAILABLE -> "count check not done: could not count the documents Vespa serves (" + query + "): " + problem
                    + ". The feed itself is as summarized."
                    + (remedies.countElsewhere() != null ? " A feed-only container has no /search/: " + remedies.countElsewhere() + "." : "");
            case MISMATCH -> held > fed + Math.max(0, before)
                    ? "count check FAILED: this feed stored " + fed + " documents" + (before > 0 ? " into an index of " + before : "")
                      + ", but Vespa serves " + held + " passage documents (" + query + "), "
                      + (held - fed - Math.max(0, before)) + " more than " + (before > 0 ? "both together" : "that")
                      + ". Likely: documents fed earlier under other ids (" + readme + "), or other writers to this application"
                      + (failedDocuments > 0 ? ", or puts that failed here (timed out) but were stored" : "")
                      + ". Extra documents take HNSW memory and recall@100 slots: remove them or feed into an empty"
                      + " application" + (remedies.skip() != null ? "; " + remedies.skip() : "") + "."
                    : "count check FAILED: this feed stored " + fed + " documents" + (before > 0 ? " into an index of " + before : "")
                      + ", but Vespa serves " + held + " passage documents (" + query + ") after waiting "
                      + waited.toSeconds() + " s, " + (Math.max(fed, before) - held) + " fewer than "
                      + (before > 0 ? "the larger of the two" : "that")
                      + ". Likely: duplicate document ids in the input (a later put replaces an earlier one), documents"
                      + " not searchable yet" + (remedies.waitLonger() != null ? " (" + remedies.waitLonger() + ")" : "")
                      + ", or documents removed by another writer meanwhile.";
        };
    }
}
