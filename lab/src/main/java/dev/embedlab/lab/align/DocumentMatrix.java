package dev.embedlab.lab.align;

/**
 * The teacher's document vectors, the fixed targets of training, laid out twice for the two hot loops: row-major
 * (a document's vector is contiguous: gradients add whole rows) and in transposed blocks of {@value #BLOCK}
 * documents (one dimension of the block is contiguous: scoring a query against a block is {@code dims} runs of
 * {@code scores[j] += q[k] * block[k][j]}, a loop HotSpot turns into SIMD, and the block stays in the L2 cache
 * while a chunk of queries is scored against it).
 */
final class DocumentMatrix {

    static final int BLOCK = 256;

    private final float[] rows;
    private final float[][] blocks;
    private final int count;
    private final int dims;

    DocumentMatrix(float[] rowMajor, int count, int dims) {
        if ((long) count * dims != rowMajor.length) throw new IllegalArgumentException("matrix is not count x dims");
        this.rows = rowMajor;
        this.count = count;
        this.dims = dims;
        this.blocks = new float[(count + BLOCK - 1) / BLOCK][];
        for (int b = 0; b < blocks.length; b++) {
            float[] block = new float[dims * BLOCK];
            for (int j = 0; j < BLOCK && b * BLOCK + j < count; j++) {
                int row = (b * BLOCK + j) * dims;
                for (int k = 0; k < dims; k++) block[k * BLOCK + j] = rowMajor[row + k];
            }
            blocks[b] = block;
        }
    }

    /** The documents {@code rows} (in that order) as a matrix of their own. */
    DocumentMatrix subset(int[] rows) {
        float[] picked = new float[rows.length * dims];
        for (int i = 0; i < rows.length; i++) System.arraycopy(this.rows, rows[i] * dims, picked, i * dims, dims);
        return new DocumentMatrix(picked, rows.length, dims);
    }

    int count() {
        return count;
    }

    int dims() {
        return dims;
    }

    /** {@code scores[i][j] = queries[i] · document j} for the first {@code n} queries. */
    void score(float[][] queries, int n, float[][] scores) {
        float[] partial = new float[BLOCK];
        for (int b = 0; b < blocks.length; b++) {
            float[] block = blocks[b];
            int first = b * BLOCK;
            int width = Math.min(BLOCK, count - first);
            for (int i = 0; i < n; i++) {
                float[] q = queries[i];
                java.util.Arrays.fill(partial, 0f);
                for (int k = 0; k < dims; k++) {
                    float qk = q[k];
                    int at = k * BLOCK;
                    for (int j = 0; j < BLOCK; j++) partial[j] += qk * block[at + j];
                }
                System.arraycopy(partial, 0, scores[i], first, width);
            }
        }
    }

    /**
     * {@code out[i] += Σ_j weights[i][j] · document j} for the first {@code n} rows of weights, skipping weights below
     * {@code minWeight}. Block by block, so each block of documents comes from memory once per call, not once per row.
     */
    void addWeighted(float[][] weights, int n, float minWeight, float[][] out) {
        for (int first = 0; first < count; first += BLOCK) {
            int end = Math.min(count, first + BLOCK);
            for (int i = 0; i < n; i++) {
                float[] w = weights[i];
                float[] g = out[i];
                for (int j = first; j < end; j++) if (w[j] >= minWeight) addRow(j, w[j], g);
            }
        }
    }

    /** {@code out += weight * document j}. */
    void addRow(int j, float weight, float[] out) {
        int at = j * dims;
        for (int k = 0; k < dims; k++) out[k] += weight * rows[at + k];
    }
}
