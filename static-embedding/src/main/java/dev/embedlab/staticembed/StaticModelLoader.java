package dev.embedlab.staticembed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedlab.staticembed.tokenizer.Tokenizer;
import dev.embedlab.staticembed.tokenizer.Tokenizers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a static model folder (see {@link ModelFolder} for the layouts) into a {@link StaticEmbeddingModel}.
 *
 * <p>The table tensor's name picks the inference rules ({@link ModelFormat}); every size is checked
 * against the tokenizer before anything is pooled, and every failure names the file. The table is
 * decoded to float32 once, at load: pooling then reads plain floats whatever the stored dtype
 * (int8 tables carry no scale, so their integers are used as the floats, as model2vec-rs does;
 * normalization makes the missing common scale irrelevant).
 *
 * <p>Normalization default: an explicit {@link LoadOptions#withNormalize} wins. Otherwise Model2Vec
 * models use {@code config.json}'s {@code normalize}; if the key is absent, a Normalize module in
 * modules.json means true, and otherwise false, as Python model2vec's {@code config.get("normalize",
 * False)} (the reference our parity tests follow; model2vec-rs defaults to true instead). Every
 * distilled Model2Vec model writes {@code normalize: true}, so the fallback rarely matters.
 * sentence-transformers models normalize only with a Normalize module; a boolean {@code normalize} in
 * config_sentence_transformers.json (a model2vec-rs fixture convention, not sentence-transformers') is
 * honoured when there is no modules.json.
 */
public final class StaticModelLoader {

    /** Model2Vec's {@code encode(max_length=512)} default. */
    public static final int MODEL2VEC_MAX_TOKENS = 512;

    private static final Set<DType> TABLE_TYPES = EnumSet.of(DType.F32, DType.F16, DType.BF16, DType.I8, DType.F64);
    private static final Set<DType> WEIGHT_TYPES = EnumSet.of(DType.F64, DType.F32, DType.F16);
    private static final Set<DType> MAPPING_TYPES = EnumSet.of(DType.I32, DType.I64);

    private StaticModelLoader() {
    }

    /** Loads a model folder with its own defaults and the pure-Java tokenizer. */
    public static StaticEmbeddingModel load(Path folder) throws IOException {
        return load(folder, LoadOptions.defaults());
    }

    /** Loads a model folder with the pure-Java tokenizer. */
    public static StaticEmbeddingModel load(Path folder, LoadOptions options) throws IOException {
        return load(folder, options, Tokenizers::fromTokenizerJson);
    }

    public static StaticEmbeddingModel load(Path folder, LoadOptions options, TokenizerReader tokenizers) throws IOException {
        return load(ModelFolder.locate(folder), options, tokenizers);
    }

    /**
     * Loads a model given as its two files, wherever they are (Vespa distributes each file of an application
     * package on its own). Without config.json or modules.json the format's defaults apply unless
     * {@code options} say otherwise.
     */
    public static StaticEmbeddingModel loadFiles(Path safetensors, Path tokenizerJson, LoadOptions options) throws IOException {
        ModelFolder files = new ModelFolder(safetensors.toAbsolutePath().getParent(), safetensors, tokenizerJson,
                                            Optional.empty(), Optional.empty(), false);
        return load(files, options, Tokenizers::fromTokenizerJson);
    }

    public static StaticEmbeddingModel load(ModelFolder files, LoadOptions options, TokenizerReader tokenizers) throws IOException {
        Path folder = files.root();
        SafeTensors tensors = SafeTensors.open(files.safetensors());
        ModelFormat format = detectFormat(tensors, files);
        TensorInfo tableInfo = tensors.require(format.tableTensor());
        tensors.requireKind(tableInfo, TABLE_TYPES, 2);
        int rows = positiveInt(tensors, tableInfo, 0);
        int dims = positiveInt(tensors, tableInfo, 1);

        Tokenizer tokenizer = readTokenizer(files.tokenizer(), tokenizers);
        int vocabulary = tokenizer.vocabularySize();

        Optional<TensorInfo> mappingInfo = format == ModelFormat.MODEL2VEC ? tensors.tensor("mapping") : Optional.empty();
        Optional<TensorInfo> weightsInfo = format == ModelFormat.MODEL2VEC ? tensors.tensor("weights") : Optional.empty();
        if (mappingInfo.isPresent()) checkPerToken(tensors, mappingInfo.get(), MAPPING_TYPES, vocabulary, files.tokenizer());
        if (weightsInfo.isPresent()) checkPerToken(tensors, weightsInfo.get(), WEIGHT_TYPES, vocabulary, files.tokenizer());
        if (mappingInfo.isEmpty() && rows != vocabulary)
            throw new InvalidModelException(files.safetensors(), "tensor '" + tableInfo.name() + "' has " + rows + " rows but "
                                                                 + files.tokenizer() + " has " + vocabulary + " tokens");

        int kept = options.dimensions().orElse(dims);
        if (kept > dims)
            throw new IllegalArgumentException(files.safetensors() + ": tensor '" + tableInfo.name() + "' has " + dims
                                               + " dimensions, fewer than the " + kept + " asked for");
        // Sizes are validated: this allocates at most what the file holds (4x for int8), and only the kept columns.
        float[][] table = tensors.readRows(tableInfo, kept);
        float[] weights = weightsInfo.isPresent() ? tensors.readFloats(weightsInfo.get()) : null;
        EmbeddingTable embeddings;
        if (mappingInfo.isPresent()) {
            int[] mapping = tensors.readInts(mappingInfo.get());
            for (int token = 0; token < mapping.length; token++)
                if (mapping[token] < 0 || mapping[token] >= rows)
                    throw new InvalidModelException(files.safetensors(), "tensor 'mapping' sends token " + token + " to row "
                                                                         + mapping[token] + ", outside the " + rows + " rows of '"
                                                                         + tableInfo.name() + "'");
            embeddings = EmbeddingTable.quantized(table, mapping, weights);
        }
        else {
            embeddings = EmbeddingTable.direct(table, weights);
        }
        PoolingRules rules = rules(format, files, options, tokenizer);
        return new StaticEmbeddingModel(tokenizer, embeddings, rules, format, folder.toString());
    }

    private static ModelFormat detectFormat(SafeTensors tensors, ModelFolder files) throws InvalidModelException {
        boolean model2vec = tensors.tensor(ModelFormat.MODEL2VEC.tableTensor()).isPresent();
        boolean sentenceTransformers = tensors.tensor(ModelFormat.SENTENCE_TRANSFORMERS.tableTensor()).isPresent();
        if (model2vec && sentenceTransformers) { // both names: let Model2Vec's own config decide
            boolean declared = files.config().map(c -> "model2vec".equals(c.path("model_type").asText())).orElse(false);
            return declared ? ModelFormat.MODEL2VEC : ModelFormat.SENTENCE_TRANSFORMERS;
        }
        if (model2vec) return ModelFormat.MODEL2VEC;
        if (sentenceTransformers) return ModelFormat.SENTENCE_TRANSFORMERS;
        throw new InvalidModelException(tensors.file(), "missing tensor '" + ModelFormat.MODEL2VEC.tableTensor() + "' (Model2Vec) or '"
                                                        + ModelFormat.SENTENCE_TRANSFORMERS.tableTensor()
                                                        + "' (sentence-transformers); tensors present: " + tensors.tensors().keySet());
    }

    private static int positiveInt(SafeTensors tensors, TensorInfo info, int dimension) throws InvalidModelException {
        long size = info.dimension(dimension);
        if (size < 1 || size > Integer.MAX_VALUE)
            throw new InvalidModelException(tensors.file(), "tensor '" + info.name() + "' has shape " + info.shapeString()
                                                            + ": dimension " + dimension + " must be in [1, 2^31)");
        return (int) size;
    }

    private static void checkPerToken(SafeTensors tensors, TensorInfo info, Set<DType> types, int vocabulary, Path tokenizerFile)
            throws InvalidModelException {
        tensors.requireKind(info, types, 1);
        if (info.dimension(0) != vocabulary)
            throw new InvalidModelException(tensors.file(), "tensor '" + info.name() + "' has " + info.dimension(0)
                                                            + " entries but " + tokenizerFile + " has " + vocabulary + " tokens");
    }

    private static Tokenizer readTokenizer(Path file, TokenizerReader tokenizers) throws IOException {
        try {
            return tokenizers.read(file);
        }
        catch (InvalidModelException e) {
            if (e.getMessage().startsWith(file.toString())) throw e;
            throw new InvalidModelException(file, "cannot use this tokenizer: " + e.getMessage(), e);
        }
        catch (IOException | RuntimeException e) { // whatever the tokenizer says, the message names the file (once)
            String message = String.valueOf(e.getMessage());
            if (message.startsWith(file + ": ")) message = message.substring(file.toString().length() + 2);
            throw new InvalidModelException(file, "cannot use this tokenizer: " + message, e);
        }
    }

    static PoolingRules rules(ModelFormat format, ModelFolder files, LoadOptions options, Tokenizer tokenizer) {
        if (format == ModelFormat.MODEL2VEC) {
            int maxTokens = options.maxTokens().orElse(MODEL2VEC_MAX_TOKENS);
            long maxCodePoints = (long) maxTokens * medianTokenLength(tokenizer);
            boolean normalize = options.normalize().orElseGet(() -> {
                JsonNode configured = files.config().map(c -> c.get("normalize")).orElse(null);
                return configured != null && configured.isBoolean() ? configured.booleanValue() : files.normalizeModule();
            });
            return new PoolingRules(true, maxTokens, (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxCodePoints)), normalize);
        }
        int maxTokens = options.maxTokens().orElse(Integer.MAX_VALUE);
        boolean normalize = options.normalize().orElseGet(() -> {
            if (files.normalizeModule()) return true;
            JsonNode configured = files.stConfig().map(c -> c.get("normalize")).orElse(null);
            return configured != null && configured.isBoolean() && configured.booleanValue();
        });
        return new PoolingRules(false, maxTokens, Integer.MAX_VALUE, normalize);
    }

    /**
     * Model2Vec's {@code int(np.median([len(token) for token in vocabulary]))}: lengths in code points,
     * the mean of the two middle values for an even count, truncated.
     */
    static int medianTokenLength(Tokenizer tokenizer) {
        int size = tokenizer.vocabularySize();
        int[] lengths = new int[size];
        int count = 0;
        for (int id = 0; id < size; id++) {
            String token = tokenizer.token(id);
            if (token != null) lengths[count++] = token.codePointCount(0, token.length());
        }
        if (count == 0) return 1;
        Arrays.sort(lengths, 0, count);
        double median = count % 2 == 1 ? lengths[count / 2] : (lengths[count / 2 - 1] + lengths[count / 2]) / 2.0;
        return (int) median;
    }
}
