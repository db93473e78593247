package dev.gdsweep.optim;

/**
 * Nadam (Ruder §4.8, Dozat 2016), in the overview's form: m and v as in Adam, then
 * w ← w − η/(√v̂ + ε) · (β₁m̂ + (1−β₁)g/(1−β₁ᵗ)), t = k + 1. Dozat's paper and Keras also use a
 * momentum schedule μ_t; this is the overview's constant-β₁ version.
 */
final class Nadam extends AdamFamily {

    Nadam(int dimension, double beta1, double beta2, double epsilon) {
        super(dimension, beta1, beta2, epsilon);
    }

    @Override
    public void step(double[] w, double[] g, long k, double lr) {
        double correction1 = correction1(k);
        double correction2 = correction2(k);
        for (int i = 0; i < w.length; i++) {
            double mi = first(i, g[i]);
            double vi = second(i, g[i]);
            double nesterovMoment = beta1 * (mi / correction1) + (1 - beta1) * g[i] / correction1;
            w[i] -= lr / (Math.sqrt(vi / correction2) + epsilon) * nesterovMoment;
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
                    double c1 = correction1[l];
                    double mil = beta1 * mi[l] + keep1 * gil;
                    double vil = beta2 * vi[l] + keep2 * gil * gil;
                    mi[l] = mil;
                    vi[l] = vil;
                    double nesterovMoment = beta1 * (mil / c1) + keep1 * gil / c1;
                    wi[l] -= rate[l] / (Math.sqrt(vil / correction2[l]) + epsilon) * nesterovMoment;
                }
            }
        }
    }
}
