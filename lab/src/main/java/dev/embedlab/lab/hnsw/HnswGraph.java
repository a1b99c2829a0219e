package dev.embedlab.lab.hnsw;

/**
 * The links of an HNSW graph in primitive arrays, with a fixed capacity per node and layer: layer 0 of every node
 * holds up to 2M links ({@code layer0}, 2M slots per node), layers 1.. of the few nodes that have them up to M
 * ({@code upper}, M slots per node and layer, found through {@code upperStart}). Counts sit beside the slots.
 *
 * <p>While the graph is built on several threads, a node's links of one layer are read and written under that
 * node's stripe lock ({@link #lock}); no thread holds two stripe locks at once, so there is no lock order to keep.
 * Once built, the graph is only read and searches take no locks.
 */
final class HnswGraph {

    private static final int STRIPES = 1 << 12;

    private final HnswParams params;
    private final byte[] levels;
    private final int layer0Slots;
    private final int[] layer0;
    private final int[] layer0Counts;
    private final int[] upperStart;
    private final int[] upper;
    private final int[] upperCounts;
    private final Object[] locks = new Object[STRIPES];
    private volatile long entry = -1; // (node << 8) | level of the entry point; -1 while empty

    HnswGraph(HnswParams params, byte[] levels) {
        this.params = params;
        this.levels = levels;
        int n = levels.length;
        this.layer0Slots = params.maxLinks(0);
        this.layer0 = new int[Math.multiplyExact(n, layer0Slots)];
        this.layer0Counts = new int[n];
        this.upperStart = new int[n];
        int upperLayers = 0;
        for (int node = 0; node < n; node++) {
            upperStart[node] = levels[node] > 0 ? upperLayers : -1;
            upperLayers += levels[node];
        }
        this.upper = new int[Math.multiplyExact(upperLayers, params.maxLinks(1))];
        this.upperCounts = new int[upperLayers];
        for (int i = 0; i < STRIPES; i++) locks[i] = new Object();
    }

    HnswParams params() {
        return params;
    }

    int size() {
        return levels.length;
    }

    int level(int node) {
        return levels[node];
    }

    Object lock(int node) {
        return locks[node & (STRIPES - 1)];
    }

    /** Entry point node, or -1 while the graph is empty. */
    int entryNode() {
        long e = entry;
        return e < 0 ? -1 : (int) (e >>> 8);
    }

    int entryLevel() {
        long e = entry;
        return e < 0 ? -1 : (int) (e & 0xff);
    }

    /** Entry point as one value, so node and level are read together. */
    long entry() {
        return entry;
    }

    static int entryNode(long entry) {
        return (int) (entry >>> 8);
    }

    static int entryLevel(long entry) {
        return (int) (entry & 0xff);
    }

    /** Makes {@code node} the entry point if its level is above the current one (Vespa's {@code set_entry_node}). */
    synchronized void raiseEntry(int node) {
        if (entry < 0 || levels[node] > entryLevel(entry)) entry = ((long) node << 8) | levels[node];
    }

    int count(int node, int level) {
        return level == 0 ? layer0Counts[node] : upperCounts[upperStart[node] + level - 1];
    }

    /** Index of the first link slot of node's layer. */
    private int slot(int node, int level) {
        return level == 0 ? node * layer0Slots : (upperStart[node] + level - 1) * params.maxLinksPerNode();
    }

    private int[] array(int level) {
        return level == 0 ? layer0 : upper;
    }

    private void setCount(int node, int level, int count) {
        if (level == 0) layer0Counts[node] = count;
        else upperCounts[upperStart[node] + level - 1] = count;
    }

    /** Copies node's links of {@code level} into {@code out} (at least 2M long) and returns how many. Caller locks if building. */
    int copyLinks(int node, int level, int[] out) {
        int count = count(node, level);
        System.arraycopy(array(level), slot(node, level), out, 0, count);
        return count;
    }

    /** Replaces node's links of {@code level}; the caller checks the limit and locks if building. */
    void setLinks(int node, int level, int[] links, int count) {
        if (count > params.maxLinks(level)) {
            throw new IllegalStateException(count + " links exceed the limit " + params.maxLinks(level) + " of layer " + level);
        }
        System.arraycopy(links, 0, array(level), slot(node, level), count);
        setCount(node, level, count);
    }

    /** Appends one link; the caller has checked there is room. */
    void appendLink(int node, int level, int link) {
        int count = count(node, level);
        array(level)[slot(node, level) + count] = link;
        setCount(node, level, count + 1);
    }

    /** Removes {@code link} from node's links of {@code level} if present (Vespa's {@code remove_link_to}); keeps the order. */
    void removeLink(int node, int level, int link) {
        int[] a = array(level);
        int start = slot(node, level);
        int count = count(node, level);
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (a[start + r] != link) a[start + w++] = a[start + r];
        }
        setCount(node, level, w);
    }

    /** Bytes of the link arrays, counts, levels and upper-layer index as allocated. */
    long bytes() {
        return 4L * (layer0.length + layer0Counts.length + upperStart.length + upper.length + upperCounts.length)
                + levels.length;
    }

    /** Links stored on {@code level} over all nodes. */
    long linkCount(int level) {
        long sum = 0;
        for (int node = 0; node < levels.length; node++) {
            if (levels[node] >= level) sum += count(node, level);
        }
        return sum;
    }
}
