package dev.embedlab.lab.hnsw;

import dev.embedlab.lab.FloatIndex;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vespa HNSW behaviour {@link HnswIndex} documents, on real vectors and on small hand-placed ones. */
class HnswIndexTest {

    private static final int PASSAGES = 3000;

    @Test
    void findsWhatExactSearchFindsAtAGenerousEf() throws Exception {
        MiraclVectors v = MiraclVectors.load(PASSAGES);
        HnswIndex index = HnswIndex.build(v.documents(), v.rows(), v.dims(), new HnswParams(16, 200, 7), 2, null);
        double overlap = 0;
        double distances = 0;
        for (float[] query : v.queries()) {
            Hits hits = index.search(query, 10, 300);
            assertEquals(10, hits.size());
            int[] exact = v.exactTop(query, 10);
            Set<Integer> truth = new HashSet<>();
            for (int doc : exact) truth.add(doc);
            int shared = 0;
            for (int i = 0; i < hits.size(); i++) {
                if (truth.contains(hits.nodes()[i])) shared++;
                // the hit's score is its exact dot product, best first
                assertEquals(FloatIndex.dot(query, 0, v.documents(), hits.nodes()[i] * v.dims(), v.dims()), hits.scores()[i]);
                if (i > 0) assertTrue(hits.scores()[i - 1] >= hits.scores()[i]);
            }
            overlap += shared / 10.0;
            distances += hits.distanceComputations();
        }
        overlap /= v.queries().length;
        distances /= v.queries().length;
        assertTrue(overlap >= 0.99, "overlap@10 " + overlap);
        // ef 310 reads a fraction of the 3,000 documents, not all of them
        assertTrue(distances > 310 && distances < 0.9 * PASSAGES, "distances per query " + distances);
    }

    @Test
    void moreExplorationFindsMoreOfTheExactTopTen() throws Exception {
        MiraclVectors v = MiraclVectors.load(PASSAGES);
        HnswIndex index = HnswIndex.build(v.documents(), v.rows(), v.dims(), new HnswParams(4, 20, 1), 1, null);
        double narrow = 0;
        double wide = 0;
        long narrowDistances = 0;
        long wideDistances = 0;
        for (float[] query : v.queries()) {
            Set<Integer> truth = new HashSet<>();
            for (int doc : v.exactTop(query, 10)) truth.add(doc);
            Hits a = index.search(query, 10, 0);
            Hits b = index.search(query, 10, 200);
            narrow += Arrays.stream(a.nodes()).filter(truth::contains).count();
            wide += Arrays.stream(b.nodes()).filter(truth::contains).count();
            narrowDistances += a.distanceComputations();
            wideDistances += b.distanceComputations();
        }
        assertTrue(wide > narrow, "explore 200 found " + wide + " of the exact top 10s, explore 0 " + narrow);
        assertTrue(wideDistances > narrowDistances);
    }

    @Test
    void sameSeedOnOneThreadGivesTheSameGraph() throws Exception {
        MiraclVectors v = MiraclVectors.load(PASSAGES);
        HnswParams params = new HnswParams(8, 50, 42);
        HnswIndex a = HnswIndex.build(v.documents(), v.rows(), v.dims(), params, 1, null);
        HnswIndex b = HnswIndex.build(v.documents(), v.rows(), v.dims(), params, 1, null);
        assertEquals(a.entryNode(), b.entryNode());
        for (int node = 0; node < v.rows(); node++) {
            assertEquals(a.level(node), b.level(node));
            for (int level = 0; level <= a.level(node); level++) {
                assertArrayEquals(a.links(node, level), b.links(node, level), "node " + node + " layer " + level);
            }
        }
        HnswIndex other = HnswIndex.build(v.documents(), v.rows(), v.dims(), new HnswParams(8, 50, 43), 1, null);
        boolean levelsDiffer = false;
        for (int node = 0; node < v.rows() && !levelsDiffer; node++) levelsDiffer = a.level(node) != other.level(node);
        assertTrue(levelsDiffer, "another seed draws other levels");
    }

    @Test
    void linkLimitsHoldAndLinksAreSymmetricAfterPruning() throws Exception {
        MiraclVectors v = MiraclVectors.load(PASSAGES);
        HnswParams params = new HnswParams(4, 40, 3); // small M: lists overflow and are pruned often
        HnswIndex index = HnswIndex.build(v.documents(), v.rows(), v.dims(), params, 1, null);
        int full = assertWellFormed(index, params, true);
        assertTrue(full > 0, "some layer-0 lists reached 2M, so back-links overflowed them");
        // the last node inserted received no later back-links: what it has came from its own insert (M at most)
        int last = v.rows() - 1;
        for (int level = 0; level <= index.level(last); level++) {
            assertTrue(index.links(last, level).length <= params.maxLinksPerNode());
        }
        assertTrue(index.links(last, 0).length >= 1);
    }

