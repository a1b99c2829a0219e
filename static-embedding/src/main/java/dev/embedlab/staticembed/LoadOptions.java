package dev.embedlab.staticembed;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Overrides of a model's own inference defaults; empty means "as the model's format says".
 * Immutable: each {@code with*} returns a copy.
 */
public final class LoadOptions {

    private static final LoadOptions DEFAULTS = new LoadOptions(null, 0);

    private final Boolean normalize;
    private final int maxTokens; // 0 = model default

    private LoadOptions(Boolean normalize, int maxTokens) {
        this.normalize = normalize;
        this.maxTokens = maxTokens;
    }

    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    /** Normalize (or not) whatever the model's config says. */
    public LoadOptions withNormalize(boolean normalize) {
        return new LoadOptions(normalize, maxTokens);
    }

    /** Pool at most {@code maxTokens} ids (Model2Vec's {@code max_length}); also bounds the text cut. */
    public LoadOptions withMaxTokens(int maxTokens) {
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        return new LoadOptions(normalize, maxTokens);
    }

    public Optional<Boolean> normalize() {
        return Optional.ofNullable(normalize);
    }

    public OptionalInt maxTokens() {
        return maxTokens == 0 ? OptionalInt.empty() : OptionalInt.of(maxTokens);
    }

    @Override
    public String toString() {
        return "LoadOptions{normalize=" + (normalize == null ? "model default" : normalize)
               + ", maxTokens=" + (maxTokens == 0 ? "model default" : maxTokens) + "}";
    }
}
