package dev.embedlab.core.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A retrieval run: for each query id, the retrieved documents in the order the system returned them.
 * Use {@link TrecOrder} for the order trec_eval scores them in.
 */
public record Run(String tag, Map<String, List<RunEntry>> results) {

    public Run {
        Map<String, List<RunEntry>> copy = new LinkedHashMap<>();
        results.forEach((qid, entries) -> copy.put(qid, List.copyOf(entries)));
        results = Collections.unmodifiableMap(copy);
    }

    public List<RunEntry> of(String qid) {
        return results.getOrDefault(qid, List.of());
    }

    public Set<String> queryIds() {
        return results.keySet();
    }

    /** Builds a run query by query, keeping insertion order. */
    public static final class Builder {
        private final String tag;
        private final Map<String, List<RunEntry>> results = new LinkedHashMap<>();

        public Builder(String tag) {
            this.tag = tag;
        }

        public Builder add(String qid, List<RunEntry> entries) {
            if (results.putIfAbsent(qid, List.copyOf(entries)) != null) {
                throw new IllegalArgumentException("query " + qid + " added twice to run " + tag);
            }
            return this;
        }

        public Run build() {
            return new Run(tag, results);
        }
    }
}
