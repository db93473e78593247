package dev.gdsweep.optim;

/**
 * Adadelta (Ruder §4.4, Zeiler 2012): E[g²] ← ρ·E[g²] + (1−ρ)·g²;
 * Δ = −√(E[Δw²] + ε)/√(E[g²] + ε) · g; E[Δw²] ← ρ·E[Δw²] + (1−ρ)·Δ²; w ← w + η·Δ.
 * Adadelta has no learning rate of its own: the sweep's learning rate η multiplies the step (1 gives
 * the original method), as in PyTorch's {@code lr} for Adadelta. Defaults ρ = 0.95, ε = 1e-6 (Zeiler).
 */
final class Adadelta implements UpdateRule {

    private final double rho;
    private final double epsilon;
    private final double[] meanSquareGradient;
    private final double[] meanSquareDelta;

    Adadelta(int dimension, double rho, double epsilon) {
        this.rho = rho;
        this.epsilon = epsilon;
        this.meanSquareGradient = new double[dimension];
        this.meanSquareDelta = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(meanSquareGradient, 0.0);
        java.util.Arrays.fill(meanSquareDelta, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            double eg = rho * meanSquareGradient[i] + (1 - rho) * g[i] * g[i];
            meanSquareGradient[i] = eg;
            double delta = -Math.sqrt(meanSquareDelta[i] + epsilon) / Math.sqrt(eg + epsilon) * g[i];
            meanSquareDelta[i] = rho * meanSquareDelta[i] + (1 - rho) * delta * delta;
            w[i] += lr * delta;
        }
    }

    /** {@link #step} for lanes, the same operations per lane; the running averages at [i][l]. */
    static final class Lanes implements LaneUpdateRule {

        private final double rho;
        private final double epsilon;
        private final double[][] meanSquareGradient;
        private final double[][] meanSquareDelta;

        Lanes(int dimension, int lanes, double rho, double epsilon) {
            this.rho = rho;
            this.epsilon = epsilon;
            this.meanSquareGradient = new double[dimension][lanes];
            this.meanSquareDelta = new double[dimension][lanes];
        }

        @Override
        public int lanes() {
            return meanSquareGradient[0].length;
        }

        @Override
        public void start(int lane) {
            for (int i = 0; i < meanSquareGradient.length; i++) {
                meanSquareGradient[i][lane] = 0.0;
                meanSquareDelta[i][lane] = 0.0;
            }
        }

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            final double keep = 1 - rho;
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                double[] egi = meanSquareGradient[i];
                double[] edi = meanSquareDelta[i];
                for (int l = 0; l < lanes; l++) {
                    double eg = rho * egi[l] + keep * gi[l] * gi[l];
                    egi[l] = eg;
                    double delta = -Math.sqrt(edi[l] + epsilon) / Math.sqrt(eg + epsilon) * gi[l];
                    edi[l] = rho * edi[l] + keep * delta * delta;
                    wi[l] += rate[l] * delta;
                }
            }
        }
    }
}
