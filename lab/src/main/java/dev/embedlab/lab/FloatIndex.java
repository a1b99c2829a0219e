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
            float score = dot(q, 0, m, row * d, d);
            if (score > top.threshold() || top.size() < k) top.offer(row, score);
        }
        return top;
    }

    /**
     * Dot product of a[ao, ao + d) and b[bo, bo + d), four independent sums so the loop pipelines. The exact scan
     * and the HNSW index both score with it, so they give a document the same score bit for bit.
     */
    public static float dot(float[] a, int ao, float[] b, int bo, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < d; i++) s0 += a[ao + i] * b[bo + i];
        return (s0 + s1) + (s2 + s3);
    }

    /** Score of one document (for re-ranking candidates). */
    float score(float[] query, int row) {
        return dot(query, 0, matrix, row * dims, dims);
    }
}
