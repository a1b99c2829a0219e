package dev.embedlab.vespa.cache;

import com.yahoo.component.AbstractComponent;
import com.yahoo.component.annotation.Inject;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only: wraps a real embedder (given as a nested component in services.xml, or directly) and counts the
 * tensor embeddings asked of it, so tests can see how often the model actually ran. A test can also make the
 * next call fail as a broken model would (an Error, say), to see what that leaves behind.
 */
public class CountingEmbedder extends AbstractComponent implements Embedder {

    private final Embedder inner;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicReference<Throwable> nextFailure = new AtomicReference<>();

    @Inject
    public CountingEmbedder(Embedder inner) {
        this.inner = inner;
    }

    @Override
    public List<Integer> embed(String text, Context context) {
        return inner.embed(text, context);
    }

    @Override
    public Tensor embed(String text, Context context, TensorType tensorType) {
        calls.incrementAndGet();
        Throwable failure = nextFailure.getAndSet(null);
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        return inner.embed(text, context, tensorType);
    }

    /** Makes the next tensor embedding throw this (a RuntimeException or an Error) instead of calling the model. */
    public void failNextCallWith(Throwable failure) {
        if ( ! (failure instanceof RuntimeException || failure instanceof Error))
            throw new IllegalArgumentException("An embedder can only throw unchecked: " + failure);
        nextFailure.set(failure);
    }

    /** Tensor embeddings asked of this so far. */
    public long calls() { return calls.get(); }

    /** The wrapped embedder, to compute expected values without counting or caching. */
    public Embedder inner() { return inner; }
}
