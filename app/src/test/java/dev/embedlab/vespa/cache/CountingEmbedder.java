package dev.embedlab.vespa.cache;

import com.yahoo.component.AbstractComponent;
import com.yahoo.component.annotation.Inject;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only: wraps a real embedder (given as a nested component in services.xml, or directly) and counts the
 * tensor embeddings asked of it, so tests can see how often the model actually ran.
 */
public class CountingEmbedder extends AbstractComponent implements Embedder {

    private final Embedder inner;
    private final AtomicLong calls = new AtomicLong();

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
        return inner.embed(text, context, tensorType);
    }

    /** Tensor embeddings asked of this so far. */
    public long calls() { return calls.get(); }

    /** The wrapped embedder, to compute expected values without counting or caching. */
    public Embedder inner() { return inner; }
}
