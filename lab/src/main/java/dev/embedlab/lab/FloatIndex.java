package dev.embedlab.lab;

/**
 * Exact nearest-neighbour search by dot product over a contiguous row-major float matrix (vectors are
 * normalized, so this is cosine similarity, as Vespa's prenormalized-angular ranks). Every query scans all
 * documents; the scan of one query is split over the {@link SearchPool}'s threads.
 */
public final class FloatIndex {

    private final float[] matrix;
    private final int rows;
    private final int dims;

    FloatIndex(float[] matrix, int rows, int dims) {
        if ((long) rows * dims != matrix.length) throw new IllegalArgumentException("matrix is not rows x dims");
        this.matrix = matrix;
        this.rows = rows;
        this.dims = dims;
    }

    /** The same documents stored as Vespa stores a tensor&lt;bfloat16&gt; (low 16 bits dropped), widened back to float. */
    FloatIndex toBfloat16() {
        float[] copy = matrix.clone();
        dev.embedlab.staticembed.BFloat16.truncateInPlace(copy, 0, copy.length);
        return new FloatIndex(copy, rows, dims);
    }

    public int rows() {
        return rows;
    }

    public int dims() {
        return dims;
    }

    public float[] matrix() {
        return matrix;
    }

    TopK search(float[] query, int k, SearchPool pool) {
        int slices = pool.threads();
        return pool.run(k, slice -> scan(query, k, SearchPool.sliceStart(slice, slices, rows),
                SearchPool.sliceStart(slice + 1, slices, rows)));
    }

    private TopK scan(float[] q, int k, int from, int to) {
        TopK top = new TopK(k);
        final float[] m = matrix;
        final int d = dims;
        for (int row = from; row < to; row++) {
            float score = dot(q, m, row * d, d);
            if (score > top.threshold() || top.size() < k) top.offer(row, score);
        }
        return top;
    }

    /** Dot product of q with m[offset, offset + d), four independent sums so the loop pipelines. */
    static float dot(float[] q, float[] m, int offset, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += q[i] * m[offset + i];
            s1 += q[i + 1] * m[offset + i + 1];
            s2 += q[i + 2] * m[offset + i + 2];
            s3 += q[i + 3] * m[offset + i + 3];
        }
        for (; i < d; i++) s0 += q[i] * m[offset + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Score of one document (for re-ranking candidates). */
    float score(float[] query, int row) {
        return dot(query, matrix, row * dims, dims);
    }
}
