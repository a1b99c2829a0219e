package dev.embedlab.client.evaluate;

import dev.embedlab.client.schema.QuerySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.core.metrics.Evaluator;
import dev.embedlab.core.metrics.Run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Quality of one query run: trec_eval metrics plus overlap@k against a baseline run, if one was given. */
public record EvaluateResult(QuerySpec spec, QueryRun queryRun, Evaluation evaluation, Map<Integer, Double> overlap) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static EvaluateResult of(QuerySpec spec, QueryRun queryRun, Qrels qrels, Run baseline, List<Integer> overlapK) {
        Evaluation evaluation = Evaluator.evaluate(queryRun.run(), qrels);
        Map<Integer, Double> overlap = new LinkedHashMap<>();
        if (baseline != null) {
            for (int k : overlapK) overlap.put(k, Evaluator.meanOverlap(queryRun.run(), baseline, k));
        }
        return new EvaluateResult(spec, queryRun, evaluation, overlap);
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("query: ").append(spec.label()).append('\n');
        s.append(queryRun.summary());
        s.append(evaluation.summary());
        overlap.forEach((k, v) -> s.append(String.format(Locale.ROOT, "overlap@%d with baseline: %.4f%n", k, v)));
        if (queryRun.failed() > 0) {
            s.append(String.format(Locale.ROOT, "FAILED QUERIES: %d of %d (absent from the run file):%n",
                    queryRun.failed(), queryRun.queries()));
            queryRun.failures().entrySet().stream().limit(20)
                    .forEach(f -> s.append("  ").append(f.getKey()).append(": ").append(f.getValue()).append('\n'));
            if (queryRun.failed() > 20) s.append("  ... (all of them in --json)\n");
        }
        return s.toString();
    }

    /** Machine-readable summary, for scripts and the sweeps. */
    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", spec.label());
        node.put("mode", spec.mode().cliName());
        node.put("approximate", spec.approximate());
        node.put("targetHits", spec.targetHits());
        node.put("exploreAdditionalHits", spec.exploreAdditionalHits());
        node.put("queries", queryRun.queries());
        node.put("failedQueries", queryRun.failed());
        node.put("retries", queryRun.retries());
        node.put("evaluatedQueries", evaluation.evaluated());
        node.put("ndcg10", evaluation.ndcg10());
        node.put("ndcg10Complete", evaluation.ndcg10Complete());
        node.put("recall100", evaluation.recall100());
        node.put("mrr10", evaluation.mrr10());
        node.put("latencyMeanMillis", queryRun.meanLatency());
        node.put("latencyP95Millis", queryRun.latencyPercentile(95));
        ObjectNode overlaps = node.putObject("overlap");
        overlap.forEach((k, v) -> overlaps.put(String.valueOf(k), v));
        ObjectNode failures = node.putObject("failures");
        queryRun.failures().forEach(failures::put);
        return node;
    }
}
