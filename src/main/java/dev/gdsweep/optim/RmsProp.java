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
}
