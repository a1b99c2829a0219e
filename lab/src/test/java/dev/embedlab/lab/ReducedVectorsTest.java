package dev.embedlab.lab;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCA fitted on documents (queries projected the same way) and first-k truncation, both renormalized. */
class ReducedVectorsTest {

    /** 200 points on a 2-D plane inside 6-D, shifted off the origin, each normalized. */
    private static FloatIndex plane(long seed) {
        Random random = new Random(seed);
        int n = 200;
        int d = 6;
        float[] m = new float[n * d];
        for (int row = 0; row < n; row++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            // offset (0, 0, 0, 3, 0, 0) + a·(1, 1, 0, 0, 0, 0)/√2 + b·(0, 0, 1, 0, 0, 1)/√2
            m[row * d] = (float) (a / Math.sqrt(2));
            m[row * d + 1] = (float) (a / Math.sqrt(2));
            m[row * d + 2] = (float) (b / Math.sqrt(2));
            m[row * d + 3] = 3;
            m[row * d + 5] = (float) (b / Math.sqrt(2));
        }
        return new FloatIndex(m, n, d);
    }

    @Test
    void pcaOfPointsOnAPlaneKeepsAllTheirVarianceAndTheirDifferences() {
        FloatIndex docs = plane(1);
        float[][] queries = {java.util.Arrays.copyOfRange(docs.matrix(), 7 * 6, 8 * 6)};
        ReducedVectors pca = ReducedVectors.pca(docs, queries, 2);
        assertEquals("pca-2", pca.vectors());
        assertEquals(1.0, pca.explainedVariance(), 1e-9);
        assertEquals(2, pca.documents().dims());
        // the components span the plane, and the offset is orthogonal to it: each document becomes its in-plane
        // coordinates, so two documents' cosine is the cosine of those
        for (int i = 0; i < 20; i++) {
            int j = 199 - i;
            assertEquals(1.0, pca.documents().score(unit(pca, i), i), 1e-5);
            assertEquals(inPlaneCosine(docs, i, j), pca.documents().score(unit(pca, i), j), 1e-4, "documents " + i + ", " + j);
        }
        // the query is document 7: projected with the same mean and components, it finds document 7 at cosine 1
        TopK top;
        try (SearchPool one = new SearchPool(1)) {
            top = pca.documents().search(pca.queries()[0], 1, one);
        }
        float[] score = new float[1];
        assertArrayEquals(new int[] {7}, top.sortedDocs(score));
        assertEquals(1.0, score[0], 1e-5);
    }

    @Test
    void pcaKeepsTheDirectionsThatVaryMost() {
        FloatIndex docs = plane(2);
        ReducedVectors one = ReducedVectors.pca(docs, new float[0][], 1);
        // two directions of equal spread: the first component keeps about half the variance, and is one of them
        assertTrue(one.explainedVariance() > 0.3 && one.explainedVariance() < 0.7, "explained " + one.explainedVariance());
        ReducedVectors two = ReducedVectors.pca(docs, new float[0][], 2);
        assertEquals(1.0, two.explainedVariance(), 1e-9);
        // one coordinate, normalized: every document is +1 or -1
        for (int row = 0; row < docs.rows(); row++) assertEquals(1.0, Math.abs(one.documents().matrix()[row]), 1e-5);
    }

    @Test
    void firstKKeepsTheLeadingDimensionsRenormalized() {
        float[] m = {3, 4, 12, 0, 0, 5, 1, 1};
        FloatIndex docs = new FloatIndex(m, 2, 4);
        ReducedVectors first = ReducedVectors.truncated(docs, new float[][] {{0, 2, 9, 9}}, 2);
        assertEquals("first-2", first.vectors());
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 1}, first.documents().matrix(), 1e-6f);
        assertArrayEquals(new float[] {0, 1}, first.queries()[0], 1e-6f);
        assertTrue(Double.isNaN(first.explainedVariance()));
    }

    /** Cosine of documents i and j in the plane's own coordinates a = x·(1,1,0,0,0,0)/√2, b = x·(0,0,1,0,0,1)/√2. */
    private static double inPlaneCosine(FloatIndex docs, int i, int j) {
        float[] m = docs.matrix();
        double ai = (m[i * 6] + m[i * 6 + 1]) / Math.sqrt(2);
        double bi = (m[i * 6 + 2] + m[i * 6 + 5]) / Math.sqrt(2);
        double aj = (m[j * 6] + m[j * 6 + 1]) / Math.sqrt(2);
        double bj = (m[j * 6 + 2] + m[j * 6 + 5]) / Math.sqrt(2);
        return (ai * aj + bi * bj) / Math.sqrt((ai * ai + bi * bi) * (aj * aj + bj * bj));
    }

    private static float[] unit(ReducedVectors r, int row) {
        int k = r.documents().dims();
        return java.util.Arrays.copyOfRange(r.documents().matrix(), row * k, row * k + k);
    }
}
