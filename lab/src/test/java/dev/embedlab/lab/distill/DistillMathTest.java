package dev.embedlab.lab.distill;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistillMathTest {

    @Test
    void sifWeightsFollowModel2VecsZipfFormula() {
        double[] weights = SifWeights.zipf(4, 1e-4);
        double sum = 1 / 2.0 + 1 / 3.0 + 1 / 4.0 + 1 / 5.0;
        for (int i = 0; i < 4; i++) {
            double p = (1.0 / (i + 2)) / sum;
            assertEquals(1e-4 / (1e-4 + p), weights[i], 1e-15);
        }
        double[] large = SifWeights.zipf(30_000, 1e-4);
        for (int i = 1; i < large.length; i++) assertTrue(large[i] > large[i - 1], "rarer tokens weigh more");
        assertThrows(IllegalArgumentException.class, () -> SifWeights.zipf(3, 0));
    }

    @Test
    void pcaFindsTheDominantDirectionsInOrder() {
        // Points along (1, 1, 0) with large spread, along (0, 0, 1) with small spread, plus an offset.
        Random random = new Random(3);
        int n = 2000;
        DMatrixRMaj data = new DMatrixRMaj(n, 3);
        for (int r = 0; r < n; r++) {
            double major = random.nextGaussian() * 10;
            double minor = random.nextGaussian();
            data.set(r, 0, 5 + major / Math.sqrt(2));
            data.set(r, 1, -2 + major / Math.sqrt(2));
            data.set(r, 2, 7 + minor);
        }
        Pca.Result result = Pca.fitTransform(data, 2);
        assertEquals(n, result.projected().numRows);
        assertEquals(2, result.projected().numCols);
        double first = variance(result.projected(), 0);
        double second = variance(result.projected(), 1);
        assertEquals(100, first, 10, "the major axis variance");
        assertEquals(1, second, 0.15, "the minor axis variance");
        assertTrue(result.explainedVarianceRatio() > 0.99, "two of three axes keep nearly everything: " + result.explainedVarianceRatio());
        double mean = 0;
        for (int r = 0; r < n; r++) mean += result.projected().get(r, 0);
        assertEquals(0, mean / n, 1e-9, "centred");
        // svd_flip convention: the first component is +(1, 1, 0)/sqrt(2) (largest loading positive), so its
        // projection grows with x + y of the (now centred, in place) data.
        double agreement = 0;
        for (int r = 0; r < n; r++) agreement += result.projected().get(r, 0) * (data.get(r, 0) + data.get(r, 1));
        assertTrue(agreement > 0, "first component points along +(1, 1, 0)");
    }

    private static double variance(DMatrixRMaj m, int column) {
        double mean = 0;
        for (int r = 0; r < m.numRows; r++) mean += m.get(r, column);
        mean /= m.numRows;
        double sum = 0;
        for (int r = 0; r < m.numRows; r++) sum += Math.pow(m.get(r, column) - mean, 2);
        return sum / (m.numRows - 1);
    }
}
