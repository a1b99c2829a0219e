package dev.embedlab.lab.distill;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Principal component analysis as scikit-learn's {@code PCA(n_components=k, svd_solver="full")
 * .fit_transform(X)}, which Model2Vec's distiller uses: centre the columns, project onto the top-k
 * eigenvectors of the covariance (the right singular vectors of the centred data), no whitening.
 * Each component's sign is fixed so that its largest-magnitude loading is positive (scikit-learn's
 * {@code svd_flip} convention), so runs are reproducible.
 */
public final class Pca {

    /** The projected rows and how much of the variance they keep. */
    record Result(DMatrixRMaj projected, double explainedVarianceRatio) {
    }

    /**
     * A fitted PCA: the column means and the top components (d x k, one component per column), to project other
     * rows the same way ({@code transform} in scikit-learn).
     */
    public record Model(double[] mean, DMatrixRMaj basis, double explainedVarianceRatio) {

        public int components() {
            return basis.numCols;
        }

        /**
         * x · basis for x = src[offset, offset + d), written to dst[dstOffset, dstOffset + k): the coordinates on the
         * components, without subtracting the mean first (scikit-learn's {@code transform} does subtract it).
         */
        public void rotate(float[] src, int offset, float[] dst, int dstOffset) {
            int d = mean.length;
            int k = basis.numCols;
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += src[offset + i] * basis.unsafe_get(i, c);
                dst[dstOffset + c] = (float) sum;
            }
        }
    }

    private Pca() {
    }

    /** Centres {@code data} (n x d) in place and returns its projection on the top {@code components} components. */
    static Result fitTransform(DMatrixRMaj data, int components) {
        Model model = fit(data, components);
        DMatrixRMaj projected = new DMatrixRMaj(data.numRows, components);
        CommonOps_DDRM.mult(data, model.basis(), projected);
        return new Result(projected, model.explainedVarianceRatio());
    }

    /** Fits the top {@code components} components of {@code data} (n x d), which is centred in place. */
    public static Model fit(DMatrixRMaj data, int components) {
        int n = data.numRows;
        int d = data.numCols;
        if (components < 1 || components > d) throw new IllegalArgumentException("components must be in [1, " + d + "], got " + components);
        if (n < 2) throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n);
        double[] mean = new double[d];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < d; c++) mean[c] += data.unsafe_get(r, c);
        for (int c = 0; c < d; c++) mean[c] /= n;
        for (int r = 0; r < n; r++)
            for (int c = 0; c < d; c++) data.unsafe_set(r, c, data.unsafe_get(r, c) - mean[c]);

        DMatrixRMaj covariance = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(data, data, covariance);
        CommonOps_DDRM.scale(1.0 / (n - 1), covariance);
        double totalVariance = CommonOps_DDRM.trace(covariance);

        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eigen.decompose(covariance)) throw new IllegalStateException("eigendecomposition of the " + d + "x" + d + " covariance failed");
        double[] eigenvalues = new double[d];
        for (int i = 0; i < d; i++) {
            Complex_F64 value = eigen.getEigenvalue(i);
            eigenvalues[i] = value.real;
        }
        Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> eigenvalues[i]).reversed());

        DMatrixRMaj basis = new DMatrixRMaj(d, components);
        double kept = 0;
        for (int k = 0; k < components; k++) {
            DMatrixRMaj vector = eigen.getEigenVector(order[k]);
            kept += eigenvalues[order[k]];
            int largest = 0;
            for (int i = 1; i < d; i++) if (Math.abs(vector.get(i)) > Math.abs(vector.get(largest))) largest = i;
            double sign = vector.get(largest) < 0 ? -1 : 1;
            for (int i = 0; i < d; i++) basis.unsafe_set(i, k, sign * vector.get(i));
        }
        return new Model(mean, basis, totalVariance > 0 ? kept / totalVariance : 1);
    }
}
