package dev.embedlab.staticembed;

import dev.embedlab.staticembed.tokenizer.TokenIds;
import dev.embedlab.staticembed.tokenizer.Tokenizer;

import java.util.Arrays;

/**
 * A loaded static embedding model: tokenize, look up one row per token, average, optionally truncate
 * (Matryoshka) and L2-normalize. Immutable and safe for concurrent use.
 *
 * <p>The hot path ({@link #embed(CharSequence, float[], int, int, TokenIds)}) allocates nothing once
 * the caller's {@link TokenIds} has grown to the longest text: it pools straight into the caller's
 * array, and only the first {@code dims} columns are ever read ("truncate, then normalize", as
 * sentence-transformers' {@code truncate_dim} and Model2Vec's {@code dimensionality} do).
 */
public final class StaticEmbeddingModel {

    private final Tokenizer tokenizer;
    private final EmbeddingTable table;
    private final PoolingRules rules;
    private final ModelFormat format;
    private final String source;
    private final int droppedId; // the unknown id when it is dropped, else -1 (never a token id)
    private final ThreadLocal<TokenIds> scratch = ThreadLocal.withInitial(() -> new TokenIds(256));
    private final ThreadLocal<float[]> accumulator;

    public StaticEmbeddingModel(Tokenizer tokenizer, EmbeddingTable table, PoolingRules rules, ModelFormat format, String source) {
        if (tokenizer.vocabularySize() != table.vocabularySize())
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabularySize() + " ids but the table covers "
                                               + table.vocabularySize());
        this.tokenizer = tokenizer;
        this.table = table;
        this.rules = rules;
        this.format = format;
        this.source = source;
        this.droppedId = rules.dropUnknown() ? tokenizer.unknownTokenId().orElse(-1) : -1;
        this.accumulator = ThreadLocal.withInitial(() -> new float[table.dims]);
    }

    /** Full width of the model's vectors. */
    public int dimensions() {
        return table.dims;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public EmbeddingTable table() {
        return table;
    }

    public PoolingRules rules() {
        return rules;
    }

    public ModelFormat format() {
        return format;
    }

    /** Heap bytes of the decoded table (the tokenizer's own vocabulary structures are not counted). */
    public long tableBytes() {
        return table.bytes();
    }

    /** A new vector of the full width. */
    public float[] embed(CharSequence text) {
        float[] out = new float[table.dims];
        embed(text, out, 0, table.dims);
        return out;
    }

    /** Embeds into {@code out[0, dims)}; returns the number of tokens pooled. Uses a per-thread scratch buffer. */
    public int embed(CharSequence text, float[] out, int dims) {
        return embed(text, out, 0, dims, scratch.get());
    }

    /** Embeds into {@code out[offset, offset + dims)}; returns the number of tokens pooled. */
    public int embed(CharSequence text, float[] out, int offset, int dims) {
        return embed(text, out, offset, dims, scratch.get());
    }

    /**
     * Embeds into {@code out[offset, offset + dims)} using the caller's scratch buffer (cleared here);
     * returns the number of tokens pooled (0 gives the zero vector).
     */
    public int embed(CharSequence text, float[] out, int offset, int dims, TokenIds ids) {
        checkDims(dims);
        ids.clear();
        tokenizer.encode(cutToCodePoints(text, rules.maxCodePoints()), ids);
        return pool(ids, out, offset, dims);
    }

    /**
     * Pools already tokenized ids (as {@link Tokenizer#encode} gives them: unknowns still in) into
     * {@code out[offset, offset + dims)}, applying this model's unknown-token, length and normalization
     * rules. Returns the number of tokens pooled.
     */
    public int pool(TokenIds ids, float[] out, int offset, int dims) {
        checkDims(dims);
        if (offset == 0) return poolFromZero(ids, out, dims);
        float[] accumulator = this.accumulator.get(); // pooling at index 0 is what vectorizes; copy afterwards
        int pooled = poolFromZero(ids, accumulator, dims);
        System.arraycopy(accumulator, 0, out, offset, dims);
        return pooled;
    }

    /** The hot loop: every array indexed by the same {@code d}, so HotSpot vectorizes it. */
    private int poolFromZero(TokenIds ids, float[] out, int dims) {
        Arrays.fill(out, 0, dims, 0f);
        final float[][] rows = table.rows;
        final int[] rowOfToken = table.rowOfToken;
        final float[] tokenWeight = table.tokenWeight;
        final int[] idArray = ids.array();
        final int size = ids.size();
        final int maxTokens = rules.maxTokens();
        final int skip = droppedId;
        int pooled = 0;
        for (int i = 0; i < size && pooled < maxTokens; i++) {
            int id = idArray[i];
            if (id == skip) continue;
            float[] row = rows[rowOfToken == null ? id : rowOfToken[id]];
            if (tokenWeight == null) {
                for (int d = 0; d < dims; d++) out[d] += row[d];
            }
            else {
                float weight = tokenWeight[id];
                for (int d = 0; d < dims; d++) out[d] += row[d] * weight;
            }
            pooled++;
        }
        if (pooled == 0) return 0;
        if (rules.normalize()) normalize(out, dims); // the mean's 1/n would cancel out
        else scale(out, dims, 1f / pooled);
        return pooled;
    }

    private void checkDims(int dims) {
        if (dims < 1 || dims > table.dims)
            throw new IllegalArgumentException("dims must be in [1, " + table.dims + "], got " + dims);
    }

    private static void normalize(float[] v, int dims) {
        // Eight partial sums: a single running sum would be one long chain of dependent adds.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int d = 0;
        for (; d + 8 <= dims; d += 8) {
            s0 += v[d] * v[d];
            s1 += v[d + 1] * v[d + 1];
            s2 += v[d + 2] * v[d + 2];
            s3 += v[d + 3] * v[d + 3];
            s4 += v[d + 4] * v[d + 4];
            s5 += v[d + 5] * v[d + 5];
            s6 += v[d + 6] * v[d + 6];
            s7 += v[d + 7] * v[d + 7];
        }
        for (; d < dims; d++) s0 += v[d] * v[d];
        float sumOfSquares = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        if (sumOfSquares >= 1e-30f && sumOfSquares < Float.POSITIVE_INFINITY) {
            scale(v, dims, (float) (1 / Math.sqrt(sumOfSquares)));
            return;
        }
        double sum = 0; // squares that underflow or overflow a float: redo in double
        for (int i = 0; i < dims; i++) sum += (double) v[i] * v[i];
        if (sum == 0) return;
        double norm = Math.sqrt(sum);
        for (int i = 0; i < dims; i++) v[i] = (float) (v[i] / norm);
    }

    private static void scale(float[] v, int dims, float factor) {
        for (int d = 0; d < dims; d++) v[d] *= factor;
    }

    /** The first {@code maxCodePoints} code points of {@code text} (Python's {@code text[:n]}). */
    static CharSequence cutToCodePoints(CharSequence text, int maxCodePoints) {
        int length = text.length();
        if (length <= maxCodePoints) return text; // a code point is at least one char
        int end = 0;
        for (int points = 0; points < maxCodePoints && end < length; points++) {
            char c = text.charAt(end++);
            if (Character.isHighSurrogate(c) && end < length && Character.isLowSurrogate(text.charAt(end))) end++;
        }
        return end == length ? text : text.subSequence(0, end);
    }

    @Override
    public String toString() {
        return "static model " + source + " (" + format + ", " + table.vocabularySize() + " tokens, " + table.rows() + " x "
               + table.dims + (table.isVocabularyQuantized() ? " vocabulary-quantized" : "") + ", " + rules + ", "
               + table.bytes() / 1024 + " KiB)";
    }
}
