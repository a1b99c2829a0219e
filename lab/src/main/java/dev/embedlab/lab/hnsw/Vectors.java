package dev.embedlab.lab.hnsw;

/**
 * The indexed vectors: the lab's contiguous row-major float matrix (row i = node i), read in place, never copied.
 *
 * <p>Distance is Vespa's {@code prenormalized-angular}: 1 − dot for unit vectors (Vespa's
 * {@code BoundPrenormalizedAngularDistance} computes |lhs|² − dot, which is 1 − dot when the vectors are
 * normalized, as the lab's embedders make them). The index keeps {@code -dot} instead: it is 1 − dot shifted by
 * the constant 1, so every comparison the graph makes (nearer, further, the heuristic's "closer to a selected
 * neighbour than to the new node") comes out the same, and a hit's score is the exact search's dot product bit
 * for bit.
 */
final class Vectors {

    private final float[] matrix;
    private final int rows;
    private final int dims;

    Vectors(float[] matrix, int rows, int dims) {
        if (rows < 0 || dims < 1 || (long) rows * dims != matrix.length) {
            throw new IllegalArgumentException("matrix of " + matrix.length + " floats is not " + rows + " x " + dims);
        }
        this.matrix = matrix;
        this.rows = rows;
        this.dims = dims;
    }

    int rows() {
        return rows;
    }

    int dims() {
        return dims;
    }

    float[] matrix() {
        return matrix;
    }

    /** Distance (−dot) between node {@code a} and node {@code b}. */
    float distance(int a, int b) {
        return -dot(matrix, a * dims, matrix, b * dims, dims);
    }

    /** Distance (−dot) between {@code base[offset, offset + dims)} and node {@code b}. */
    float distance(float[] base, int offset, int b) {
        return -dot(base, offset, matrix, b * dims, dims);
    }

    /**
     * Dot product of a[ao, ao + d) and b[bo, bo + d) with four independent sums, in the order of the lab's exact
     * scan ({@code FloatIndex.dot}) so the two score a document identically.
     */
    static float dot(float[] a, int ao, float[] b, int bo, int d) {
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
}
