package dev.embedlab.lab;

import dev.embedlab.lab.distill.Pca;
import org.ejml.data.DMatrixRMaj;

/**
 * Document and query vectors cut to fewer dimensions, then L2-normalized again so a dot product stays a cosine:
 * by PCA fitted on the document vectors, documents and queries multiplied by the same components matrix, or by
 * keeping the first dimensions (Matryoshka truncation, what {@code --static-dims} does inside a static model).
 *
 * <p>The PCA rows do not subtract the documents' mean before projecting: the mean is shared by every document,
 * and with renormalized vectors subtracting it from documents and queries (scikit-learn's {@code transform})
 * ranked worse on MIRACL Yoruba with e5-small-v2 (README, issue 12).
 *
 * @param vectors           the row's name: pca-k or first-k
 * @param documents         the reduced documents
 * @param queries           the reduced queries
 * @param explainedVariance share of the documents' variance the k dimensions keep (PCA), NaN for truncation
 */
record ReducedVectors(String vectors, FloatIndex documents, float[][] queries, double explainedVariance) {

    static ReducedVectors pca(FloatIndex floats, float[][] queries, int k) {
        int n = floats.rows();
        int d = floats.dims();
        DMatrixRMaj data = new DMatrixRMaj(n, d);
        float[] m = floats.matrix();
        for (int i = 0; i < n * d; i++) data.data[i] = m[i];
        Pca.Model model = Pca.fit(data, k);
        float[] reduced = new float[n * k];
        for (int row = 0; row < n; row++) {
            model.rotate(m, row * d, reduced, row * k);
            normalize(reduced, row * k, k);
        }
        float[][] q = new float[queries.length][k];
        for (int i = 0; i < queries.length; i++) {
            model.rotate(queries[i], 0, q[i], 0);
            normalize(q[i], 0, k);
        }
        return new ReducedVectors("pca-" + k, new FloatIndex(reduced, n, k), q, model.explainedVarianceRatio());
    }

    static ReducedVectors truncated(FloatIndex floats, float[][] queries, int k) {
        int n = floats.rows();
        int d = floats.dims();
        float[] reduced = new float[n * k];
        for (int row = 0; row < n; row++) {
            System.arraycopy(floats.matrix(), row * d, reduced, row * k, k);
            normalize(reduced, row * k, k);
        }
        float[][] q = new float[queries.length][];
        for (int i = 0; i < queries.length; i++) {
            q[i] = java.util.Arrays.copyOf(queries[i], k);
            normalize(q[i], 0, k);
        }
        return new ReducedVectors("first-" + k, new FloatIndex(reduced, n, k), q, Double.NaN);
    }

    /** Scales v[offset, offset + k) to unit length (left as is when all zero). */
    static void normalize(float[] v, int offset, int k) {
        double sum = 0;
        for (int i = 0; i < k; i++) sum += (double) v[offset + i] * v[offset + i];
        if (sum == 0) return;
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < k; i++) v[offset + i] *= scale;
    }
}