    @Test
    void buildOnSeveralThreadsKeepsTheLimits() throws Exception {
        MiraclVectors v = MiraclVectors.load(PASSAGES);
        HnswParams params = new HnswParams(4, 40, 3);
        HnswIndex index = HnswIndex.build(v.documents(), v.rows(), v.dims(), params, 4, null);
        assertWellFormed(index, params, false);
    }

    @Test
    void levelsAreGeometricWithMultiplierOneOverLnM() {
        int n = 200_000;
        for (int m : new int[] {4, 16}) {
            byte[] levels = LevelGenerator.draw(n, new HnswParams(m, 10, 11));
            long atLeast1 = 0;
            long atLeast2 = 0;
            for (byte level : levels) {
                if (level >= 1) atLeast1++;
                if (level >= 2) atLeast2++;
            }
            // Pr(level >= k) = M^-k
            assertEquals(1.0 / m, atLeast1 / (double) n, 4 * Math.sqrt(1.0 / m / n), "M=" + m);
            assertEquals(1.0 / (m * m), atLeast2 / (double) n, 4 * Math.sqrt(1.0 / (m * m) / n) + 1e-4, "M=" + m);
        }
        assertArrayEquals(LevelGenerator.draw(1000, new HnswParams(16, 10, 5)), LevelGenerator.draw(1000, new HnswParams(16, 10, 5)));
        assertFalse(Arrays.equals(LevelGenerator.draw(1000, new HnswParams(16, 10, 5)), LevelGenerator.draw(1000, new HnswParams(16, 10, 6))));
    }

    /**
     * Heuristic: base at 0°, then 10°, 15° and -40° on the unit circle, inserted before it. 15° is nearer to 10°
     * (5°) than to the base (15°), so it is dropped; -40° is nearer to the base (40°) than to 10° (50°), so it stays.
     */
    @Test
    void heuristicDropsACandidateNearerToASelectedNeighbourThanToTheNewNode() {
        float[] m = circle(10, 15, -40, 0);
        HnswIndex index = HnswIndex.build(m, 4, 2, new HnswParams(4, 10, 1), 1, null);
        assertEquals(Set.of(0, 2), asSet(index.links(3, 0)));
    }

    /**
     * A new node gets at most M links: three points at 60° from the pole and 120° apart are each nearer to the
     * pole (inserted last) than to one another, so the heuristic keeps all three; M = 2 keeps two.
     */
    @Test
    void newNodeGetsAtMostMLinks() {
        float[] m = new float[4 * 3];
        for (int i = 0; i < 3; i++) {
            double azimuth = 2 * Math.PI * i / 3;
            m[i * 3] = (float) (Math.sin(Math.PI / 3) * Math.cos(azimuth));
            m[i * 3 + 1] = (float) (Math.sin(Math.PI / 3) * Math.sin(azimuth));
            m[i * 3 + 2] = (float) Math.cos(Math.PI / 3);
        }
        m[11] = 1;
        HnswIndex wide = HnswIndex.build(m, 4, 3, new HnswParams(3, 10, 1), 1, null);
        assertEquals(Set.of(0, 1, 2), asSet(wide.links(3, 0)));
        HnswIndex narrow = HnswIndex.build(m, 4, 3, new HnswParams(2, 10, 1), 1, null);
        assertEquals(2, narrow.links(3, 0).length);
        assertTrue(Set.of(0, 1, 2).containsAll(asSet(narrow.links(3, 0))));
    }

