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

    /** {@link #step} for lanes, the same operations per lane; sumSquares[i][l]. */
    static final class Lanes implements LaneUpdateRule {

        private final double epsilon;
        private final double[][] sumSquares;

        Lanes(int dimension, int lanes, double epsilon) {
            this.epsilon = epsilon;
            this.sumSquares = new double[dimension][lanes];
        }

        @Override
        public int lanes() {
            return sumSquares[0].length;
        }

        @Override
        public void start(int lane) {
            for (double[] s : sumSquares) {
                s[lane] = 0.0;
            }
        }

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                double[] si = sumSquares[i];
                for (int l = 0; l < lanes; l++) {
                    double s = si[l] + gi[l] * gi[l];
                    si[l] = s;
                    wi[l] -= rate[l] / Math.sqrt(s + epsilon) * gi[l];
                }
            }
        }
    }
}
