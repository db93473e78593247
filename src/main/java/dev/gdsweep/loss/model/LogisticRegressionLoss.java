package dev.gdsweep.loss.model;

/**
 * Binary logistic regression (mean log-loss) with a ridge penalty. With z = x·w + b and
 * σ(z) = 1/(1 + e^{−z}), labels y ∈ {0, 1} (class index 1 is the positive class, the second class
 * name in sorted order):
 * <pre>
 *   ℓ = −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(t),  t = (1 − 2y)·z,
 *   softplus(t) = log(1 + e^t) = max(t, 0) + log1p(e^{−|t|})
 *   L = (1/m) Σᵢ ℓᵢ + (l2/2)‖w‖²,   ∂L/∂w = (1/m) Σᵢ (σ(zᵢ) − yᵢ) xᵢ + l2·w,   ∂L/∂b = (1/m) Σᵢ (σ(zᵢ) − yᵢ)
 * </pre>
 * The softplus form never overflows, and σ(z) − y is computed as (1 − 2y)·σ(t), so neither loses
 * its small values to cancellation when the prediction is confidently right: for |z| = 1e4 the loss
 * is 0 or 1e4 and the gradient finite. Weights as {@link LinearRegressionLoss}: d feature weights,
 * then the bias. Predicts class 1 when z &gt; 0 (σ(z) &gt; ½), class 0 otherwise.
 */
public final class LogisticRegressionLoss extends ModelLoss {

    public LogisticRegressionLoss(DenseData data, double l2) {
        super(requireBinary(data), l2, new int[] {1}, new int[] {data.featureCount()});
    }

    private static DenseData requireBinary(DenseData data) {
        if (data.classCount() != 2) {
            throw new IllegalArgumentException("logistic regression needs 2 classes, got " + data);
        }
        return data;
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    @Override
    public LogisticRegressionLoss on(DenseData other) {
        checkCompatible(other);
        return new LogisticRegressionLoss(other, l2());
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        double b = w[d];
        double sum = 0;
        for (int k = 0; k < count; k++) {
            int i = row(rows, k);
            double t = (1 - 2 * y[i]) * (Kernels.dot(x, i * d, w, 0, d) + b);
            sum += Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
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
            double sign = 1 - 2 * y[i];
            double t = sign * (Kernels.dot(x, i * d, w, 0, d) + b);
            double e = Math.exp(-Math.abs(t));
            sum += Math.max(t, 0) + Math.log1p(e);
            double sigmoidT = t >= 0 ? 1 / (1 + e) : e / (1 + e);
            double r = sign * sigmoidT; // = σ(z) − y
            Kernels.axpy(r, x, i * d, g, 0, d);
            biasGradient += r;
        }
        g[d] = biasGradient;
        return sum;
    }

    @Override
    int correctCount(double[] w) {
        double b = w[d];
        int correct = 0;
        for (int i = 0; i < m; i++) {
            double predicted = Kernels.dot(x, i * d, w, 0, d) + b > 0 ? 1 : 0;
            correct += predicted == y[i] ? 1 : 0;
        }
        return correct;
    }
}
