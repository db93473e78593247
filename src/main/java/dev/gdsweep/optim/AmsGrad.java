package dev.gdsweep.optim;

/**
 * AMSGrad (Ruder's overview, later version; Reddi et al. 2018): m ← β₁m + (1−β₁)g;
 * v ← β₂v + (1−β₂)g²; v̂ ← max(v̂, v); w ← w − η/(√v̂ + ε)·m. No bias correction, as in the
 * overview and the paper; PyTorch's {@code amsgrad=True} applies Adam's bias correction as well.
 */
final class AmsGrad extends AdamFamily {

    private final double[] vMax;

    AmsGrad(int dimension, double beta1, double beta2, double epsilon) {
        super(dimension, beta1, beta2, epsilon);
        this.vMax = new double[dimension];
    }

    @Override
    public void reset() {
        super.reset();
        java.util.Arrays.fill(vMax, 0.0);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        for (int i = 0; i < w.length; i++) {
            double mi = first(i, g[i]);
            double vHat = Math.max(vMax[i], second(i, g[i]));
            vMax[i] = vHat;
            w[i] -= lr / (Math.sqrt(vHat) + epsilon) * mi;
        }
    }

    /** {@link #step} for lanes, the same operations per lane; v̂ at vMax[i][l]. */
    static final class Lanes extends AdamFamily.Lanes {

        private final double[][] vMax;

        Lanes(int dimension, int lanes, double beta1, double beta2, double epsilon) {
            super(dimension, lanes, beta1, beta2, epsilon, false);
            this.vMax = new double[dimension][lanes];
        }

        @Override
        public void start(int lane) {
            super.start(lane);
            for (double[] vm : vMax) {
                vm[lane] = 0.0;
            }
        }

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                double[] mi = m[i];
                double[] vi = v[i];
                double[] vmi = vMax[i];
                for (int l = 0; l < lanes; l++) {
                    double gil = gi[l];
                    double mil = beta1 * mi[l] + keep1 * gil;
                    double vil = beta2 * vi[l] + keep2 * gil * gil;
                    mi[l] = mil;
                    vi[l] = vil;
                    double vHat = Math.max(vmi[l], vil);
                    vmi[l] = vHat;
                    wi[l] -= rate[l] / (Math.sqrt(vHat) + epsilon) * mil;
                }
            }
        }
    }
}
