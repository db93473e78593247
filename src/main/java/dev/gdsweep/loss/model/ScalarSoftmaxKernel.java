package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;
import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;

/**
 * {@link SoftmaxKernel}'s algorithm in plain Java: the reference the Vector API kernel must match
 * bit for bit, and the kernel of JVMs without {@code jdk.incubator.vector}. It runs in the vector
 * kernel's stages, each a loop over rows [from, to) ({@code from} a multiple of 4), so that the
 * vector kernel can hand it the rows short of a full vector at each stage.
 */
final class ScalarSoftmaxKernel implements SoftmaxKernel {

    static final ScalarSoftmaxKernel INSTANCE = new ScalarSoftmaxKernel();

    private ScalarSoftmaxKernel() {}

    @Override
    public void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d,
            int k, double[] lanes, double[] scratch) {
        addLosses(x, xOffset, labels, labelOffset, 0, rows, w, d, k, lanes, scratch);
    }

    @Override
    public void addLossesAndGradients(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w,
            int d, int k, double[] lanes, double[] scratch) {
        addLosses(x, xOffset, labels, labelOffset, 0, rows, w, d, k, lanes, scratch);
        inverses(0, rows, k, scratch);
        for (int c = 0; c < k; c++) {
            deltas(labels, labelOffset, 0, rows, k, c, d, lanes, scratch);
        }
        for (int c = 0; c < k; c++) {
            DenseStages.addGradients(x, xOffset, 0, rows, d, scratch, c * ROWS, lanes, weightLanes(c, d));
        }
    }

    /** Where class c's d feature lanes start, its bias lanes 4d further on. */
    static int weightLanes(int c, int d) {
        return WEIGHTS + LANES * c * (d + 1);
    }

    /** Every stage up to the loss lanes: logits, z_max, top and z_y, then e_c and s, then the loss. */
    static void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int from, int to, double[] w,
            int d, int k, double[] lanes, double[] scratch) {
        for (int c = 0; c < k; c++) {
            DenseStages.margins(x, xOffset, from, to, w, c * (d + 1), d, scratch, c * ROWS);
        }
        maxima(labels, labelOffset, from, to, k, scratch);
        exps(from, to, k, scratch);
        addLossLanes(from, to, k, lanes, scratch);
    }

    /** z_max, top and z_y of each row into the scratch. */
    static void maxima(double[] labels, int labelOffset, int from, int to, int k, double[] scratch) {
        int maxima = SoftmaxKernel.maxima(k);
        int tops = SoftmaxKernel.tops(k);
        int labelLogits = SoftmaxKernel.labelLogits(k);
        for (int i = from; i < to; i++) {
            double zMax = scratch[i];
            int top = 0;
            for (int c = 1; c < k; c++) {
                double z = scratch[c * ROWS + i];
                if (z > zMax) {
                    zMax = z;
                    top = c;
                }
            }
            scratch[maxima + i] = zMax;
            scratch[tops + i] = top;
            scratch[labelLogits + i] = scratch[(int) labels[labelOffset + i] * ROWS + i];
        }
    }

    /** e_c = (c = top ? 0 : exp(z_c − z_max)) over z_c in the scratch, and s = Σ_c e_c in class order. */
    static void exps(int from, int to, int k, double[] scratch) {
        int maxima = SoftmaxKernel.maxima(k);
        int tops = SoftmaxKernel.tops(k);
        int sums = SoftmaxKernel.sums(k);
        for (int i = from; i < to; i++) {
            double zMax = scratch[maxima + i];
            double top = scratch[tops + i];
            double s = 0;
            for (int c = 0; c < k; c++) {
                double e = c == top ? 0.0 : PortableMath.expNonPositive(scratch[c * ROWS + i] - zMax);
                scratch[c * ROWS + i] = e;
                s += e;
            }
            scratch[sums + i] = s;
        }
    }

    /** The loss lanes gain (z_max − z_y) + log1p(s). */
    static void addLossLanes(int from, int to, int k, double[] lanes, double[] scratch) {
        int maxima = SoftmaxKernel.maxima(k);
        int labelLogits = SoftmaxKernel.labelLogits(k);
        int sums = SoftmaxKernel.sums(k);
        for (int i = from; i < to; i++) {
            lanes[LOSS + (i & (LANES - 1))] += (scratch[maxima + i] - scratch[labelLogits + i])
                    + PortableMath.log1p(scratch[sums + i]);
        }
    }

    /** q = 1/(1 + s) of each row into the scratch. */
    static void inverses(int from, int to, int k, double[] scratch) {
        int sums = SoftmaxKernel.sums(k);
        int inverses = SoftmaxKernel.inverses(k);
        for (int i = from; i < to; i++) {
            scratch[inverses + i] = 1 / (1 + scratch[sums + i]);
        }
    }

    /** Class c's δ_c over its e_c in the scratch, and into class c's bias lanes. */
    static void deltas(double[] labels, int labelOffset, int from, int to, int k, int c, int d, double[] lanes,
            double[] scratch) {
        int tops = SoftmaxKernel.tops(k);
        int sums = SoftmaxKernel.sums(k);
        int inverses = SoftmaxKernel.inverses(k);
        int bias = weightLanes(c, d) + LANES * d;
        for (int i = from; i < to; i++) {
            double q = scratch[inverses + i];
            boolean top = scratch[tops + i] == c;
            double delta = top ? q : scratch[c * ROWS + i] * q;
            if (labels[labelOffset + i] == c) {
                // p_y ≤ ½ unless y is the top class: no cancellation either way.
                delta = top ? -scratch[sums + i] * q : delta - 1;
            }
            scratch[c * ROWS + i] = delta;
            lanes[bias + (i & (LANES - 1))] += delta;
        }
    }
}
