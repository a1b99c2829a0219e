package dev.embedlab.staticembed;

/**
 * The decoded float32 table a model pools from, with the vocabulary-quantization indirection when the
 * model has one. Instances are validated by the loader: every token id below {@link #vocabularySize()}
 * maps to a row inside the table, so pooling needs no range checks of its own.
 */
public final class EmbeddingTable {

    final float[] values;       // rows * dims, row-major
    final int rows;
    final int dims;
    final int[] rowOfToken;     // null: row == token id
    final float[] tokenWeight;  // null: no per-token weight (weights without a mapping are baked into the rows)
    private final int vocabularySize;

    private EmbeddingTable(float[] values, int rows, int dims, int[] rowOfToken, float[] tokenWeight, int vocabularySize) {
        this.values = values;
        this.rows = rows;
        this.dims = dims;
        this.rowOfToken = rowOfToken;
        this.tokenWeight = tokenWeight;
        this.vocabularySize = vocabularySize;
    }

    /** A table with one row per token id; {@code weights} (may be null) is multiplied into the rows now. */
    public static EmbeddingTable direct(float[] values, int rows, int dims, float[] weights) {
        checkShape(values, rows, dims);
        if (weights != null) {
            if (weights.length != rows)
                throw new IllegalArgumentException(weights.length + " weights for " + rows + " rows");
            for (int row = 0; row < rows; row++) {
                float weight = weights[row];
                for (int d = 0, at = row * dims; d < dims; d++) values[at + d] *= weight;
            }
        }
        return new EmbeddingTable(values, rows, dims, null, null, rows);
    }

    /** A vocabulary-quantized table: token id t uses row {@code mapping[t]} scaled by {@code weights[t]} (may be null). */
    public static EmbeddingTable quantized(float[] values, int rows, int dims, int[] mapping, float[] weights) {
        checkShape(values, rows, dims);
        if (weights != null && weights.length != mapping.length)
            throw new IllegalArgumentException(weights.length + " weights for " + mapping.length + " mapped tokens");
        for (int token = 0; token < mapping.length; token++)
            if (mapping[token] < 0 || mapping[token] >= rows)
                throw new IllegalArgumentException("token " + token + " maps to row " + mapping[token] + ", outside [0, " + rows + ")");
        return new EmbeddingTable(values, rows, dims, mapping, weights, mapping.length);
    }

    private static void checkShape(float[] values, int rows, int dims) {
        if (rows < 1 || dims < 1 || (long) rows * dims != values.length)
            throw new IllegalArgumentException(values.length + " values do not make a " + rows + " x " + dims + " table");
    }

    public int rows() {
        return rows;
    }

    public int dimensions() {
        return dims;
    }

    /** Token ids this table answers for: [0, vocabularySize). */
    public int vocabularySize() {
        return vocabularySize;
    }

    public boolean isVocabularyQuantized() {
        return rowOfToken != null;
    }

    /** Heap bytes held by the decoded table and its indirections. */
    public long bytes() {
        long bytes = 4L * values.length;
        if (rowOfToken != null) bytes += 4L * rowOfToken.length;
        if (tokenWeight != null) bytes += 4L * tokenWeight.length;
        return bytes;
    }

    /** Copies the (weighted) vector of {@code tokenId} into {@code out}: for tests and tools, not the hot path. */
    public void vector(int tokenId, float[] out) {
        int row = rowOfToken == null ? tokenId : rowOfToken[tokenId];
        float weight = tokenWeight == null ? 1f : tokenWeight[tokenId];
        for (int d = 0; d < dims; d++) out[d] = values[row * dims + d] * weight;
    }
}
