package dev.embedlab.bench.fleet;

import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real model, run once per distinct text and type for the whole simulation, so that replaying a stream through
 * eight containers does not cost eight times the CPU. Each container still counts every call its cache makes
 * ({@link CountingEmbedder}): the counts are what a fleet would pay, the vectors are the model's own.
 */
final class OncePerTextEmbedder implements Embedder {

    private record Key(String text, TensorType type, String destination) { }

    private final Embedder model;
    private final Map<Key, Tensor> computed = new ConcurrentHashMap<>();

    OncePerTextEmbedder(Embedder model) { this.model = model; }

    int distinctTexts() { return computed.size(); }

    @Override
    public List<Integer> embed(String text, Context context) { return model.embed(text, context); }

    @Override
    public Tensor embed(String text, Context context, TensorType type) {
        return computed.computeIfAbsent(new Key(text, type, context.getDestination()), key -> model.embed(text, context, type));
    }
}
