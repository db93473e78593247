package dev.gdsweep.optim;

/**
 * Adam (Ruder §4.6, Kingma and Ba 2015): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * m̂ = m/(1−β₁ᵗ); v̂ = v/(1−β₂ᵗ); w ← w − η·m̂/(√v̂ + ε), with t = k + 1 for the step after
 * iteration k. ε outside the root, as in the paper and the common libraries.
 */
final class Adam extends AdamFamily {

    Adam(int dimension, double beta1, double beta2, double epsilon) {
        super(dimension, beta1, beta2, epsilon);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        double correction1 = correction1(k);
        double correction2 = correction2(k);
        for (int i = 0; i < w.length; i++) {
            double mi = first(i, g[i]);
            double vi = second(i, g[i]);
            w[i] -= lr * (mi / correction1) / (Math.sqrt(vi / correction2) + epsilon);
        }
    }

    /** {@link #step} for lanes, the same operations per lane. */
    static final class Lanes extends AdamFamily.Lanes {

        Lanes(int dimension, int lanes, double beta1, double beta2, double epsilon) {
            super(dimension, lanes, beta1, beta2, epsilon, true);
        }

        @Override
        public void step(int lanes, double[][] w, double[][] g, double[] k, double[] rate) {
            corrections(lanes, k);
            for (int i = 0; i < w.length; i++) {
                double[] wi = w[i];
                double[] gi = g[i];
                double[] mi = m[i];
                double[] vi = v[i];
                for (int l = 0; l < lanes; l++) {
                    double gil = gi[l];
                    double mil = beta1 * mi[l] + keep1 * gil;
                    double vil = beta2 * vi[l] + keep2 * gil * gil;
                    mi[l] = mil;
                    vi[l] = vil;
                    wi[l] -= rate[l] * (mil / correction1[l]) / (Math.sqrt(vil / correction2[l]) + epsilon);
                }
            }
        }
    }
}
