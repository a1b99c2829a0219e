package dev.embedlab.lab;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.vespa.embedding.HuggingFaceEmbedder;
import ai.vespa.modelintegration.evaluator.OnnxRuntime;
import ai.vespa.modelintegration.evaluator.config.OnnxEvaluatorConfig;
import com.yahoo.config.ModelReference;
import com.yahoo.embedding.huggingface.HuggingFaceEmbedderConfig;
import com.yahoo.language.huggingface.HuggingFaceTokenizer;
import com.yahoo.language.huggingface.ModelInfo;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.IndexedTensor;
import com.yahoo.tensor.Tensor;
import com.yahoo.tensor.TensorType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Vespa's own {@link HuggingFaceEmbedder} in-process, configured with the application package's settings
 * ({@link HuggingFaceSettings}) and given ONNX and tokenizer files. One ONNX session with one intra-op thread is
 * shared by all calling threads (ONNX Runtime sessions are safe for concurrent runs), so parallelism comes from
 * the lab's worker threads, as in a container serving concurrent requests.
 */
public final class OnnxLabEmbedder implements LabEmbedder {

    private static final String QUERY_DESTINATION = "query(q)"; // a query( destination selects the query prefix
    private static final String DOCUMENT_DESTINATION = "passage.e5_embedding";

    private final String name;
    private final Path onnx;
    private final Path tokenizer;
    private final HuggingFaceSettings settings;
    private final int dimensions;
    private final TensorType type;
    private final HuggingFaceEmbedder embedder;
    private final String cacheKey;
    private final SameInputVectors sameInputVectors;
    private final int tokenLimit;
    private final SequenceLengths sequenceLengths = new SequenceLengths();

    public OnnxLabEmbedder(String name, Path onnx, Path tokenizer, HuggingFaceSettings settings) throws IOException {
        this(name, onnx, tokenizer, settings, settings.maxTokens());
    }

    /**
     * @param cachedMaxTokens a token limit under which this model's document vectors may already be cached (the
     *                        deployed one): texts short enough for both limits are taken from there
     */
    public OnnxLabEmbedder(String name, Path onnx, Path tokenizer, HuggingFaceSettings settings, int cachedMaxTokens)
            throws IOException {
        requireFile(onnx, "ONNX model");
        requireFile(tokenizer, "tokenizer.json");
        this.name = name;
        this.onnx = onnx;
        this.tokenizer = tokenizer;
        this.settings = settings;
        this.dimensions = outputDimensions(onnx);
        this.type = TensorType.fromSpec("tensor<float>(x[" + dimensions + "])");
        var config = new HuggingFaceEmbedderConfig.Builder()
                .transformerModel(ModelReference.valueOf(onnx.toAbsolutePath().toString()))
                .tokenizerPath(ModelReference.valueOf(tokenizer.toAbsolutePath().toString()))
                .prependQuery(settings.prependQuery())
                .prependDocument(settings.prependDocument())
                .poolingStrategy(HuggingFaceEmbedderConfig.PoolingStrategy.Enum.valueOf(settings.pooling()))
                .normalize(settings.normalize())
                .transformerMaxTokens(settings.maxTokens())
                .build();
        var onnxConfig = new OnnxEvaluatorConfig.Builder()
                .executionMode(OnnxEvaluatorConfig.ExecutionMode.Enum.sequential)
                .intraOpThreads(1)
                .interOpThreads(1)
                .gpuDevice(-1)
                .build();
        this.embedder = new HuggingFaceEmbedder(OnnxRuntime.testInstance(), sequenceLengths,
                config, onnxConfig, ModelReference::value);
        this.cacheKey = cacheKey(settings);
        ModelInfo tokenizerInfo = HuggingFaceTokenizer.getModelInfo(tokenizer);
        this.tokenLimit = tokenLimit(tokenizerInfo, settings.maxTokens());
        int cachedLimit = tokenLimit(tokenizerInfo, cachedMaxTokens);
        if (cachedMaxTokens == settings.maxTokens()) {
            this.sameInputVectors = null;
        } else if (cachedLimit == tokenLimit) {
            throw new IllegalArgumentException(name + ": " + tokenizer + " cuts texts at " + tokenLimit + " tokens itself ("
                    + tokenizerInfo + "), so max-tokens " + settings.maxTokens() + " gives the same vectors as "
                    + cachedMaxTokens + ": drop this --max-tokens value");
        } else {
            this.sameInputVectors = new SameInputVectors(cacheKey(settings.withMaxTokens(cachedMaxTokens)), cachedLimit, tokenLimit);
        }
    }

