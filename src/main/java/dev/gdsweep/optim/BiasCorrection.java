package dev.gdsweep.optim;

/**
 * The Adam family's bias correction 1 − βᵗ for the step after iteration k (t = k + 1), the same
 * bits as {@code 1 - Math.pow(beta, k + 1)}, read from a table made once. The lanes of a lockstep
 * batch are at different iterations, so each would call {@code Math.pow} twice per step; a table
 * lookup costs a fraction of that.
 *
 * <p>The table stops where the correction reaches exactly 1 (βᵗ below half an ulp of 1: t ≈ 350 for
 * β = 0.9, ≈ 37,000 for β = 0.999): {@code Math.pow} is semi-monotonic, so βᵗ only shrinks after
 * that and 1 − βᵗ stays 1. For β so close to 1 that the table would pass {@link #MAX_TABLE}
 * entries, later iterations call {@code Math.pow} as the single-run rule does.
 */
final class BiasCorrection {

    /** The most entries kept (512 KB). */
    static final int MAX_TABLE = 1 << 16;

    private final double beta;
    private final double[] table;
    /** Whether the correction is exactly 1 at every iteration past the table. */
    private final boolean saturated;

    BiasCorrection(double beta) {
        this.beta = beta;
        double[] values = new double[MAX_TABLE];
        int n = 0;
        boolean one = false;
        while (n < MAX_TABLE && !one) {
            double c = 1 - Math.pow(beta, n + 1L);
            values[n++] = c;
            one = c == 1.0;
        }
        this.table = java.util.Arrays.copyOf(values, n);
        this.saturated = one;
    }

    /** 1 − β^(k+1), as {@code 1 - Math.pow(beta, k + 1)} with k a whole number below 2^53. */
    double at(double k) {
        if (k < table.length) {
            return table[(int) k];
        }
        return saturated ? 1.0 : 1 - Math.pow(beta, k + 1);
    }
}
