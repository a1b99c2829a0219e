package dev.embedlab.lab.hnsw;

import dev.embedlab.lab.ParallelWork;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * An HNSW index over the lab's float vectors that builds and searches the way Vespa's {@code HnswIndex}
 * ({@code searchlib/src/vespa/searchlib/tensor/hnsw_index.cpp}, read at v8.700.24) does for a single-vector
 * {@code tensor<float>} field with {@code distance-metric: prenormalized-angular}. Each step names the Vespa
 * function it follows:
 * <ul>
 *   <li>Layer limits: layer 0 up to 2M links, layers above up to M ({@link HnswParams#maxLinks}).</li>
 *   <li>Levels: {@link LevelGenerator}, multiplier 1/ln(M), seeded.</li>
 *   <li>Insert ({@code internal_prepare_add_node}): greedy descent ({@code find_nearest_in_layer}) from the entry
 *       point down to the new node's top layer, then on each of its layers a search with
 *       ef = neighbors-to-explore-at-insert ({@code search_layer}, seeded with the previous layer's results), and
 *       {@code select_neighbors} keeps M of them by the heuristic: M links on every layer, layer 0 too.</li>
 *   <li>Linking ({@code internal_complete_add_node}, {@code connect_new_node}): the new node's links are set, each
 *       chosen neighbour gets the back-link; a neighbour over its layer's limit re-runs the heuristic over its links
 *       ({@code shrink_if_needed}) and each link it drops is removed from the dropped node too
 *       ({@code remove_link_to}), so links stay symmetric.</li>
 *   <li>Heuristic ({@code select_neighbors_heuristic}): candidates nearest first; one is dropped when an already
 *       selected neighbour is closer to it than the base node is ({@code have_closer_distance}); stops at the limit.
 *       No "keep pruned" fill-up.</li>
 *   <li>Entry point: the first node; later a node whose level is above the entry's becomes it.</li>
 *   <li>Query ({@code top_k_candidates}): greedy descent to layer 1, {@code search_layer} on layer 0 with
 *       ef = max(targetHits, targetHits + exploreAdditionalHits), the best targetHits returned
 *       ({@code find_top_k}, exploration slack 0, no filter).</li>
 * </ul>
 * Where it differs: Vespa builds with one writer thread (with multi-threaded indexing the searches of several
 * documents run in parallel and the linking is serial); this builds on several threads with striped locks, each
 * thread inserting whole nodes, as hnswlib does. On one thread nodes go in in order 0, 1, 2, … and the graph is
 * the same for a seed every time; on more threads the order of concurrent inserts varies, and so does the graph.
 */
public final class HnswIndex {

    private final Vectors vectors;
    private final HnswGraph graph;
    private final HnswParams params;
    private final ThreadLocal<SearchContext> contexts;
    private final long buildDistances;

    private HnswIndex(Vectors vectors, HnswGraph graph, long buildDistances) {
        this.vectors = vectors;
        this.graph = graph;
        this.params = graph.params();
        this.buildDistances = buildDistances;
        this.contexts = ThreadLocal.withInitial(this::newContext);
    }

    /**
     * Builds the index over the rows of {@code matrix} (row-major, {@code rows} × {@code dims}, normalized vectors;
     * used in place). Node i is row i. {@code inserted} (may be null) is told of every node inserted.
     */
    public static HnswIndex build(float[] matrix, int rows, int dims, HnswParams params, int threads, LongConsumer inserted) {
        Vectors vectors = new Vectors(matrix, rows, dims);
        HnswGraph graph = new HnswGraph(params, LevelGenerator.draw(rows, params));
        Builder builder = new Builder(vectors, graph);
        long distances = builder.run(Math.max(1, threads), inserted == null ? n -> { } : inserted);
        return new HnswIndex(vectors, graph, distances);
    }

    public HnswParams params() {
        return params;
    }

    public int size() {
        return graph.size();
    }

    /** Bytes of the graph's primitive arrays as allocated (the vectors not counted). */
    public long graphBytes() {
        return graph.bytes();
    }

    /** Distances computed while building (searches, heuristic and shrinking). */
    public long buildDistanceComputations() {
        return buildDistances;
    }

    public int level(int node) {
        return graph.level(node);
    }

    public int entryNode() {
        return graph.entryNode();
    }

    public int entryLevel() {
        return graph.entryLevel();
    }

    /** A copy of node's links on {@code level} (the node must have that level). */
    public int[] links(int node, int level) {
        if (level > graph.level(node)) throw new IllegalArgumentException("node " + node + " has no layer " + level);
        int[] out = new int[params.maxLinks(0)];
        return Arrays.copyOf(out, graph.copyLinks(node, level, out));
    }

    /** Links stored on {@code level} over all nodes. */
    public long linkCount(int level) {
        return graph.linkCount(level);
    }

    /**
     * Nodes left without any layer-0 link (the only node of a one-node index aside). Vespa's pruning removes a dropped
     * link in both directions, so a node whose every neighbour dropped it is cut off; a query that descends to it
     * returns it alone, and no query reaches it otherwise.
     */
    public int isolatedNodes() {
        if (graph.size() < 2) return 0;
        int isolated = 0;
        for (int node = 0; node < graph.size(); node++) if (graph.count(node, 0) == 0) isolated++;
        return isolated;
    }

    /**
     * The {@code targetHits} nearest documents found with ef = targetHits + exploreAdditionalHits, as Vespa's
     * {@code nearestNeighbor} with {@code hnsw.exploreAdditionalHits} on one content node, unfiltered. Safe to call
     * from several threads at once once built.
     */
    public Hits search(float[] query, int targetHits, int exploreAdditionalHits) {
        if (query.length != vectors.dims()) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the index " + vectors.dims());
        }
        if (targetHits < 1 || exploreAdditionalHits < 0) {
            throw new IllegalArgumentException("targetHits must be >= 1 and exploreAdditionalHits >= 0, got "
                    + targetHits + " and " + exploreAdditionalHits);
        }
        long entry = graph.entry();
        if (entry < 0) return new Hits(new int[0], new float[0], 0);
        SearchContext ctx = contexts.get();
        ctx.distances = 0;
        Walk walk = new Walk(vectors, graph, ctx, false);
        int node = HnswGraph.entryNode(entry);
        float distance = walk.distance(query, 0, node);
        for (int level = HnswGraph.entryLevel(entry); level > 0; level--) {
            node = walk.greedy(query, 0, node, distance, level);
            distance = walk.lastDistance;
        }
        NodeHeap results = ctx.results;
        results.clear();
        results.push(node, distance);
        walk.searchLayer(query, 0, Math.max(targetHits, targetHits + exploreAdditionalHits), 0);
        while (results.size() > targetHits) results.pop();
        int[] nodes = new int[results.size()];
        float[] scores = new float[nodes.length];
        for (int i = nodes.length - 1; i >= 0; i--) {
            nodes[i] = results.topNode();
            scores[i] = -results.topDistance();
            results.pop();
        }
        return new Hits(nodes, scores, ctx.distances);
    }

    private SearchContext newContext() {
        return new SearchContext(graph.size(), params.maxLinks(0));
    }

    /** The walks over one layer, shared by insert and query; locks the links it reads while the graph is built. */
    private static final class Walk {

        private final Vectors vectors;
        private final HnswGraph graph;
        private final SearchContext ctx;
        private final boolean locking;
        /** Distance of the node {@link #greedy} returned. */
        float lastDistance;
        /** How many candidates the last {@link #selectNeighbors} with keepDropped put in {@code ctx.dropped}. */
        int droppedCount;

        Walk(Vectors vectors, HnswGraph graph, SearchContext ctx, boolean locking) {
            this.vectors = vectors;
            this.graph = graph;
            this.ctx = ctx;
            this.locking = locking;
        }

        float distance(float[] base, int offset, int node) {
            ctx.distances++;
            return vectors.distance(base, offset, node);
        }

        private int readLinks(int node, int level, int[] out) {
            if (!locking) return graph.copyLinks(node, level, out);
            synchronized (graph.lock(node)) {
                return graph.copyLinks(node, level, out);
            }
        }

        /**
         * Vespa's {@code find_nearest_in_layer}: move to any neighbour nearer than the current node (scanning the
         * current node's links as they were when the scan began) until none is.
         */
        int greedy(float[] base, int offset, int start, float startDistance, int level) {
            int nearest = start;
            float nearestDistance = startDistance;
            int[] links = ctx.links;
            boolean moved = true;
            while (moved) {
                moved = false;
                int count = readLinks(nearest, level, links);
                for (int i = 0; i < count; i++) {
                    float d = distance(base, offset, links[i]);
                    if (d < nearestDistance) {
                        nearest = links[i];
                        nearestDistance = d;
                        moved = true;
                    }
                }
            }
            lastDistance = nearestDistance;
            return nearest;
        }

        /**
         * Vespa's {@code search_layer} without filter and with exploration slack 0: expands candidates nearest first
         * from every node already in {@code ctx.results}, keeps the best {@code ef} there, and stops when the nearest
         * candidate left is further than the furthest kept (the limit stays infinite until more than ef are found).
         */
        void searchLayer(float[] base, int offset, int ef, int level) {
            NodeHeap candidates = ctx.candidates;
            NodeHeap results = ctx.results;
            candidates.clear();
            ctx.clearVisited();
            for (int i = 0; i < results.size(); i++) {
                candidates.push(results.nodeAt(i), results.distanceAt(i));
                ctx.visit(results.nodeAt(i));
            }
            float limit = Float.POSITIVE_INFINITY;
            int[] links = ctx.links;
            while (!candidates.isEmpty()) {
                if (candidates.topDistance() > limit) break;
                int candidate = candidates.topNode();
                candidates.pop();
                int count = readLinks(candidate, level, links);
                for (int i = 0; i < count; i++) {
                    int neighbor = links[i];
                    if (!ctx.visit(neighbor)) continue;
                    float d = distance(base, offset, neighbor);
                    if (d < limit) {
                        candidates.push(neighbor, d);
                        results.push(neighbor, d);
                        if (results.size() > ef) {
                            results.pop();
                            limit = results.topDistance();
                        }
                    }
                }
            }
        }

        /**
         * Vespa's {@code select_neighbors_heuristic} over {@code ctx.selection} (distances to the base node): takes
         * candidates nearest first, drops one if a selected neighbour is nearer to it than the base is, stops at
         * {@code maxLinks}. Selected nodes go to {@code ctx.selected}; with {@code keepDropped} the others go to
         * {@code ctx.dropped} and their number to {@link #droppedCount}. Returns the number selected.
         */
        int selectNeighbors(int maxLinks, boolean keepDropped) {
            NodeHeap nearest = ctx.selection;
            int[] selected = ctx.selected;
            int used = 0;
            int dropped = 0;
            while (!nearest.isEmpty()) {
                int candidate = nearest.topNode();
                float toBase = nearest.topDistance();
                nearest.pop();
                boolean keep = used < maxLinks;
                for (int s = 0; keep && s < used; s++) {
                    ctx.distances++;
                    if (vectors.distance(candidate, selected[s]) < toBase) keep = false;
                }
                if (keep) selected[used++] = candidate;
                else if (keepDropped) ctx.dropped[dropped++] = candidate;
            }
            droppedCount = dropped;
            return used;
        }
    }

    /** Inserts every node, on one thread in node order or on several pulling the next node from a counter. */
    private static final class Builder {

        private final Vectors vectors;
        private final HnswGraph graph;
        private final HnswParams params;

        Builder(Vectors vectors, HnswGraph graph) {
            this.vectors = vectors;
            this.graph = graph;
            this.params = graph.params();
        }

        long run(int threads, LongConsumer inserted) {
            int n = graph.size();
            if (n == 0) return 0;
            graph.raiseEntry(0); // the first node only becomes the entry point (Vespa: "graph has no entry point")
            inserted.accept(1);
            int workers = Math.max(1, threads);
            SearchContext[] contexts = new SearchContext[workers];
            for (int w = 0; w < workers; w++) contexts[w] = new SearchContext(n, params.maxLinks(0));
            // One thread: node order on the caller's thread; several: each pulls the next node.
            ParallelWork.run(n - 1, workers, (i, worker) -> {
                insert(i + 1, contexts[worker]);
                inserted.accept(1);
            });
            long distances = 0;
            for (SearchContext ctx : contexts) distances += ctx.distances;
            return distances;
        }

        private void insert(int node, SearchContext ctx) {
            Walk walk = new Walk(vectors, graph, ctx, true);
            float[] m = vectors.matrix();
            int offset = node * vectors.dims();
            long entry = graph.entry();
            int entryLevel = HnswGraph.entryLevel(entry);
            int level = graph.level(node);
            int nearest = HnswGraph.entryNode(entry);
            float distance = walk.distance(m, offset, nearest);
            for (int l = entryLevel; l > level; l--) {
                nearest = walk.greedy(m, offset, nearest, distance, l);
                distance = walk.lastDistance;
            }
            NodeHeap results = ctx.results;
            results.clear();
            results.push(nearest, distance);
            int top = Math.min(level, entryLevel);
            int[][] chosen = new int[top + 1][];
            for (int l = top; l >= 0; l--) {
                walk.searchLayer(m, offset, params.neighborsToExploreAtInsert(), l);
                ctx.selection.clear();
                for (int i = 0; i < results.size(); i++) ctx.selection.push(results.nodeAt(i), results.distanceAt(i));
                chosen[l] = Arrays.copyOf(ctx.selected, walk.selectNeighbors(params.linksOnInsert(), false));
            }
            for (int l = 0; l <= top; l++) connect(node, l, chosen[l], walk, ctx);
            if (level > entryLevel) graph.raiseEntry(node);
        }

        /** Vespa's {@code connect_new_node}: the node's links, then a back-link from each neighbour. */
        private void connect(int node, int level, int[] neighbors, Walk walk, SearchContext ctx) {
            synchronized (graph.lock(node)) {
                graph.setLinks(node, level, neighbors, neighbors.length);
            }
            for (int neighbor : neighbors) addBackLink(neighbor, node, level, walk, ctx);
        }

        /**
         * Vespa's {@code add_link_to} then {@code shrink_if_needed}: when the neighbour's list is over its layer's
         * limit with the new link, the heuristic re-selects among all of them (distances from the neighbour) and
         * every link dropped is removed from the dropped node too.
         */
        private void addBackLink(int neighbor, int node, int level, Walk walk, SearchContext ctx) {
            int dropped;
            synchronized (graph.lock(neighbor)) {
                int count = graph.count(neighbor, level);
                int limit = params.maxLinks(level);
                if (count < limit) {
                    graph.appendLink(neighbor, level, node);
                    return;
                }
                int[] links = ctx.links;
                graph.copyLinks(neighbor, level, links);
                links[count] = node;
                NodeHeap selection = ctx.selection;
                selection.clear();
                for (int i = 0; i <= count; i++) {
                    ctx.distances++;
                    selection.push(links[i], vectors.distance(neighbor, links[i]));
                }
                int kept = walk.selectNeighbors(limit, true);
                graph.setLinks(neighbor, level, ctx.selected, kept);
                dropped = walk.droppedCount;
            }
            for (int i = 0; i < dropped; i++) {
                int other = ctx.dropped[i];
                synchronized (graph.lock(other)) {
                    graph.removeLink(other, level, neighbor);
                }
            }
        }
    }
}