    /**
     * Overflow: a hub, then five points around it that are each nearer to the hub than to one another, so each
     * links to the hub alone (M = 2). The fifth back-link takes the hub over 2M = 4; the heuristic keeps four and
     * the dropped point loses its link to the hub as well.
     */
    @Test
    void overflowingNeighbourDropsALinkInBothDirections() {
        int ring = 5;
        float[] m = new float[(ring + 1) * 3];
        m[2] = 1; // hub at the pole
        double polar = Math.toRadians(30);
        for (int i = 0; i < ring; i++) {
            double azimuth = 2 * Math.PI * i / ring;
            m[(i + 1) * 3] = (float) (Math.sin(polar) * Math.cos(azimuth));
            m[(i + 1) * 3 + 1] = (float) (Math.sin(polar) * Math.sin(azimuth));
            m[(i + 1) * 3 + 2] = (float) Math.cos(polar);
        }
        for (long seed = 0; seed < 20; seed++) { // levels vary with the seed; layer 0 behaves the same
            HnswParams params = new HnswParams(2, 10, seed);
            HnswIndex index = HnswIndex.build(m, ring + 1, 3, params, 1, null);
            Set<Integer> hub = asSet(index.links(0, 0));
            assertEquals(4, hub.size(), "seed " + seed);
            int droppedPoints = 0;
            for (int point = 1; point <= ring; point++) {
                Set<Integer> links = asSet(index.links(point, 0));
                assertEquals(hub.contains(point), links.contains(0), "seed " + seed + " point " + point);
                if (links.isEmpty()) droppedPoints++;
                else assertEquals(Set.of(0), links, "seed " + seed + " point " + point);
            }
            assertEquals(1, droppedPoints, "seed " + seed);
            assertEquals(1, index.isolatedNodes(), "seed " + seed + ": the dropped point is cut off");
            assertWellFormed(index, params, true);
        }
    }

    @Test
    void searchReturnsTargetHitsAndRejectsBadArguments() throws Exception {
        MiraclVectors v = MiraclVectors.load(PASSAGES);
        HnswIndex index = HnswIndex.build(v.documents(), v.rows(), v.dims(), new HnswParams(8, 50, 1), 1, null);
        assertEquals(100, index.search(v.queries()[0], 100, 0).size());
        assertEquals(1, index.search(v.queries()[0], 1, 0).size());
        Hits few = HnswIndex.build(circle(0, 90), 2, 2, new HnswParams(2, 10, 1), 1, null).search(new float[] {1, 0}, 10, 0);
        assertArrayEquals(new int[] {0, 1}, few.nodes(), "fewer documents than targetHits: all of them");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> index.search(new float[3], 10, 0));
        assertTrue(e.getMessage().contains("3 dimensions"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> index.search(v.queries()[0], 0, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> index.search(v.queries()[0], 10, -1));
        assertEquals(0, HnswIndex.build(new float[0], 0, 4, new HnswParams(2, 10, 1), 1, null).search(new float[4], 10, 0).size());
    }

    @Test
    void graphBytesCountThePrimitiveArrays() {
        HnswIndex index = HnswIndex.build(circle(0, 30, 60, 90, 120), 5, 2, new HnswParams(3, 10, 1), 1, null);
        long upperLayers = 0;
        for (int node = 0; node < 5; node++) upperLayers += index.level(node);
        // layer 0: 2M slots + count per node; upper: M slots + count per layer; start index per node; a level byte
        long expected = 4L * (5 * 6 + 5) + 4L * (upperLayers * 3 + upperLayers) + 4L * 5 + 5;
        assertEquals(expected, index.graphBytes());
        assertNotEquals(0, index.linkCount(0));
    }

    /**
     * Every list within its layer's limit, no self links or duplicates, links only to nodes that have the layer;
     * with {@code symmetric}, a → b exactly when b → a. Returns how many layer-0 lists are full (2M).
     */
    private static int assertWellFormed(HnswIndex index, HnswParams params, boolean symmetric) {
        int full = 0;
        for (int node = 0; node < index.size(); node++) {
            for (int level = 0; level <= index.level(node); level++) {
                int[] links = index.links(node, level);
                assertTrue(links.length <= params.maxLinks(level), "node " + node + " layer " + level + ": " + links.length);
                if (level == 0 && links.length == params.maxLinks(0)) full++;
                Set<Integer> seen = new HashSet<>();
                for (int other : links) {
                    assertNotEquals(node, other, "self link at node " + node);
                    assertTrue(seen.add(other), "duplicate link " + node + " -> " + other);
                    assertTrue(index.level(other) >= level, "link to a node without layer " + level);
                    if (symmetric) {
                        assertTrue(asSet(index.links(other, level)).contains(node),
                                "layer " + level + ": " + node + " -> " + other + " but not back");
                    }
                }
            }
        }
        return full;
    }

    private static Set<Integer> asSet(int[] values) {
        Set<Integer> set = new HashSet<>();
        for (int v : values) set.add(v);
        return set;
    }

    /** Unit vectors at the given angles (degrees), one row each. */
    private static float[] circle(double... degrees) {
        float[] m = new float[degrees.length * 2];
        for (int i = 0; i < degrees.length; i++) {
            m[2 * i] = (float) Math.cos(Math.toRadians(degrees[i]));
            m[2 * i + 1] = (float) Math.sin(Math.toRadians(degrees[i]));
        }
        return m;
    }
}
