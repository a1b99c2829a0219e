package dev.embedlab.lab.align;

/**
 * The trainable static query encoder: one row per vocabulary id that occurs in the corpus (the others have no row
 * and add nothing), pooled as the runtime pools a Model2Vec model: sum of the rows of the query's tokens,
 * unknown ids skipped, L2-normalized (the mean's 1/n cancels out in the normalization).
 */
final class QueryTable {

    private final int[] rowOfToken;
    private final float[] rows;
    private final int dims;
    private final int unknownId;

    /**
     * @param rowOfToken vocabulary id to row, -1 for ids without a row
     * @param rows       row-major start vectors, one per row
     * @param unknownId  the tokenizer's unknown id (skipped as Model2Vec skips it), or -1
     */
    QueryTable(int[] rowOfToken, float[] rows, int dims, int unknownId) {
        this.rowOfToken = rowOfToken;
        this.rows = rows;
        this.dims = dims;
        this.unknownId = unknownId;
    }

    int dims() {
        return dims;
    }

    int rowCount() {
        return rows.length / dims;
    }

    float[] rows() {
        return rows;
    }

    /** The row of a token id, or -1 when it has none (unknown id, never seen in the corpus). */
    int row(int tokenId) {
        return tokenId == unknownId || tokenId < 0 || tokenId >= rowOfToken.length ? -1 : rowOfToken[tokenId];
    }

    /**
     * Writes the pooled, normalized query vector to {@code out} and returns the norm of the sum before
     * normalization (0 when no token has a row: then {@code out} is zero).
     */
    float encode(int[] tokens, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (int token : tokens) {
            int row = row(token);
            if (row < 0) continue;
            int at = row * dims;
            for (int k = 0; k < dims; k++) out[k] += rows[at + k];
        }
        double sum = 0;
        for (int k = 0; k < dims; k++) sum += (double) out[k] * out[k];
        float norm = (float) Math.sqrt(sum);
        if (norm > 0) for (int k = 0; k < dims; k++) out[k] /= norm;
        return norm;
    }
}
