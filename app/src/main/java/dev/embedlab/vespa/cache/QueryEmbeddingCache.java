package dev.embedlab.vespa.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.yahoo.component.AbstractComponent;
import com.yahoo.component.ComponentId;
import com.yahoo.component.annotation.Inject;
import com.yahoo.component.provider.ComponentRegistry;
import com.yahoo.jdisc.Metric;
import com.yahoo.language.Language;
import com.yahoo.language.process.Embedder;
import com.yahoo.language.process.InvalidInputException;
import com.yahoo.language.process.OverloadException;
import com.yahoo.language.process.TimeoutException;
import com.yahoo.tensor.IndexedTensor;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Query embeddings kept across requests: a repeated query text costs a map lookup instead of a model call.
 *
 * <p>Thread-safe and bounded both by entries and by (estimated) bytes. Caffeine bounds by one weight only,
 * so every entry is charged at least {@code maxBytes / maxEntries} bytes: then the total weight limit of
 * {@code maxBytes} also caps the number of entries at {@code maxEntries}. Caffeine evicts by its
 * frequency-aware W-TinyLFU policy, right after the write that went over the limit (on the writing thread),
 * so a burst of one-off texts does not flush the frequent ones.
 *
 * <p>Concurrent misses for one key run the embedder once: the first request puts a pending future into the
 * map (charged the minimum weight until its size is known) and computes on its own thread (no pool hop, and no
 * map lock held for the milliseconds a model takes); the others wait for that future within their own query
 * deadline. A failed embedding (whatever the model threw, an Error too) is removed before anyone can take it for
 * a cached value. A waiter whose wait failed only because the other request's deadline passed embeds the text
 * itself if its own deadline allows.
 *
 * <p>It is its own component so that reconfiguring the searcher keeps it warm. It takes the embedder
 * registry so the container builds a new, empty cache whenever an embedder is reconfigured: a cached vector
 * never outlives the model that computed it.
 */
public class QueryEmbeddingCache extends AbstractComponent {

    private static final long KEY_OVERHEAD_BYTES = 96;     // key record, String header, enum and type refs
    private static final long TENSOR_OVERHEAD_BYTES = 64;  // tensor object, type ref, array header
    private static final long MAPPED_CELL_OVERHEAD_BYTES = 48; // address object per cell of a mapped tensor

    private final ComponentRegistry<Embedder> embedders;
    private final Cache<EmbeddingKey, CompletableFuture<Tensor>> cache;
    private final CacheMetrics metrics;
    private final long minimumWeight;
    private final long maxEntries;

    @Inject
    public QueryEmbeddingCache(QueryEmbeddingCacheConfig config, ComponentRegistry<Embedder> embedders, Metric metric) {
        this(config.maxEntries(), config.maxBytes(), embedders, new CacheMetrics(metric));
    }

    public QueryEmbeddingCache(long maxEntries, long maxBytes, ComponentRegistry<Embedder> embedders, CacheMetrics metrics) {
        if (maxEntries < 1 || maxBytes < 1)
            throw new IllegalArgumentException("query-embedding-cache: maxEntries (" + maxEntries + ") and maxBytes (" +
                                               maxBytes + ") must be positive");
        this.minimumWeight = ceilDiv(maxBytes, maxEntries);
        if (minimumWeight > Integer.MAX_VALUE)
            throw new IllegalArgumentException("query-embedding-cache: maxBytes / maxEntries must be at most " +
                                               Integer.MAX_VALUE + " bytes per entry, but is " + minimumWeight);
        this.maxEntries = maxEntries;
        this.embedders = embedders;
        this.metrics = metrics;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher(this::weigh)
                .executor(Runnable::run) // eviction work and listeners on the calling thread: no pool to size
                .removalListener(this::removed)
                .build();
    }

    /**
     * Returns the embedding of the text by the embedder named in the context (its embedder id), into the given
     * type, from the cache or by calling the embedder once.
     *
     * @param context the destination (its type is part of the key), language, embedder id and deadline
     * @throws IllegalArgumentException if the context names no embedder of this container
     * @throws EmbeddingException if the embedder fails or the deadline passes; nothing is cached then
     */
    public Lookup embed(String text, TensorType type, Embedder.Context context) {
        EmbeddingKey key = new EmbeddingKey(context.getEmbedderId(), context.getDestinationType(), type,
                                            languageOf(context), text);
        return embed(key, () -> context);
    }

