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
        // centred on the documents' mean, two documents have the same cosine before and after the projection
        double[] mean = new double[6];
        for (int row = 0; row < docs.rows(); row++) for (int c = 0; c < 6; c++) mean[c] += docs.matrix()[row * 6 + c] / docs.rows();
        for (int i = 0; i < 20; i++) {
            int j = 199 - i;
            assertEquals(1.0, pca.documents().score(unit(pca, i), i), 1e-5);
            assertEquals(centredCosine(docs, mean, i, j), pca.documents().score(unit(pca, i), j), 1e-4, "documents " + i + ", " + j);
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
        assertTrue(one.explainedVariance() > 0.2 && one.explainedVariance() < 0.8, "one of two similar directions: " + one.explainedVariance());
        // after centring, every point's single coordinate is ±1 once normalized
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

    private static double centredCosine(FloatIndex docs, double[] mean, int i, int j) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int c = 0; c < mean.length; c++) {
            double a = docs.matrix()[i * mean.length + c] - mean[c];
            double b = docs.matrix()[j * mean.length + c] - mean[c];
            dot += a * b;
            ni += a * a;
            nj += b * b;
        }
        return dot / Math.sqrt(ni * nj);
    }

    private static float[] unit(ReducedVectors r, int row) {
        int k = r.documents().dims();
        return java.util.Arrays.copyOfRange(r.documents().matrix(), row * k, row * k + k);
    }
}
