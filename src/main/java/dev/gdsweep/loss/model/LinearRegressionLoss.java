package dev.gdsweep.loss.model;

/**
 * Least squares with a ridge penalty:
 * <pre>
 *   L(w, b) = (1/m) Σᵢ ½ (xᵢ·w + b − yᵢ)² + (l2/2)‖w‖²
 *   ∂L/∂w = (1/m) Σᵢ rᵢ xᵢ + l2·w,   ∂L/∂b = (1/m) Σᵢ rᵢ,   rᵢ = xᵢ·w + b − yᵢ
 * </pre>
 * Weights (dimension d + 1): the d feature weights w₀ … w_{d−1} in feature order, then the bias b;
 * the bias is not penalised. Needs regression data. One pass over the rows: each row's residual is
 * used at once to add rᵢxᵢ into the gradient.
 */
public final class LinearRegressionLoss extends ModelLoss {

    public LinearRegressionLoss(DenseData data, double l2) {
        super(requireRegression(data), l2, new int[] {1}, new int[] {data.featureCount()});
    }

    private static DenseData requireRegression(DenseData data) {
        if (data.isClassification()) {
            throw new IllegalArgumentException("linear regression needs regression data, got " + data);
        }
        return data;
    }

    @Override
    public boolean isClassifier() {
        return false;
    }

    @Override
    public LinearRegressionLoss on(DenseData other) {
        checkCompatible(other);
        return new LinearRegressionLoss(other, l2());
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        double b = w[d];
        double sum = 0;
        for (int k = 0; k < count; k++) {
            int i = row(rows, k);
            double r = Kernels.dot(x, i * d, w, 0, d) + b - y[i];
            sum += 0.5 * r * r;
        }
        return sum;
    }

    @Override
    double sumLossAndGradient(double[] w, double[] g, int[] rows, int count) {
        double b = w[d];
        double sum = 0;
        double biasGradient = 0;
        for (int k = 0; k < count; k++) {
            int i = row(rows, k);
            double r = Kernels.dot(x, i * d, w, 0, d) + b - y[i];
            sum += 0.5 * r * r;
            Kernels.axpy(r, x, i * d, g, 0, d);
            biasGradient += r;
        }
        g[d] = biasGradient;
        return sum;
    }
}
