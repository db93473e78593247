package dev.gdsweep.optim;

/**
 * What Adam, Nadam and AMSGrad share (Ruder §4.6): per coordinate, the moving averages
 * m ← β₁m + (1−β₁)g of the gradient and v ← β₂v + (1−β₂)g² of its square, both starting at 0, and
 * the bias corrections 1 − βᵗ for the step after iteration k (t = k + 1). They differ only in how
 * they step with them. (AdaMax keeps its own: its second estimate is a running maximum of |g|.)
 */
abstract class AdamFamily implements UpdateRule {

    final double beta1;
    final double beta2;
    final double epsilon;
    private final double[] m;
    private final double[] v;

    AdamFamily(int dimension, double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = new double[dimension];
        this.v = new double[dimension];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(m, 0.0);
        java.util.Arrays.fill(v, 0.0);
    }

    /** Updates mᵢ with gᵢ and returns it. */
    final double first(int i, double gi) {
        double mi = beta1 * m[i] + (1 - beta1) * gi;
        m[i] = mi;
        return mi;
    }

    /** Updates vᵢ with gᵢ and returns it. */
    final double second(int i, double gi) {
        double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
        v[i] = vi;
        return vi;
    }

    /** 1 − β₁ᵗ for the step after iteration k. */
    final double correction1(long k) {
        return 1 - Math.pow(beta1, k + 1);
    }

    /** 1 − β₂ᵗ for the step after iteration k. */
    final double correction2(long k) {
        return 1 - Math.pow(beta2, k + 1);
    }

    /**
     * What the family's lane rules share: m[i][l] and v[i][l], and per lane this step's bias corrections
     * ({@link #corrections}), from tables as the lanes are at different iterations.
     */
    abstract static class Lanes implements LaneUpdateRule {

        final double beta1;
        final double beta2;
        final double epsilon;
        /** The scalar rule's (1 − β₁) and (1 − β₂), the same bits. */
        final double keep1;
        final double keep2;
        final double[][] m;
        final double[][] v;
        /** Per lane, this step's 1 − β₁ᵗ and 1 − β₂ᵗ (after {@link #corrections}). */
        final double[] correction1;
        final double[] correction2;
        private final BiasCorrection table1;
        private final BiasCorrection table2;

        Lanes(int dimension, int lanes, double beta1, double beta2, double epsilon, boolean corrected) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
            this.keep1 = 1 - beta1;
            this.keep2 = 1 - beta2;
            this.m = new double[dimension][lanes];
            this.v = new double[dimension][lanes];
            this.correction1 = new double[lanes];
            this.correction2 = new double[lanes];
            this.table1 = corrected ? new BiasCorrection(beta1) : null;
            this.table2 = corrected ? new BiasCorrection(beta2) : null;
        }

        @Override
        public int lanes() {
            return correction1.length;
        }

        @Override
        public void start(int lane) {
            for (int i = 0; i < m.length; i++) {
                m[i][lane] = 0.0;
                v[i][lane] = 0.0;
            }
        }

        /** Fills {@link #correction1} and {@link #correction2} for the step after iteration k[l]. */
        final void corrections(int lanes, double[] k) {
            for (int l = 0; l < lanes; l++) {
                correction1[l] = table1.at(k[l]);
                correction2[l] = table2.at(k[l]);
            }
        }
    }
}
