package dev.embedlab.staticembed;

/**
 * How token ids become one vector, fixed at load time.
 *
 * @param dropUnknown   skip the tokenizer's unknown-token id (Model2Vec), or average it in (sentence-transformers)
 * @param maxTokens     pool at most this many ids (after unknowns are dropped); {@link Integer#MAX_VALUE} for no cap
 * @param maxCodePoints cut the text to this many code points before tokenizing, as Model2Vec does to bound
 *                      tokenizer work; {@link Integer#MAX_VALUE} for no cut
 * @param normalize     L2-normalize the (truncated) mean
 */
public record PoolingRules(boolean dropUnknown, int maxTokens, int maxCodePoints, boolean normalize) {

    public PoolingRules {
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
        if (maxCodePoints < 1) throw new IllegalArgumentException("maxCodePoints must be positive, got " + maxCodePoints);
    }
}
