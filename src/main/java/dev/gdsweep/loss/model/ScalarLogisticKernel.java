package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;

/**
 * {@link LogisticKernel}'s algorithm in plain Java: the reference the Vector API kernel must match
 * bit for bit, and the kernel of JVMs without {@code jdk.incubator.vector}. It runs in the same
 * stages as the vector kernel, each a loop over the block's rows, so that the JIT can overlap rows
 * (and vectorise the column sweep of the margins). Every stage takes rows [from, to) with
 * {@code from} a multiple of 4, so the vector kernel hands it the rows short of a full vector.
 */
final class ScalarLogisticKernel implements LogisticKernel {

    static final ScalarLogisticKernel INSTANCE = new ScalarLogisticKernel();

    private ScalarLogisticKernel() {}

    @Override
    public void addLosses(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch) {
        addLosses(x, xOffset, signs, signOffset, 0, rows, w, d, lanes, scratch);
    }

    @Override
    public void addLossesAndGradients(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w,
            int d, double[] lanes, double[] scratch) {
        addLosses(x, xOffset, signs, signOffset, 0, rows, w, d, lanes, scratch);
        addResiduals(signs, signOffset, 0, rows, lanes, scratch);
        addGradients(x, xOffset, 0, rows, d, lanes, scratch);
    }

    /** Margins t into scratch[MARGINS + i], e = exp(−|t|) into scratch[EXPS + i], and the loss lanes. */
    static void addLosses(double[] x, int xOffset, double[] signs, int signOffset, int from, int to, double[] w,
            int d, double[] lanes, double[] scratch) {
        // z = b, then fma(x_j, w_j, z) for j = 0, 1, …: column by column, the same per-row order.
        for (int i = from; i < to; i++) {
            scratch[MARGINS + i] = w[d];
        }
        for (int j = 0; j < d; j++) {
            double wj = w[j];
            int column = xOffset + j * ROWS;
            for (int i = from; i < to; i++) {
                scratch[MARGINS + i] = Math.fma(x[column + i], wj, scratch[MARGINS + i]);
            }
        }
        for (int i = from; i < to; i++) {
            double t = signs[signOffset + i] * scratch[MARGINS + i];
            scratch[MARGINS + i] = t;
            scratch[EXPS + i] = PortableMath.expNonPositive(-Math.abs(t));
        }
        for (int i = from; i < to; i++) {
            double t = scratch[MARGINS + i];
            lanes[LOSS + (i & (LANES - 1))] += (t > 0 ? t : 0.0) + PortableMath.log1pUnit(scratch[EXPS + i]);
        }
    }

    /** r = s·((t &lt; 0 ? e : 1)/(1 + e)) = σ(z) − y into scratch[RESIDUALS + i], and into the bias lanes. */
    static void addResiduals(double[] signs, int signOffset, int from, int to, double[] lanes, double[] scratch) {
        for (int i = from; i < to; i++) {
            double t = scratch[MARGINS + i];
            double e = scratch[EXPS + i];
            double r = signs[signOffset + i] * ((t < 0 ? e : 1.0) / (1 + e));
            scratch[RESIDUALS + i] = r;
            lanes[BIAS + (i & (LANES - 1))] += r;
        }
    }

    /** Feature j's lanes gain fma(r_i, x_ij, ·) for the rows [from, to), each lane in row order. */
    static void addGradients(double[] x, int xOffset, int from, int to, int d, double[] lanes, double[] scratch) {
        for (int j = 0; j < d; j++) {
            int column = xOffset + j * ROWS;
            int at = FEATURES + LANES * j;
            double g0 = lanes[at];
            double g1 = lanes[at + 1];
            double g2 = lanes[at + 2];
            double g3 = lanes[at + 3];
            int i = from;
            for (; i + LANES <= to; i += LANES) {
                g0 = Math.fma(scratch[RESIDUALS + i], x[column + i], g0);
                g1 = Math.fma(scratch[RESIDUALS + i + 1], x[column + i + 1], g1);
                g2 = Math.fma(scratch[RESIDUALS + i + 2], x[column + i + 2], g2);
                g3 = Math.fma(scratch[RESIDUALS + i + 3], x[column + i + 3], g3);
            }
            // The last rows, fewer than 4, are lanes 0, 1, 2 in order.
            if (i < to) {
                g0 = Math.fma(scratch[RESIDUALS + i], x[column + i], g0);
            }
            if (i + 1 < to) {
                g1 = Math.fma(scratch[RESIDUALS + i + 1], x[column + i + 1], g1);
            }
            if (i + 2 < to) {
                g2 = Math.fma(scratch[RESIDUALS + i + 2], x[column + i + 2], g2);
            }
            lanes[at] = g0;
            lanes[at + 1] = g1;
            lanes[at + 2] = g2;
            lanes[at + 3] = g3;
        }
    }
}
