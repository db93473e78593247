package dev.gdsweep.loss.model;

/**
 * Multinomial logistic (softmax) regression with a ridge penalty, over K ≥ 2 classes. Class c has
 * feature weights W_c ∈ ℝᵈ and a bias b_c; the logits are z_c = xᵢ·W_c + b_c, and
 * <pre>
 *   L = (1/m) Σᵢ [log Σ_c e^{z_c} − z_{yᵢ}] + (l2/2) Σ_c ‖W_c‖²
 *   ∂L/∂W_c = (1/m) Σᵢ (p_c − [yᵢ = c]) xᵢ + l2·W_c,   ∂L/∂b_c = (1/m) Σᵢ (p_c − [yᵢ = c])
 * </pre>
 * with p = softmax(z), evaluated stably (see {@code SoftmaxCrossEntropy}).
 *
 * <p>Weights (dimension K·(d + 1)), class-major: class c's block starts at c·(d + 1) and holds
 * W_c's d weights in feature order, then b_c. Adding one vector to every class's block leaves the
 * loss unchanged, so without l2 the minimum is not unique; the biases, never penalised, stay
 * determined only up to a common shift (their gradients sum to 0, so gradient descent keeps their
 * mean). Predicts the class of the largest logit, the lowest index on ties.
 */
public final class SoftmaxRegressionLoss extends ModelLoss {

    private final int classes;
    private final double[] logits;
    private final double[] delta;

    public SoftmaxRegressionLoss(DenseData data, double l2) {
        super(requireClasses(data), l2, new int[] {data.classCount()}, new int[] {data.featureCount()});
        this.classes = data.classCount();
        this.logits = new double[classes];
        this.delta = new double[classes];
    }

    private static DenseData requireClasses(DenseData data) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException("softmax regression needs classification data, got " + data);
        }
        return data;
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    @Override
    public SoftmaxRegressionLoss on(DenseData other) {
        checkCompatible(other);
        return new SoftmaxRegressionLoss(other, l2());
    }

    /** z_c = x_i·W_c + b_c into {@link #logits}. */
    private void computeLogits(double[] w, int i) {
        int stride = d + 1;
        for (int c = 0; c < classes; c++) {
            logits[c] = Kernels.dot(x, i * d, w, c * stride, d) + w[c * stride + d];
        }
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        double sum = 0;
        for (int k = 0; k < count; k++) {
            int i = row(rows, k);
            computeLogits(w, i);
            sum += SoftmaxCrossEntropy.loss(logits, classes, (int) y[i]);
        }
        return sum;
    }

    @Override
    double sumLossAndGradient(double[] w, double[] g, int[] rows, int count) {
        int stride = d + 1;
        double sum = 0;
        for (int k = 0; k < count; k++) {
            int i = row(rows, k);
            computeLogits(w, i);
            sum += SoftmaxCrossEntropy.lossAndDelta(logits, classes, (int) y[i], delta);
            for (int c = 0; c < classes; c++) {
                Kernels.axpy(delta[c], x, i * d, g, c * stride, d);
                g[c * stride + d] += delta[c];
            }
        }
        return sum;
    }

    @Override
    int correctCount(double[] w) {
        int correct = 0;
        for (int i = 0; i < m; i++) {
            computeLogits(w, i);
            correct += SoftmaxCrossEntropy.argmax(logits, classes) == (int) y[i] ? 1 : 0;
        }
        return correct;
    }
}