    /**
     * Returns the embedding for the key, from the cache or by calling its embedder once.
     *
     * @param context makes the context to embed with (destination, language, deadline); asked for only when this
     *        request must embed or wait for another's embedding, so a hit costs no more than the lookup.
     *        It may throw an EmbeddingException (e.g. no time left); nothing is cached then.
     * @throws IllegalArgumentException if the key names no embedder of this container
     * @throws EmbeddingException if the embedder fails or the deadline passes; nothing is cached then. A request
     *         that waited for another's embedding and saw it time out embeds the text itself if it has time left.
     * @throws Error the Error the model threw, rethrown after its pending entry is removed (waiters get an
     *         EmbeddingException)
     */
    public Lookup embed(EmbeddingKey key, Supplier<Embedder.Context> context) {
        long start = System.nanoTime();
        while (true) {
            Lookup lookup = lookUpOrEmbed(key, context, start);
            if (lookup != null) return lookup;
            // The embedding this request waited for ran out of its own request's time; this one has time left.
        }
    }

    /**
     * Embeds the key without caching: for mappings whose embedder costs less than a cache entry is worth.
     *
     * @throws IllegalArgumentException if the key names no embedder of this container
     * @throws EmbeddingException if the embedder fails or the deadline passes
     */
    public Lookup embedUncached(EmbeddingKey key, Supplier<Embedder.Context> context) {
        long start = System.nanoTime();
        Embedder embedder = requireEmbedder(key.embedderId());
        Embedder.Context embedContext = context.get();
        Tensor tensor;
        try {
            tensor = run(embedder, key, embedContext);
        } catch (RuntimeException e) {
            metrics.failure(key.embedderId());
            throw failure(key, embedContext.getDestination(), e);
        }
        metrics.count(Lookup.Outcome.UNCACHED, key.embedderId());
        return new Lookup(tensor, Lookup.Outcome.UNCACHED, System.nanoTime() - start);
    }

    /** One attempt: a hit, a join, or this request's own embedding; null if a joined embedding must be retried. */
    private Lookup lookUpOrEmbed(EmbeddingKey key, Supplier<Embedder.Context> context, long start) {
        CompletableFuture<Tensor> present = cache.getIfPresent(key);
        if (present != null) return awaitOther(key, present, context, start);

        Embedder embedder = requireEmbedder(key.embedderId());
        Embedder.Context embedContext = context.get();
        CompletableFuture<Tensor> mine = new CompletableFuture<>();
        CompletableFuture<Tensor> other = cache.asMap().putIfAbsent(key, mine);
        if (other != null) return awaitOther(key, other, () -> embedContext, start);

        Tensor tensor;
        try {
            tensor = run(embedder, key, embedContext);
        } catch (Throwable t) {
            // Whatever the model throws (an Error too: out of memory, a native library that did not link), the
            // pending entry must go, or every later request for this text would wait for it to its deadline.
            EmbeddingException failure = failure(key, embedContext.getDestination(), t);
            cache.asMap().remove(key, mine); // before completing, so no later request can find the failed future
            mine.completeExceptionally(failure);
            metrics.failure(key.embedderId());
            if (t instanceof Error error) throw error; // not ours to turn into a query error
            throw failure;
        }
        mine.complete(tensor);
        cache.asMap().replace(key, mine, mine); // charge its real size now that it is known (no-op if evicted meanwhile)
        metrics.count(Lookup.Outcome.MISS, key.embedderId());
        metrics.size(entries(), weightedBytes());
        return new Lookup(tensor, Lookup.Outcome.MISS, System.nanoTime() - start);
    }

    private static Tensor run(Embedder embedder, EmbeddingKey key, Embedder.Context context) {
        Tensor tensor = embedder.embed(key.text(), context, key.tensorType());
        if (tensor == null || ! tensor.type().isAssignableTo(key.tensorType()))
            throw new IllegalStateException("returned " + (tensor == null ? "null" : tensor.type()) + ", not " +
                                            key.tensorType());
        return tensor;
    }

