package dev.gdsweep.optim;

/**
 * Adam (Ruder §4.6, Kingma and Ba 2015): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ); w ← w − η·m̂/(√v̂ + ε), with t = k + 1 for the step after
 * iteration k. ε outside the root, as in the paper and the common libraries.
 */
final class Adam implements UpdateRule {

    private final Moments moments;
    private final double epsilon;

    Adam(int dimension, double beta1, double beta2, double epsilon) {
        this.moments = new Moments(dimension, beta1, beta2);
        this.epsilon = epsilon;
    }

    @Override
    public void reset() {
        moments.reset();
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        double correction1 = moments.correction1(k);
        double correction2 = moments.correction2(k);
        for (int i = 0; i < w.length; i++) {
            double mi = moments.first(i, g[i]);
            double vi = moments.second(i, g[i]);
            w[i] -= lr * (mi / correction1) / (Math.sqrt(vi / correction2) + epsilon);
        }
    }
}
