package dev.embedlab.staticembed;

/**
 * The decoded float32 table a model pools from, with the vocabulary-quantization indirection when the
 * model has one. Instances are validated when built: every token id below {@link #vocabularySize()}
 * maps to a row inside the table, so pooling needs no range checks of its own.
 *
 * <p>Rows are separate arrays, not one flat array: HotSpot's auto-vectorizer (Java 17) only vectorizes
 * {@code acc[d] += row[d]} when both sides use the same index, and {@code acc[d] += flat[base + d]}
 * stays scalar (measured: about 5x slower for 256 dimensions).
 */
public final class EmbeddingTable {

    final float[][] rows;       // rows[r] has dims entries
    final int dims;
    final int[] rowOfToken;     // null: row == token id
    final float[] tokenWeight;  // null: no per-token weight (weights without a mapping are baked into the rows)
    private final int vocabularySize;

    private EmbeddingTable(float[][] rows, int dims, int[] rowOfToken, float[] tokenWeight, int vocabularySize) {
        this.rows = rows;
        this.dims = dims;
        this.rowOfToken = rowOfToken;
        this.tokenWeight = tokenWeight;
        this.vocabularySize = vocabularySize;
    }

    /** A table with one row per token id; {@code weights} (may be null) is multiplied into the rows now. */
    public static EmbeddingTable direct(float[][] rows, float[] weights) {
        int dims = checkRows(rows);
        if (weights != null) {
            if (weights.length != rows.length)
                throw new IllegalArgumentException(weights.length + " weights for " + rows.length + " rows");
            for (int r = 0; r < rows.length; r++) {
                float weight = weights[r];
                float[] row = rows[r];
                for (int d = 0; d < dims; d++) row[d] *= weight;
            }
        }
        return new EmbeddingTable(rows, dims, null, null, rows.length);
    }

    /** A vocabulary-quantized table: token id t uses row {@code mapping[t]} scaled by {@code weights[t]} (may be null). */
    public static EmbeddingTable quantized(float[][] rows, int[] mapping, float[] weights) {
        int dims = checkRows(rows);
        if (weights != null && weights.length != mapping.length)
            throw new IllegalArgumentException(weights.length + " weights for " + mapping.length + " mapped tokens");
        for (int token = 0; token < mapping.length; token++)
            if (mapping[token] < 0 || mapping[token] >= rows.length)
                throw new IllegalArgumentException("token " + token + " maps to row " + mapping[token] + ", outside [0, " + rows.length + ")");
        return new EmbeddingTable(rows, dims, mapping, weights, mapping.length);
    }

    /** Splits a row-major {@code rowCount x dims} array into rows. */
    public static float[][] rowsOf(float[] values, int rowCount, int dims) {
        if (rowCount < 1 || dims < 1 || (long) rowCount * dims != values.length)
            throw new IllegalArgumentException(values.length + " values do not make a " + rowCount + " x " + dims + " table");
        float[][] rows = new float[rowCount][];
        for (int r = 0; r < rowCount; r++) rows[r] = java.util.Arrays.copyOfRange(values, r * dims, (r + 1) * dims);
        return rows;
    }

    private static int checkRows(float[][] rows) {
        if (rows.length < 1 || rows[0] == null || rows[0].length < 1) throw new IllegalArgumentException("an empty table");
        int dims = rows[0].length;
        for (int r = 0; r < rows.length; r++)
            if (rows[r] == null || rows[r].length != dims)
                throw new IllegalArgumentException("row " + r + " does not have " + dims + " values");
        return dims;
    }

    public int rows() {
        return rows.length;
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

    /** Bytes of the decoded floats and the indirections (Java's 16-byte array headers not counted). */
    public long bytes() {
        long bytes = 4L * rows.length * dims;
        if (rowOfToken != null) bytes += 4L * rowOfToken.length;
        if (tokenWeight != null) bytes += 4L * tokenWeight.length;
        return bytes;
    }

    /** Copies the (weighted) vector of {@code tokenId} into {@code out}: for tests and tools, not the hot path. */
    public void vector(int tokenId, float[] out) {
        float[] row = rows[rowOfToken == null ? tokenId : rowOfToken[tokenId]];
        float weight = tokenWeight == null ? 1f : tokenWeight[tokenId];
        for (int d = 0; d < dims; d++) out[d] = row[d] * weight;
    }
}