    /** Waits for another request's embedding; returns null if it timed out and this request has time to retry. */
    private Lookup awaitOther(EmbeddingKey key, CompletableFuture<Tensor> future, Supplier<Embedder.Context> context,
                              long start) {
        if (future.isDone() && ! future.isCompletedExceptionally()) { // the hit path
            metrics.count(Lookup.Outcome.HIT, key.embedderId());
            return new Lookup(future.join(), Lookup.Outcome.HIT, System.nanoTime() - start);
        }
        String destination = key.space().toString();
        Optional<Duration> timeLeft = Optional.empty();
        try {
            Embedder.Context waitContext = context.get();
            destination = waitContext.getDestination();
            timeLeft = waitContext.getDeadline().map(deadline -> deadline.timeRemaining());
            Tensor tensor = timeLeft.isEmpty() ? future.get()
                                               : future.get(Math.max(0, timeLeft.get().toNanos()), TimeUnit.NANOSECONDS);
            metrics.count(Lookup.Outcome.JOINED, key.embedderId());
            return new Lookup(tensor, Lookup.Outcome.JOINED, System.nanoTime() - start);
        } catch (ExecutionException e) {
            // The request that ran the embedder already counted the failure.
            if (e.getCause() instanceof EmbeddingException failure) {
                if (failure.kind() == EmbeddingException.Kind.TIMED_OUT && hasTimeLeft(context)) return null;
                throw new EmbeddingException(failure.kind(), failure.getMessage(), failure.getCause());
            }
            throw failure(key, destination, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new EmbeddingException(EmbeddingException.Kind.TIMED_OUT,
                                         "Timed out waiting for embedder '" + key.embedderId() + "' to embed the text for " +
                                         destination + ", which another request had started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException(EmbeddingException.Kind.TIMED_OUT, "Interrupted waiting for embedder '" +
                                         key.embedderId() + "'", e);
        }
    }

    /** Whether the request behind this context may still embed: no deadline, or one not yet passed. */
    private static boolean hasTimeLeft(Supplier<Embedder.Context> context) {
        return context.get().getDeadline().map(deadline -> ! deadline.isExpired()).orElse(true);
    }

    private Embedder requireEmbedder(String id) {
        Embedder embedder = embedders.getComponent(id);
        if (embedder == null)
            throw new IllegalArgumentException("No embedder '" + id + "' in this container; there are: " +
                                               embedders.allComponentsById().keySet().stream().map(ComponentId::stringValue)
                                                        .sorted().collect(Collectors.joining(", ")));
        return embedder;
    }

    /** Whether this container has an embedder with the given id (for checking configuration at startup). */
    public boolean hasEmbedder(String id) { return embedders.getComponent(id) != null; }

    private static EmbeddingException failure(EmbeddingKey key, String destination, Throwable cause) {
        EmbeddingException.Kind kind;
        if (cause instanceof TimeoutException) kind = EmbeddingException.Kind.TIMED_OUT;
        else if (cause instanceof OverloadException) kind = EmbeddingException.Kind.OVERLOADED;
        else if (cause instanceof InvalidInputException) kind = EmbeddingException.Kind.INVALID_INPUT;
        else kind = EmbeddingException.Kind.FAILED;
        return new EmbeddingException(kind, "Embedder '" + key.embedderId() + "' could not embed the text for " +
                                            destination + " as " + key.tensorType() + ": " + cause.getMessage(),
                                      cause);
    }

    /** The bytes an entry is charged: its estimated size, at least maxBytes / maxEntries, while pending exactly that. */
    private int weigh(EmbeddingKey key, CompletableFuture<Tensor> future) {
        if ( ! future.isDone() || future.isCompletedExceptionally()) return (int) minimumWeight;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(minimumWeight, estimateBytes(key, future.join())));
    }

    private void removed(EmbeddingKey key, CompletableFuture<Tensor> future, RemovalCause cause) {
        if (key == null || ! cause.wasEvicted()) return;
        metrics.eviction(key.embedderId());
        metrics.size(entries(), weightedBytes());
    }

    /** The language the key uses: the query's, or UNKNOWN when it sets none (as Vespa's own embed() does). */
    static Language languageOf(Embedder.Context context) {
        Language language = context.getLanguage();
        return language == null ? Language.UNKNOWN : language;
    }

    /** An estimate of the heap an entry takes: key text, tensor cells (as the Java tensor stores them), overheads. */
    static long estimateBytes(EmbeddingKey key, Tensor tensor) {
        long cells = tensor.size();
        long cellBytes = tensor.type().valueType() == TensorType.Value.DOUBLE ? 8 : 4;
        long perCell = cellBytes + (tensor instanceof IndexedTensor ? 0 : MAPPED_CELL_OVERHEAD_BYTES);
        return KEY_OVERHEAD_BYTES + 2L * key.text().length() + TENSOR_OVERHEAD_BYTES + cells * perCell;
    }

    private static long ceilDiv(long a, long b) { return (a + b - 1) / b; }

    /** The metrics this cache reports to, for the searcher's own counters. */
    public CacheMetrics metrics() { return metrics; }

    /** Cached and pending entries (an estimate while other threads write). */
    public long entries() { return cache.estimatedSize(); }

    /**
     * The bytes charged against maxBytes: each entry's estimated size, at least maxBytes / maxEntries. The
     * estimated bytes of the cached entries are at most this.
     */
    public long weightedBytes() { return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow(); }

    public long maxEntries() { return maxEntries; }

    /** Runs pending eviction work now (Caffeine amortizes it over writes). */
    public void cleanUp() { cache.cleanUp(); }

    /** Drops every entry. */
    public void invalidateAll() {
        cache.invalidateAll();
        cache.cleanUp();
    }

    /** Whether a completed embedding for this key is cached (without counting as an access). */
    public boolean contains(EmbeddingKey key) {
        CompletableFuture<Tensor> future = cache.policy().getIfPresentQuietly(key);
        return future != null && future.isDone() && ! future.isCompletedExceptionally();
    }
}
