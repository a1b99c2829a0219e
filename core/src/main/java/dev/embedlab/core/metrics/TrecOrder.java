package dev.embedlab.core.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which trec_eval ranks a query's results: it ignores the rank column and sorts by score
 * descending, breaking ties by document id descending in byte order ({@code strcmp(b, a)} in
 * {@code comp_sim_docno}, form_res_rels.c, usnistgov/trec_eval). All metrics here rank with this order so
 * they agree with trec_eval on the same run file even when scores tie.
 */
public final class TrecOrder {

    public static final Comparator<RunEntry> COMPARATOR = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : compareBytes(b.docId(), a.docId());
    };

    private TrecOrder() {
    }

    /** A new list of the entries in trec_eval order. */
    public static List<RunEntry> sorted(Collection<RunEntry> entries) {
        List<RunEntry> sorted = new ArrayList<>(entries);
        sorted.sort(COMPARATOR);
        return sorted;
    }

    /** Unsigned byte-wise comparison of the UTF-8 encodings, as C's strcmp. */
    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }
}
