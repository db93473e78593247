package dev.gdsweep.loss.model;

/**
 * The inner loops the models are built from, over slices of flat arrays. Kept in one place and
 * plain (a single counted loop each, no branches) so the JIT can unroll and vectorise them. Logistic
 * regression's sums have their own blocked, fixed-order kernel instead ({@link LogisticKernel}).
 */
final class Kernels {

    private Kernels() {}

    /** Σ_{i &lt; n} a[aOff + i] · b[bOff + i]. */
    static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /** y[yOff + i] += alpha · x[xOff + i] for i &lt; n. */
    static void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }
}
