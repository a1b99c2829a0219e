package dev.embedlab.bench.fleet;

import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One query container's view of the model: counts the calls its cache lets through. */
final class CountingEmbedder implements Embedder {

    private final Embedder model;
    private final AtomicLong calls = new AtomicLong();

    CountingEmbedder(Embedder model) { this.model = model; }

    long calls() { return calls.get(); }

    @Override
    public List<Integer> embed(String text, Context context) { return model.embed(text, context); }

    @Override
    public Tensor embed(String text, Context context, TensorType tensorType) {
        calls.incrementAndGet();
        return model.embed(text, context, tensorType);
    }
}
