package dev.gdsweep.optim;

/** Gradient descent: w ← w − η·g. */
final class PlainGradient implements UpdateRule {

    @Override
    public void reset() {}

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }
}
