package dev.gdsweep.optim;

/**
 * Momentum (Ruder §4.1): v ← γ·v + η·g; w ← w − v, with v = 0 at the start. Some libraries
 * (PyTorch) keep η outside the velocity, v ← γ·v + g; w ← w − η·v: the same path for a constant η,
 * a different one when a schedule changes η.
 *
 * <p>With {@code nesterov}, Nesterov accelerated gradient in the reformulated form that needs only
 * the gradient at w_k: the same velocity, then w ← w − (γ·v + η·g). Ruder §4.2 writes it with a
 * look-ahead gradient, v ← γ·v + η·∇J(w − γ·v); w ← w − v; the two produce the same sequence of
 * look-ahead points (the reformulated w is Ruder's w − γ·v), but the reformulation keeps this
 * engine's rule that iteration k's loss and gradient are taken at w_k, as Keras and PyTorch do.
 */
final class Momentum implements UpdateRule {

    private final double gamma;
    private final boolean nesterov;
    private final double[] velocity;

    Momentum(int dimension, double gamma, boolean nesterov) {
        this.gamma = gamma;
        this.nesterov = nesterov;
        this.velocity = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(velocity, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            double step = lr * g[i];
            double v = gamma * velocity[i] + step;
            velocity[i] = v;
            w[i] -= nesterov ? gamma * v + step : v;
        }
    }

    /** {@link #step} for lanes, the same operations per lane; velocity[i][l]. */
    static final class Lanes implements LaneUpdateRule {

        private final double gamma;
        private final boolean nesterov;
        private final double[][] velocity;

        Lanes(int dimension, int lanes, double gamma, boolean nesterov) {
            this.gamma = gamma;
            this.nesterov = nesterov;
            this.velocity = new double[dimension][lanes];
        }

        @Override
        public int lanes() {
            return velocity[0].length;
        }

        @Override
        public void start(int lane) {
            for (double[] v : velocity) {
                v[lane] = 0.0;
            }
        }

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                double[] vi = velocity[i];
                if (nesterov) {
                    for (int l = 0; l < lanes; l++) {
                        double step = rate[l] * gi[l];
                        double v = gamma * vi[l] + step;
                        vi[l] = v;
                        wi[l] -= gamma * v + step;
                    }
                } else {
                    for (int l = 0; l < lanes; l++) {
                        double step = rate[l] * gi[l];
                        double v = gamma * vi[l] + step;
                        vi[l] = v;
                        wi[l] -= v;
                    }
                }
            }
        }
    }
}
