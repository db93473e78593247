package dev.gdsweep.optim;

/**
 * Momentum (Ruder §4.1): v ← γ·v + η·g; w ← w − v, with v = 0 at the start. Some libraries
 * (PyTorch) keep η outside the velocity, v ← γ·v + g; w ← w − η·v: the same path for a constant η,
 * a different one when a schedule changes η.
 */
final class Momentum implements UpdateRule {

    private final double gamma;
    private final double[] velocity;

    Momentum(int dimension, double gamma) {
        this.gamma = gamma;
        this.velocity = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(velocity, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            double v = gamma * velocity[i] + lr * g[i];
            velocity[i] = v;
            w[i] -= v;
        }
    }
}
