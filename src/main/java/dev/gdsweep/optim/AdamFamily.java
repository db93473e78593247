package dev.gdsweep.optim;

/**
 * What Adam, Nadam and AMSGrad share (Ruder §4.6): per coordinate, the moving averages
 * m ← β₁m + (1−β₁)g of the gradient and v ← β₂v + (1−β₂)g² of its square, both starting at 0, and
 * the bias corrections 1 − βᵗ for the step after iteration k (t = k + 1). They differ only in how
 * they step with them. (AdaMax keeps its own: its second estimate is a running maximum of |g|.)
 */
abstract class AdamFamily implements UpdateRule {

    final double beta1;
    final double beta2;
    final double epsilon;
    private final double[] m;
    private final double[] v;

    AdamFamily(int dimension, double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[dimension];
        this.v = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(m, 0.0);
        java.util.Arrays.fill(v, 0.0);
    }

    /** Updates mᵢ with gᵢ and returns it. */
    final double first(int i, double gi) {
        double mi = beta1 * m[i] + (1 - beta1) * gi;
        m[i] = mi;
        return mi;
    }

    /** Updates vᵢ with gᵢ and returns it. */
    final double second(int i, double gi) {
        double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
        v[i] = vi;
        return vi;
    }

    /** 1 − β₁ᵗ for the step after iteration k. */
    final double correction1(long k) {
        return 1 - Math.pow(beta1, k + 1);
    }

    /** 1 − β₂ᵗ for the step after iteration k. */
    final double correction2(long k) {
        return 1 - Math.pow(beta2, k + 1);
    }
}
