package dev.embedlab.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Relevance judgments: for each query id, judged document ids with an integer relevance grade (0 = judged not
 * relevant; a negative grade means "in the pool, unjudged" as in trec_eval).
 * <p>
 * Two formats: TREC {@code qid iter docid rel} (whitespace separated, iter ignored, '#' lines are comments, as
 * trec_eval's get_qrels) and BEIR TSV whose first line is the header {@code query-id corpus-id score}.
 * A line that is neither, or a second judgment of the same (qid, docid), is skipped and reported: trec_eval
 * refuses such files, and we keep the first judgment so the rest can still be used.
 */
public record Qrels(Path file, Map<String, Map<String, Integer>> judgments, List<SkippedLine> skipped) {

    public Qrels {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        judgments.forEach((qid, docs) -> copy.put(qid, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
        judgments = Collections.unmodifiableMap(copy);
        skipped = List.copyOf(skipped);
    }

    /** The judged documents of a query (empty if the query has no qrels). */
    public Map<String, Integer> of(String qid) {
        return judgments.getOrDefault(qid, Map.of());
    }

    public Set<String> queryIds() {
        return judgments.keySet();
    }

    /** Number of documents with grade >= 1 (trec_eval's num_rel at the default relevance level). */
    public int relevantCount(String qid) {
        return (int) of(qid).values().stream().filter(rel -> rel >= 1).count();
    }

    public static Qrels read(Path file) throws IOException {
        Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
        List<SkippedLine> skipped = new ArrayList<>();
        AtomicReference<Boolean> beir = new AtomicReference<>();  // the first record tells: a BEIR header or not
        LineReader.readRecords(file, skipped, line -> {
            String text = line.text().strip();
            if (text.isEmpty() || text.startsWith("#")) return;
            String[] columns = text.split("\\s+");
            if (beir.get() == null) {
                beir.set(columns.length == 3 && columns[0].equals("query-id"));
                if (beir.get()) return;
            }
            add(judgments, columns, beir.get());
        });
        return new Qrels(file, judgments, skipped);
    }

    private static void add(Map<String, Map<String, Integer>> judgments, String[] columns, boolean beir)
            throws MalformedRecordException {
        int expected = beir ? 3 : 4;
        if (columns.length != expected) {
            throw new MalformedRecordException("expected " + expected + " columns ("
                    + (beir ? "query-id corpus-id score" : "qid iter docid rel") + "), found " + columns.length);
        }
        String qid = columns[0];
        String docId = beir ? columns[1] : columns[2];
        String grade = beir ? columns[2] : columns[3];
        int rel;
        try {
            rel = Integer.parseInt(grade);
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("query " + qid + ", document " + docId
                    + ": relevance '" + grade + "' is not an integer");
        }
        Map<String, Integer> docs = judgments.computeIfAbsent(qid, q -> new LinkedHashMap<>());
        Integer previous = docs.putIfAbsent(docId, rel);
        if (previous != null) {
            throw new MalformedRecordException("query " + qid + ", document " + docId
                    + ": judged twice (kept the first judgment, " + previous + ")");
        }
    }
}
