package dev.gdsweep.optim;

/**
 * Adagrad (Ruder §4.3): G ← G + g²; w ← w − η/√(G + ε) · g, per coordinate. ε is inside the square
 * root, as in the overview; TensorFlow and PyTorch add it outside, η/(√G + ε)·g.
 */
final class Adagrad implements UpdateRule {

    private final double epsilon;
    private final double[] sumSquares;

    Adagrad(int dimension, double epsilon) {
        this.epsilon = epsilon;
        this.sumSquares = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(sumSquares, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            double s = sumSquares[i] + g[i] * g[i];
            sumSquares[i] = s;
            w[i] -= lr / Math.sqrt(s + epsilon) * g[i];
        }
    }
}
