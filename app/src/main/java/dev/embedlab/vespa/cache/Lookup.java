package dev.embedlab.vespa.cache;

import com.yahoo.tensor.Tensor;

/**
 * The outcome of one cache lookup: the tensor, how it was obtained, and the nanoseconds spent (for a miss or
 * an uncached embedding, the embedding time; for a join, the time waited for another request's embedding).
 */
public record Lookup(Tensor tensor, Outcome outcome, long nanos) {

    public enum Outcome {
        /** The tensor was in the cache. */
        HIT,
        /** This request ran the embedder and cached the tensor. */
        MISS,
        /** Another request was already embedding the same key; this one waited for it. */
        JOINED,
        /** The mapping is configured not to cache: this request ran the embedder and kept nothing. */
        UNCACHED
    }
}
