package dev.embedlab.lab;

import java.util.Optional;

/**
 * An embedder the lab can measure: text in, a vector of {@link #dimensions()} floats out, for a document or a
 * query (the prefix, if any, depends on which). Implementations are safe for concurrent use and normalize
 * their output, so a dot product is the cosine.
 */
public interface LabEmbedder extends AutoCloseable {

    /** The name in the table, e.g. e5-int8. */
    String name();

    int dimensions();

    /** Bytes on disk of the model weights (the ONNX file or model.safetensors; tokenizer files not counted). */
    long modelBytes();

    /** Identifies model files and inference settings: two embedders with the same key give the same vectors. */
    String cacheKey();

    /**
     * Where vectors this embedder would compute bit for bit can be found: the cache of the same model and settings
     * with another token limit, for texts neither limit cut. Empty when there is no such cache.
     */
    default Optional<SameInputVectors> sameInputVectors() {
        return Optional.empty();
    }

    /**
     * The cache of the same model under another token limit. A text it saw as fewer than {@code sourceMaxTokens}
     * tokens was not truncated there, so its count is the whole text's; when that count is at most
     * {@code maxTokens} this embedder feeds the model the same tokens and gets the same vector. Both are the limits
     * the tokenizer applies (prefix and special tokens included).
     */
    record SameInputVectors(String cacheKey, int sourceMaxTokens, int maxTokens) {
        public boolean reusable(int sourceTokens) {
            return sourceTokens < sourceMaxTokens && sourceTokens <= maxTokens;
        }
    }

    /** One line for the report: files and settings. */
    String describe();

    /** Embeds {@code text} into {@code out[offset, offset + dimensions())}. */
    void embed(String text, boolean query, float[] out, int offset);

    /** The number of tokens the model sees for {@code text} (after prefix, special tokens and truncation). */
    int countTokens(String text, boolean query);

    /**
     * {@link #embed} and {@link #countTokens} in one call. Embedders that learn the count while embedding override
     * this so the text is tokenized once.
     */
    default int embedCountingTokens(String text, boolean query, float[] out, int offset) {
        embed(text, query, out, offset);
        return countTokens(text, query);
    }

    @Override
    default void close() {
    }
}
