package dev.embedlab.bench.embedders;

import ai.vespa.embedding.HuggingFaceEmbedder;
import com.yahoo.language.huggingface.HuggingFaceTokenizer;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.TensorType;
import dev.embedlab.bench.BenchmarkFiles;
import dev.embedlab.bench.E5Embedder;
import dev.embedlab.staticembed.LoadOptions;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.staticembed.tokenizer.TokenIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One embedder under test, embedding one text at a time into its caller's buffer, as a query or as a document.
 * All of them produce what the application stores: e5 384 dims (the model's), static 256 dims, the aligned query
 * encoder 384 (e5's), normalized.
 */
public interface BenchmarkedEmbedder extends AutoCloseable {

    int STATIC_DIMENSIONS = 256;

    /** Embeds one text; returns something derived from the result so the JIT cannot drop the work. */
    float embed(String text, boolean asQuery);

    @Override
    default void close() { }

    static BenchmarkedEmbedder create(String name) {
        return switch (name) {
            case "static-java" -> new StaticJava(loadStatic("e5-small-v2-m2v-256", "mvn -pl distilled-model -am install"), STATIC_DIMENSIONS);
            case "static-aligned" -> aligned(loadStatic("e5-int8-aligned", "bin/embedlab align"));
            case "static-component" -> new StaticComponent("e5-small-v2-m2v-256", "static", STATIC_DIMENSIONS);
            case "aligned-component" -> new StaticComponent("e5-int8-aligned", "e5_fast", 384);
            case "static-djl" -> new StaticDjl(loadStatic("e5-small-v2-m2v-256", "mvn -pl distilled-model -am install"));
            case "e5-int8" -> new VespaHuggingFace("e5-small-v2-q.onnx");
            case "e5-int8-max256" -> new VespaHuggingFace("e5-small-v2-q.onnx", 256);
            case "e5-int8-max128" -> new VespaHuggingFace("e5-small-v2-q.onnx", 128);
            case "e5-fp32" -> new VespaHuggingFace("e5-small-v2.onnx");
            default -> throw new IllegalArgumentException("Unknown embedder '" + name + "'");
        };
    }

    private static StaticJava aligned(StaticEmbeddingModel model) {
        return new StaticJava(model, model.dimensions());
    }

    private static StaticEmbeddingModel loadStatic(String folder, String howToMakeIt) {
        Path model = BenchmarkFiles.projectRoot().resolve("models").resolve(folder);
        try {
            return StaticModelLoader.loadFiles(model.resolve("model.safetensors"), model.resolve("tokenizer.json"),
                                               LoadOptions.defaults().withNormalize(true));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load " + model + " (make it: " + howToMakeIt + ")", e);
        }
    }

    /**
     * Our static embedder with the pure-Java tokenizer: what StaticLookupEmbedder runs. The distilled model at the
     * schema's 256 dimensions; the aligned query encoder (static-aligned) at all 384, e5's.
     */
    final class StaticJava implements BenchmarkedEmbedder {
        private final StaticEmbeddingModel model;
        private final int dims;
        private final ThreadLocal<float[]> out;

        StaticJava(StaticEmbeddingModel model, int dims) {
            this.model = model;
            this.dims = dims;
            this.out = ThreadLocal.withInitial(() -> new float[dims]);
        }

        @Override
        public float embed(String text, boolean asQuery) {
            float[] vector = out.get();
            model.embed(text, vector, dims);
            return vector[0];
        }
    }

    /** The same pooling with DJL's tokenizer (the Rust library over JNI), as Vespa's HuggingFaceTokenizer runs it. */
    final class StaticDjl implements BenchmarkedEmbedder {
        private final StaticEmbeddingModel model;
        private final HuggingFaceTokenizer tokenizer;
        private final ThreadLocal<float[]> out = ThreadLocal.withInitial(() -> new float[STATIC_DIMENSIONS]);
        private final ThreadLocal<TokenIds> ids = ThreadLocal.withInitial(() -> new TokenIds(512));

        StaticDjl(StaticEmbeddingModel model) {
            this.model = model;
            Path tokenizerJson = BenchmarkFiles.projectRoot().resolve("models/e5-small-v2-m2v-256/tokenizer.json");
            this.tokenizer = new HuggingFaceTokenizer.Builder().addDefaultModel(tokenizerJson).addSpecialTokens(false)
                                                               .setTruncation(false).setPadding(false).build();
        }

        @Override
        public float embed(String text, boolean asQuery) {
            TokenIds tokenIds = ids.get();
            tokenIds.clear();
            for (long id : tokenizer.encode(text).ids()) tokenIds.add((int) id);
            float[] vector = out.get();
            model.pool(tokenIds, vector, 0, STATIC_DIMENSIONS);
            return vector[0];
        }

        @Override
        public void close() { tokenizer.close(); }
    }

    /**
     * {@code StaticLookupEmbedder.embed(text, context, type)} itself, as the container calls it: destination parsing,
     * the tensor built for a {@code tensor<float>(x[N])} destination, metrics, on top of the runtime's pooling.
     */
    final class StaticComponent implements BenchmarkedEmbedder {
        private final dev.embedlab.vespa.StaticLookupEmbedder embedder;
        private final TensorType type;
        private final String queryDestination;
        private final String documentDestination;

        StaticComponent(String folder, String field, int dims) {
            Path model = BenchmarkFiles.projectRoot().resolve("models").resolve(folder);
            var config = new dev.embedlab.vespa.StaticLookupEmbedderConfig.Builder()
                    .model(com.yahoo.config.ModelReference.valueOf(model.resolve("model.safetensors").toString()))
                    .tokenizer(com.yahoo.config.ModelReference.valueOf(model.resolve("tokenizer.json").toString()))
                    .normalize(true)
                    .build();
            this.embedder = new dev.embedlab.vespa.StaticLookupEmbedder(config, Embedder.Runtime.testInstance());
            this.type = TensorType.fromSpec("tensor<float>(x[" + dims + "])");
            this.queryDestination = "query(q_" + field + ")";
            this.documentDestination = "passage." + field + "_embedding";
        }

        @Override
        public float embed(String text, boolean asQuery) {
            var context = new Embedder.Context(asQuery ? queryDestination : documentDestination);
            return (float) embedder.embed(text, context, type).get(com.yahoo.tensor.TensorAddress.of(0));
        }
    }

    /** Vespa's own HuggingFaceEmbedder, configured as services.xml configures e5. */
    final class VespaHuggingFace implements BenchmarkedEmbedder {
        private static final TensorType TYPE = TensorType.fromSpec("tensor<float>(x[384])");
        private final HuggingFaceEmbedder embedder;

        VespaHuggingFace(String onnxFile) {
            this(onnxFile, E5Embedder.DEPLOYED_MAX_TOKENS);
        }

        /** With another max-tokens, as the lab's {@code --max-tokens} rows. */
        VespaHuggingFace(String onnxFile, int maxTokens) {
            embedder = E5Embedder.e5SmallV2(onnxFile, maxTokens);
        }

        @Override
        public float embed(String text, boolean asQuery) {
            var context = new Embedder.Context(asQuery ? "query(q_e5)" : "passage.e5_embedding").setEmbedderId("e5");
            return (float) embedder.embed(text, context, TYPE).sum().asDouble();
        }

        @Override
        public void close() { embedder.deconstruct(); }
    }
}
