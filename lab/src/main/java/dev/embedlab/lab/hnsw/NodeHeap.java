package dev.embedlab.lab.hnsw;

import java.util.Arrays;

/**
 * A binary heap of (node, distance) pairs in primitive arrays: nearest on top ({@link #nearestFirst()}) for the
 * candidates still to expand, or furthest on top ({@link #furthestFirst()}) for the best ef found so far, as
 * Vespa's {@code NearestPriQ} and {@code FurthestPriQ}. Equal distances are ordered by node id so that a build
 * on one thread is the same every time. Grows as needed.
 */
final class NodeHeap {

    private final boolean furthestOnTop;
    private int[] nodes;
    private float[] distances;
    private int size;

    private NodeHeap(boolean furthestOnTop, int capacity) {
        this.furthestOnTop = furthestOnTop;
        this.nodes = new int[Math.max(4, capacity)];
        this.distances = new float[nodes.length];
    }

    static NodeHeap nearestFirst() {
        return new NodeHeap(false, 64);
    }

    static NodeHeap furthestFirst() {
        return new NodeHeap(true, 64);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    int topNode() {
        return nodes[0];
    }

    float topDistance() {
        return distances[0];
    }

    /** The i-th stored pair in heap order (not sorted): for reading every entry. */
    int nodeAt(int i) {
        return nodes[i];
    }

    float distanceAt(int i) {
        return distances[i];
    }

    void push(int node, float distance) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        nodes[size] = node;
        distances[size] = distance;
        siftUp(size++);
    }

    void pop() {
        size--;
        if (size > 0) {
            nodes[0] = nodes[size];
            distances[0] = distances[size];
            siftDown(0);
        }
    }

    /** Whether the pair at i belongs above the pair at j. */
    private boolean above(int i, int j) {
        float di = distances[i];
        float dj = distances[j];
        if (di != dj) return furthestOnTop ? di > dj : di < dj;
        return furthestOnTop ? nodes[i] > nodes[j] : nodes[i] < nodes[j];
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!above(i, parent)) break;
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) break;
            int right = left + 1;
            int child = right < size && above(right, left) ? right : left;
            if (!above(child, i)) break;
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        int n = nodes[a];
        nodes[a] = nodes[b];
        nodes[b] = n;
        float d = distances[a];
        distances[a] = distances[b];
        distances[b] = d;
    }
}
