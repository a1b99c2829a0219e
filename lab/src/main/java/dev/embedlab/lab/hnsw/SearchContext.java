package dev.embedlab.lab.hnsw;

/**
 * One thread's scratch space for inserting into and searching the graph: the visited marks, the two heaps, link
 * buffers and the distance counter. Reused from search to search so the walk allocates nothing.
 */
final class SearchContext {

    final NodeHeap candidates = NodeHeap.nearestFirst();
    final NodeHeap results = NodeHeap.furthestFirst();
    /** Candidates of one neighbour selection, nearest first. */
    final NodeHeap selection = NodeHeap.nearestFirst();
    final int[] links;
    final int[] selected;
    final int[] dropped;
    /** Distances computed since the counter was last reset: what Vespa's HNSW stats call computed distances. */
    long distances;
    private final int[] visited;
    private int stamp;

    SearchContext(int nodes, int maxLinks) {
        this.visited = new int[nodes];
        this.links = new int[maxLinks + 1];
        this.selected = new int[maxLinks + 1];
        this.dropped = new int[maxLinks + 1];
    }

    /** Starts a new walk: every node counts as unvisited again. */
    void clearVisited() {
        if (++stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(visited, 0);
            stamp = 1;
        }
    }

    /** Marks the node visited; false if it already was in this walk. */
    boolean visit(int node) {
        if (visited[node] == stamp) return false;
        visited[node] = stamp;
        return true;
    }
}
