package dev.embedlab.core.metrics;

/** One retrieved document of one query in a run: id, the rank the system gave it (1-based) and its score. */
public record RunEntry(String docId, int rank, double score) {
}
