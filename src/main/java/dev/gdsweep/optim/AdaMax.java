package dev.gdsweep.optim;

/**
 * AdaMax (Ruder §4.7): m ← β₁m + (1−β₁)g; u ← max(β₂u, |g|); w ← w − η/(1−β₁ᵗ) · m/u, t = k + 1.
 * No ε in the overview: a coordinate whose gradient has been exactly 0 at every step so far has
 * m = u = 0 and is not moved (instead of 0/0).
 */
final class AdaMax implements UpdateRule {

    private final double beta1;
    private final double beta2;
    private final double[] m;
    private final double[] u;

    AdaMax(int dimension, double beta1, double beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.m = new double[dimension];
        this.u = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(m, 0.0);
        java.util.Arrays.fill(u, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        double scale = lr / (1 - Math.pow(beta1, k + 1));
        for (int i = 0; i < w.length; i++) {
            double mi = beta1 * m[i] + (1 - beta1) * g[i];
            double ui = Math.max(beta2 * u[i], Math.abs(g[i]));
            m[i] = mi;
            u[i] = ui;
            if (ui != 0) {
                w[i] -= scale * mi / ui;
            }
        }
    }

    /** {@link #step} for lanes, the same operations per lane; m[i][l], u[i][l]. */
    static final class Lanes implements LaneUpdateRule {

        private final double beta1;
        private final double beta2;
        private final BiasCorrection correction1;
        private final double[][] m;
        private final double[][] u;
        /** Per lane, this step's η/(1−β₁ᵗ). */
        private final double[] scale;

        Lanes(int dimension, int lanes, double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.correction1 = new BiasCorrection(beta1);
            this.m = new double[dimension][lanes];
            this.u = new double[dimension][lanes];
            this.scale = new double[lanes];
        }

        @Override
        public int lanes() {
            return scale.length;
        }

        @Override
        public void start(int lane) {
            for (int i = 0; i < m.length; i++) {
                m[i][lane] = 0.0;
                u[i][lane] = 0.0;
            }
        }

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            for (int l = 0; l < lanes; l++) {
                scale[l] = rate[l] / correction1.at(k[l]);
            }
            final double keep = 1 - beta1;
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                double[] mi = m[i];
                double[] ui = u[i];
                for (int l = 0; l < lanes; l++) {
                    double mil = beta1 * mi[l] + keep * gi[l];
                    double uil = Math.max(beta2 * ui[l], Math.abs(gi[l]));
                    mi[l] = mil;
                    ui[l] = uil;
                    double moved = wi[l] - scale[l] * mil / uil;
                    wi[l] = uil != 0 ? moved : wi[l];
                }
            }
        }
    }
}
