package dev.embedlab.lab.hnsw;

import dev.embedlab.lab.FloatIndex;

/**
 * The indexed vectors: the lab's contiguous row-major float matrix (row i = node i), read in place, never copied.
 *
 * <p>Distance is Vespa's {@code prenormalized-angular}: 1 − dot for unit vectors (Vespa's
 * {@code BoundPrenormalizedAngularDistance} computes |lhs|² − dot, which is 1 − dot when the vectors are
 * normalized, as the lab's embedders make them). The index keeps {@code -dot} instead: it is 1 − dot shifted by
 * the constant 1, so every comparison the graph makes (nearer, further, the heuristic's "closer to a selected
 * neighbour than to the new node") comes out the same, and a hit's score is the exact search's dot product
 * ({@link FloatIndex#dot}) bit for bit.
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
        return -FloatIndex.dot(matrix, a * dims, matrix, b * dims, dims);
    }

    /** Distance (−dot) between {@code base[offset, offset + dims)} and node {@code b}. */
    float distance(float[] base, int offset, int b) {
        return -FloatIndex.dot(base, offset, matrix, b * dims, dims);
    }
}
