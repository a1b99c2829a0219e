package dev.embedlab.lab.hnsw;

/**
 * The result of one query: the nearest nodes found, nearest first, with their dot products (prenormalized-angular
 * distance is 1 − score), and the distances the search computed.
 */
public record Hits(int[] nodes, float[] scores, long distanceComputations) {

    public int size() {
        return nodes.length;
    }
}
