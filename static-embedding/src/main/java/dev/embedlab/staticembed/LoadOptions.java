package dev.embedlab.staticembed;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Overrides of a model's own inference defaults; empty means "as the model's format says".
 * Immutable: each {@code with*} returns a copy.
 */
public final class LoadOptions {

    private static final LoadOptions DEFAULTS = new LoadOptions(null, 0, 0);

    private final Boolean normalize;
    private final int maxTokens;  // 0 = model default
    private final int dimensions; // 0 = all

    private LoadOptions(Boolean normalize, int maxTokens, int dimensions) {
        this.normalize = normalize;
        this.maxTokens = maxTokens;
        this.dimensions = dimensions;
    }

    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    /** Normalize (or not) whatever the model's config says. */
    public LoadOptions withNormalize(boolean normalize) {
        return new LoadOptions(normalize, maxTokens, dimensions);
    }

    /**
     * Keep only the first {@code dimensions} columns of the table (Model2Vec's {@code dimensionality},
     * sentence-transformers' {@code truncate_dim}): meaningful for Matryoshka- or PCA-ordered models, and
     * the other columns never take memory. Vectors are then {@code dimensions} wide and normalized as such.
     */
    public LoadOptions withDimensions(int dimensions) {
        if (dimensions < 1) throw new IllegalArgumentException("dimensions must be positive, got " + dimensions);
        return new LoadOptions(normalize, maxTokens, dimensions);
    }

    /** Pool at most {@code maxTokens} ids (Model2Vec's {@code max_length}); also bounds the text cut. */
    public LoadOptions withMaxTokens(int maxTokens) {
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        return new LoadOptions(normalize, maxTokens, dimensions);
    }

    public Optional<Boolean> normalize() {
        return Optional.ofNullable(normalize);
    }

    public OptionalInt maxTokens() {
        return maxTokens == 0 ? OptionalInt.empty() : OptionalInt.of(maxTokens);
    }

    public OptionalInt dimensions() {
        return dimensions == 0 ? OptionalInt.empty() : OptionalInt.of(dimensions);
    }

    @Override
    public String toString() {
        return "LoadOptions{normalize=" + (normalize == null ? "model default" : normalize)
               + ", maxTokens=" + (maxTokens == 0 ? "model default" : maxTokens)
               + ", dimensions=" + (dimensions == 0 ? "all" : dimensions) + "}";
    }
}
