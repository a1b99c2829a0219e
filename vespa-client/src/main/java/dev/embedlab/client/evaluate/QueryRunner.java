package dev.embedlab.client.evaluate;

import dev.embedlab.client.schema.QuerySpec;

import dev.embedlab.core.data.Topic;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs every topic through a {@link SearchClient} with a few threads and collects a TREC run. Results keep
 * topic order. A document Vespa returns twice for one query is kept once (trec_eval rejects duplicates).
 */
public final class QueryRunner {

    private final SearchClient client;
    private final int threads;

    public QueryRunner(SearchClient client, int threads) {
        this.client = client;
        this.threads = Math.max(1, threads);
    }

    public QueryRun run(List<Topic> topics, QuerySpec spec, String runTag, Consumer<String> progress) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "evaluate-query");
            t.setDaemon(true);
            return t;
        });
        List<Future<SearchOutcome>> futures = new ArrayList<>();
        try {
            for (Topic topic : topics) futures.add(pool.submit(() -> client.search(spec.body(topic.text()))));
            Run.Builder run = new Run.Builder(runTag);
            Map<String, String> failures = new LinkedHashMap<>();
            List<Double> latencies = new ArrayList<>();
            long attempts = 0;
            int degraded = 0;
            for (int i = 0; i < topics.size(); i++) {
                Topic topic = topics.get(i);
                SearchOutcome outcome = get(futures.get(i));
                attempts += outcome.attempts();
                if (!outcome.ok()) {
                    failures.put(topic.qid(), outcome.failure());
                    progress.accept("query " + topic.qid() + " failed: " + outcome.failure());
                } else {
                    latencies.add(outcome.latencyMillis());
                    if (outcome.degraded()) degraded++;
                    run.add(topic.qid(), entries(outcome));
                }
                if ((i + 1) % 100 == 0) progress.accept((i + 1) + "/" + topics.size() + " queries");
            }
            return new QueryRun(run.build(), failures, topics.size(), attempts - topics.size(), degraded,
                    latencies.stream().mapToDouble(Double::doubleValue).toArray(), (System.nanoTime() - start) / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<RunEntry> entries(SearchOutcome outcome) {
        List<RunEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SearchOutcome.Hit hit : outcome.hits()) {
            if (seen.add(hit.docId())) entries.add(new RunEntry(hit.docId(), entries.size() + 1, hit.relevance()));
        }
        return entries;
    }

    private static SearchOutcome get(Future<SearchOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SearchOutcome.failed("interrupted", 0, 0);
        } catch (ExecutionException e) {
            return SearchOutcome.failed("client error: " + e.getCause(), 0, 0);
        }
    }
}
