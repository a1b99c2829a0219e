package dev.embedlab.lab.distill;

/**
 * Model2Vec's SIF weights with Zipf-estimated frequencies: token of rank r (its position in the id-sorted
 * vocabulary, from 0) gets {@code p = (1/(r+2)) / sum(1/(i+2))} and weight {@code sif / (sif + p)}, so
 * frequent (low-id) tokens are damped. Applied to the rows after PCA.
 */
final class SifWeights {

    private SifWeights() {
    }

    static double[] zipf(int tokens, double sifCoefficient) {
        if (!(sifCoefficient > 0 && sifCoefficient < 1))
            throw new IllegalArgumentException("the SIF coefficient must be in (0, 1), got " + sifCoefficient);
        double sum = 0;
        for (int i = 0; i < tokens; i++) sum += 1.0 / (i + 2);
        double[] weights = new double[tokens];
        for (int i = 0; i < tokens; i++) {
            double probability = (1.0 / (i + 2)) / sum;
            weights[i] = sifCoefficient / (sifCoefficient + probability);
        }
        return weights;
    }
}
