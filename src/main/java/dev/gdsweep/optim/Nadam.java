package dev.gdsweep.optim;

/**
 * Nadam (Ruder §4.8, Dozat 2016), in the overview's form: m and v as in Adam, then
 * w ← w − η/(√v̂ + ε) · (β₁m̂ + (1−β₁)g/(1−β₁ᵗ)), t = k + 1. Dozat's paper and Keras also use a
 * momentum schedule μ_t; this is the overview's constant-β₁ version.
 */
final class Nadam implements UpdateRule {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double[] m;
    private final double[] v;

    Nadam(int dimension, double beta1, double beta2, double epsilon) {
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
            double nesterovMoment = beta1 * (mi / correction1) + (1 - beta1) * g[i] / correction1;
            w[i] -= lr / (Math.sqrt(vi / correction2) + epsilon) * nesterovMoment;
        }
    }
}
