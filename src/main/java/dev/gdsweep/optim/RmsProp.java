package dev.gdsweep.optim;

/**
 * RMSprop (Ruder §4.5, Hinton's lecture 6e): E[g²] ← ρ·E[g²] + (1−ρ)·g²; w ← w − η/√(E[g²] + ε)·g.
 * ε inside the root as in the overview; PyTorch and Keras add it outside. Default ρ = 0.9.
 */
final class RmsProp implements UpdateRule {

    private final double rho;
    private final double epsilon;
    private final double[] meanSquare;

    RmsProp(int dimension, double rho, double epsilon) {
        this.rho = rho;
        this.epsilon = epsilon;
        this.meanSquare = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(meanSquare, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            double e = rho * meanSquare[i] + (1 - rho) * g[i] * g[i];
            meanSquare[i] = e;
            w[i] -= lr / Math.sqrt(e + epsilon) * g[i];
        }
    }

    /** {@link #step} for lanes, the same operations per lane; meanSquare[i][l]. */
    static final class Lanes implements LaneUpdateRule {

        private final double rho;
        private final double epsilon;
        private final double[][] meanSquare;

        Lanes(int dimension, int lanes, double rho, double epsilon) {
            this.rho = rho;
            this.epsilon = epsilon;
            this.meanSquare = new double[dimension][lanes];
        }

        @Override
        public int lanes() {
            return meanSquare[0].length;
        }

        @Override
        public void start(int lane) {
            for (double[] e : meanSquare) {
                e[lane] = 0.0;
            }
        }

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            final double keep = 1 - rho; // the scalar rule's (1 - rho), the same bits
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                double[] ei = meanSquare[i];
                for (int l = 0; l < lanes; l++) {
                    double e = rho * ei[l] + keep * gi[l] * gi[l];
                    ei[l] = e;
                    wi[l] -= rate[l] / Math.sqrt(e + epsilon) * gi[l];
                }
            }
        }
    }
}
