package dev.gdsweep.loss.model;

/**
 * The cross-entropy of a softmax over logits z₀ … z_{K−1} for the true class y:
 * <pre>
 *   ℓ = log Σ_c e^{z_c} − z_y = (z_max − z_y) + log1p(Σ_{c ≠ top} e^{z_c − z_max}),
 *   ∂ℓ/∂z_c = p_c − [c = y],   p_c = e^{z_c − z_max} / (1 + Σ_{c' ≠ top} e^{z_{c'} − z_max})
 * </pre>
 * where top is the first index of the largest logit. Shifting by z_max keeps every exponential in
 * (0, 1]; leaving the top term (exactly 1) out of the sum and using log1p keeps the loss of a
 * confident right prediction accurate instead of rounding it to 0; and p_top − 1 is computed as
 * −s/(1 + s), not by subtraction, for the same reason.
 */
final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {}

    /** ℓ for logits z[0..k) and class {@code label}. */
    static double loss(double[] z, int k, int label) {
        int top = argmax(z, k);
        double zMax = z[top];
        double rest = 0;
        for (int c = 0; c < k; c++) {
            rest += c == top ? 0 : Math.exp(z[c] - zMax);
        }
        return (zMax - z[label]) + Math.log1p(rest);
    }

    /** ℓ, with ∂ℓ/∂z_c written into delta[c] for c &lt; k; the same value as {@link #loss}. */
    static double lossAndDelta(double[] z, int k, int label, double[] delta) {
        int top = argmax(z, k);
        double zMax = z[top];
        double rest = 0;
        for (int c = 0; c < k; c++) {
            double e = c == top ? 0 : Math.exp(z[c] - zMax);
            delta[c] = e;
            rest += e;
        }
        double inv = 1 / (1 + rest);
        for (int c = 0; c < k; c++) {
            delta[c] *= inv;
        }
        delta[top] = inv;
        delta[label] = label == top ? -rest * inv : delta[label] - 1; // p_label ≤ ½ in the second case: no cancellation
        return (zMax - z[label]) + Math.log1p(rest);
    }

    /** The first index of the largest of z[0..k) (so ties go to the lower class index). */
    static int argmax(double[] z, int k) {
        int top = 0;
        for (int c = 1; c < k; c++) {
            if (z[c] > z[top]) {
                top = c;
            }
        }
        return top;
    }
}
