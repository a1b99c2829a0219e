package dev.embedlab.lab;

import dev.embedlab.staticembed.LoadOptions;
import dev.embedlab.staticembed.ModelFolder;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.staticembed.tokenizer.TokenIds;
import dev.embedlab.staticembed.tokenizer.Tokenizers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A static (Model2Vec / sentence-transformers StaticEmbedding) model through the project's static runtime.
 * Static models are trained without prefixes, so none is added; output is always L2-normalized (the model's
 * own flag is overridden) so that exact search is cosine like the ONNX rows. {@code dims} below the model width
 * keeps the first dims (Matryoshka truncation, then normalization).
 */
public final class StaticLabEmbedder implements LabEmbedder {

    private final String name;
    private final StaticEmbeddingModel model;
    private final ModelFolder files;
    private final int dimensions;
    private final String cacheKey;
    private final ThreadLocal<float[]> scratch;
    private final ThreadLocal<TokenIds> ids = ThreadLocal.withInitial(() -> new TokenIds(256));

    public StaticLabEmbedder(String name, Path folder, int dims) throws IOException {
        this.name = name;
        this.files = ModelFolder.locate(folder);
        this.model = StaticModelLoader.load(folder, LoadOptions.defaults().withNormalize(true), Tokenizers::fromTokenizerJson);
        if (dims > model.dimensions()) {
            throw new IllegalArgumentException(folder + ": --static-dims " + dims + " exceeds the model's "
                    + model.dimensions() + " dimensions");
        }
        this.dimensions = dims > 0 ? dims : model.dimensions();
        this.scratch = ThreadLocal.withInitial(() -> new float[dimensions]);
        this.cacheKey = FileDigests.sha256(List.of(files.safetensors(), files.tokenizer()), "static",
                model.rules().toString(), Integer.toString(dimensions));
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
            return Files.size(files.safetensors());
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public String cacheKey() {
        return cacheKey;
    }

    @Override
    public String describe() {
        return name + ": " + model + ", using " + dimensions + " dims, no prefix, normalized";
    }

    @Override
    public void embed(String text, boolean query, float[] out, int offset) {
        model.embed(text, out, offset, dimensions, ids.get());
    }

    @Override
    public int countTokens(String text, boolean query) {
        return model.embed(text, scratch.get(), 0, dimensions, ids.get());
    }

    @Override
    public int embedCountingTokens(String text, boolean query, float[] out, int offset) {
        return model.embed(text, out, offset, dimensions, ids.get()); // pooling returns the token count
    }
}