    /**
     * The tokens Vespa's HuggingFaceEmbedder (8.700.24, its constructor) lets through for max-tokens {@code maxTokens}:
     * a tokenizer.json with a max_length and LONGEST_FIRST truncation of its own keeps it, and max-tokens is not used;
     * otherwise the tokenizer truncates at max_length when that is positive and not above max-tokens, else at max-tokens.
     * Prefix and special tokens count.
     */
    static int tokenLimit(ModelInfo info, int maxTokens) {
        if (info.maxLength() == -1 || info.truncation() != ModelInfo.TruncationStrategy.LONGEST_FIRST) {
            return info.maxLength() > 0 && info.maxLength() <= maxTokens ? info.maxLength() : maxTokens;
        }
        return info.maxLength();
    }

    private String cacheKey(HuggingFaceSettings s) throws IOException {
        return FileDigests.sha256(List.of(onnx, tokenizer), "hugging-face-embedder", s.prependQuery(),
                s.prependDocument(), s.pooling(), Boolean.toString(s.normalize()),
                Integer.toString(s.maxTokens()), Integer.toString(dimensions));
    }

    static void requireFile(Path file, String what) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, what + " not found");
    }

    /** The last dimension of the model's first output (last_hidden_state [batch, tokens, hidden]). */
    private static int outputDimensions(Path onnx) throws IOException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = environment.createSession(onnx.toString(), options)) {
            for (NodeInfo output : session.getOutputInfo().values()) {
                if (output.getInfo() instanceof TensorInfo info) {
                    long[] shape = info.getShape();
                    long last = shape[shape.length - 1];
                    if (last > 0) return (int) last;
                }
            }
            throw new IOException(onnx + ": cannot tell the embedding size from the model outputs " + session.getOutputInfo());
        } catch (OrtException e) {
            throw new IOException(onnx + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
    }

    /** The tokenizer.json the model was loaded with. */
    public Path tokenizerFile() {
        return tokenizer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public long modelBytes() {
        try {
            return Files.size(onnx);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String cacheKey() {
        return cacheKey;
    }

    @Override
    public Optional<SameInputVectors> sameInputVectors() {
        return Optional.ofNullable(sameInputVectors);
    }

    @Override
    public String describe() {
        String limit = tokenLimit == settings.maxTokens() ? "" : "; the tokenizer cuts at " + tokenLimit + " tokens";
        return name + ": Vespa HuggingFaceEmbedder, " + onnx + " + " + tokenizer + ", " + dimensions + " dims; "
                + settings.describe() + limit;
    }

    @Override
    public void embed(String text, boolean query, float[] out, int offset) {
        Tensor tensor = embedder.embed(text, context(query), type);
        IndexedTensor values = (IndexedTensor) tensor;
        for (int i = 0; i < dimensions; i++) out[offset + i] = values.getFloat(i);
    }

    /** One tokenization: the count is the sequence length the embedder samples while embedding. */
    @Override
    public int embedCountingTokens(String text, boolean query, float[] out, int offset) {
        sequenceLengths.reset();
        embed(text, query, out, offset);
        long length = sequenceLengths.last();
        if (length < 0) throw new IllegalStateException("Vespa's HuggingFaceEmbedder sampled no sequence length for '" + text + "'");
        return (int) length;
    }

    @Override
    public int countTokens(String text, boolean query) {
        // Embedder.embed(text, context) tokenizes with the special tokens but without the prefix, which the
        // tensor path prepends: add it here so the count is what the model sees.
        // The token ids come from the same truncating tokenizer as the vectors, so the count is already cut.
        String prefixed = (query ? settings.prependQuery() : settings.prependDocument()) + text;
        return embedder.embed(prefixed, context(query)).size();
    }

    private static Embedder.Context context(boolean query) {
        return new Embedder.Context(query ? QUERY_DESTINATION : DOCUMENT_DESTINATION);
    }

    @Override
    public void close() {
        embedder.deconstruct();
    }
}
