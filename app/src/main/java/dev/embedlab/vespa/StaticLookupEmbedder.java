package dev.embedlab.vespa;

import com.yahoo.component.AbstractComponent;
import com.yahoo.component.annotation.Inject;
import com.yahoo.config.ModelReference;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.IndexedTensor;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;
import dev.embedlab.staticembed.LoadOptions;
import dev.embedlab.staticembed.SignBits;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.staticembed.tokenizer.TokenIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A Vespa embedder over a static embedding model: tokenize, look up one vector per token, average. No
 * transformer runs, so an embedding costs microseconds.
 *
 * <p>The destination tensor decides the output, as for Vespa's own embedders: {@code tensor<float>(x[N])} and
 * {@code tensor<bfloat16>(x[N])} get the first N dimensions (Matryoshka truncation, then normalization);
 * {@code tensor<int8>(x[N])} gets 8N dimensions binarized to packed sign bits (for hamming distance). A
 * destination wider than the model is an error naming both sizes.
 */
public class StaticLookupEmbedder extends AbstractComponent implements Embedder {

    private final StaticEmbeddingModel model;
    private final Embedder.Runtime runtime;
    private final ThreadLocal<float[]> pooled;

    @Inject
    public StaticLookupEmbedder(StaticLookupEmbedderConfig config, Embedder.Runtime runtime) {
        this(config, runtime, ModelReference::value);
    }

    /** For containers that hand model references over unresolved: {@code resolver} turns them into files. */
    protected StaticLookupEmbedder(StaticLookupEmbedderConfig config, Embedder.Runtime runtime,
                                   Function<ModelReference, Path> resolver) {
        this.runtime = runtime;
        this.model = load(resolver.apply(config.modelReference()), resolver.apply(config.tokenizerReference()), config);
        this.pooled = ThreadLocal.withInitial(() -> new float[model.dimensions()]);
    }

    private static StaticEmbeddingModel load(Path table, Path tokenizer, StaticLookupEmbedderConfig config) {
        LoadOptions options = LoadOptions.defaults().withNormalize(config.normalize());
        if (config.maxTokens() > 0) options = options.withMaxTokens(config.maxTokens());
        if (config.dimensions() > 0) options = options.withDimensions(config.dimensions());
        try {
            return StaticModelLoader.loadFiles(table, tokenizer, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load the static embedding model " + table + " with " + tokenizer, e);
        }
    }

    @Override
    public List<Integer> embed(String text, Context context) {
        TokenIds ids = new TokenIds();
        model.tokenizer().encode(text, ids);
        List<Integer> tokens = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) tokens.add(ids.get(i));
        return tokens;
    }

    @Override
    public Tensor embed(String text, Context context, TensorType type) {
        long start = System.nanoTime();
        Destination destination = Destination.of(type, model.dimensions(), context);
        // Floats pool straight into the tensor's own cells; only the bits to pack go through the reused buffer.
        float[] values = destination.binarized() ? pooled.get() : new float[destination.size()];
        int tokens = model.embed(text, values, destination.modelDimensions());
        Tensor tensor = destination.binarized() ? packedBits(type, values, destination.modelDimensions())
                                                : IndexedTensor.Builder.of(type, values).build();
        runtime.sampleSequenceLength(tokens, context);
        runtime.sampleEmbeddingLatency((System.nanoTime() - start) / 1_000_000.0, context);
        return tensor;
    }

    private static Tensor packedBits(TensorType type, float[] values, int dimensions) {
        byte[] bits = SignBits.pack(values, dimensions);
        float[] cells = new float[bits.length];
        for (int i = 0; i < bits.length; i++) cells[i] = bits[i];
        return IndexedTensor.Builder.of(type, cells).build();
    }

    /** What a destination tensor type asks of the model. */
    private record Destination(int size, int modelDimensions, boolean binarized) {

        static Destination of(TensorType type, int available, Context context) {
            if (type.rank() != 1 || ! type.dimensions().get(0).isIndexed() || type.dimensions().get(0).size().isEmpty())
                throw new IllegalArgumentException(prefix(context) + "needs a tensor with one indexed dimension of known size, " +
                                                   "got " + type);
            int size = type.dimensions().get(0).size().get().intValue();
            boolean binarized = type.valueType() == TensorType.Value.INT8;
            int needed = binarized ? size * 8 : size;
            if (needed > available)
                throw new IllegalArgumentException(prefix(context) + type + " needs " + needed + " dimensions" +
                                                   (binarized ? " (8 bits per int8 cell)" : "") + " but the model has " +
                                                   available);
            return new Destination(size, needed, binarized);
        }

        private static String prefix(Context context) {
            return "Static embedder '" + context.getEmbedderId() + "' for " + context.getDestination() + ": ";
        }
    }
}
