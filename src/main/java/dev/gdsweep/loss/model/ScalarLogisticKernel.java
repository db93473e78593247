package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;

/**
 * {@link LogisticKernel}'s algorithm in plain Java, one row at a time: the reference the Vector API
 * kernel must match bit for bit, and the kernel of JVMs without {@code jdk.incubator.vector}.
 */
final class ScalarLogisticKernel implements LogisticKernel {

    static final ScalarLogisticKernel INSTANCE = new ScalarLogisticKernel();

    private ScalarLogisticKernel() {}

    @Override
    public void addLosses(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch) {
        addRows(x, xOffset, signs, signOffset, 0, rows, w, d, lanes, scratch, false);
    }

    @Override
    public void addLossesAndGradients(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w,
            int d, double[] lanes, double[] scratch) {
        addRows(x, xOffset, signs, signOffset, 0, rows, w, d, lanes, scratch, true);
        addGradients(x, xOffset, 0, rows, d, lanes, scratch);
    }

    /**
     * Rows [from, to) of a block: the loss lanes, and with {@code gradient} the bias lanes and
     * scratch[RESIDUALS + i] = r. Also the vector kernel's tail (the last rows short of a full vector).
     */
    static void addRows(double[] x, int xOffset, double[] signs, int signOffset, int from, int to, double[] w, int d,
            double[] lanes, double[] scratch, boolean gradient) {
        double b = w[d];
        for (int i = from; i < to; i++) {
            double z = b;
            for (int j = 0; j < d; j++) {
                z = Math.fma(x[xOffset + j * ROWS + i], w[j], z);
            }
            double sign = signs[signOffset + i];
            double t = sign * z;
            double e = PortableMath.expNonPositive(-Math.abs(t));
            int lane = i & (LANES - 1);
            lanes[LOSS + lane] += (t > 0 ? t : 0.0) + PortableMath.log1pUnit(e);
            if (gradient) {
                double r = sign * ((t < 0 ? e : 1.0) / (1 + e));
                lanes[BIAS + lane] += r;
                scratch[RESIDUALS + i] = r;
            }
        }
    }

    /** Feature j's lanes gain fma(r_i, x_ij, ·) for the rows [from, to) of the block, in row order. */
    static void addGradients(double[] x, int xOffset, int from, int to, int d, double[] lanes, double[] scratch) {
        for (int j = 0; j < d; j++) {
            int column = xOffset + j * ROWS;
            int lanesOffset = FEATURES + LANES * j;
            for (int i = from; i < to; i++) {
                int lane = lanesOffset + (i & (LANES - 1));
                lanes[lane] = Math.fma(scratch[RESIDUALS + i], x[column + i], lanes[lane]);
            }
        }
    }
}
