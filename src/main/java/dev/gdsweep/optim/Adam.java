package dev.gdsweep.optim;

/**
 * Adam (Ruder §4.6, Kingma and Ba 2015): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ); w ← w − η·m̂/(√v̂ + ε), with t = k + 1 for the step after
 * iteration k. ε outside the root, as in the paper and the common libraries.
 */
final class Adam implements UpdateRule {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;

    Adam(int dimension, double beta1, double beta2, double epsilon) {
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

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        double t = k + 1;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < w.length; i++) {
            double mi = beta1 * m[i] + (1 - beta1) * g[i];
            double vi = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            m[i] = mi;
            v[i] = vi;
            w[i] -= lr * (mi / correction1) / (Math.sqrt(vi / correction2) + epsilon);
        }
    }
}
