package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;

/**
 * {@link MlpKernel}'s algorithm in plain Java: the reference the Vector API kernel must match bit
 * for bit, and the kernel of JVMs without {@code jdk.incubator.vector}. Each stage is a loop over
 * the block's rows innermost, so the JIT can overlap rows. The static forms of the two stages that
 * sum into lanes (the gradients and the softmax losses) take rows [from, to) with {@code from} a
 * multiple of 4, so the vector kernel hands them the rows short of a full vector.
 */
final class ScalarMlpKernel implements MlpKernel {

    static final ScalarMlpKernel INSTANCE = new ScalarMlpKernel();

    private ScalarMlpKernel() {}

    @Override
    public void combine(double[] in, int inOffset, int inputs, double[] w, int wOffset, int unitStride,
            int inputStride, int units, boolean bias, double[] out, int rows) {
        for (int u = 0; u < units; u++) {
            int coefficients = wOffset + u * unitStride;
            int at = u * ROWS;
            double z0 = bias ? w[coefficients + inputs * inputStride] : 0.0;
            for (int i = 0; i < rows; i++) {
                out[at + i] = z0;
            }
            // Column by column: each row's chain runs over v = 0, 1, … in order.
            for (int v = 0; v < inputs; v++) {
                double c = w[coefficients + v * inputStride];
                int column = inOffset + v * ROWS;
                for (int i = 0; i < rows; i++) {
                    out[at + i] = Math.fma(in[column + i], c, out[at + i]);
                }
            }
        }
    }

    @Override
    public void activate(Activation activation, double[] a, int units, int rows) {
        for (int u = 0; u < units; u++) {
            int at = u * ROWS;
            if (activation == Activation.RELU) {
                for (int i = at; i < at + rows; i++) {
                    a[i] = Math.max(a[i], 0.0);
                }
            } else {
                for (int i = at; i < at + rows; i++) {
                    a[i] = MlpMath.tanh(a[i]);
                }
            }
        }
    }

    @Override
    public void multiplyByDerivative(Activation activation, double[] delta, double[] a, int units, int rows) {
        for (int u = 0; u < units; u++) {
            int at = u * ROWS;
            if (activation == Activation.RELU) {
                for (int i = at; i < at + rows; i++) {
                    delta[i] = a[i] > 0 ? delta[i] : 0.0;
                }
            } else {
                for (int i = at; i < at + rows; i++) {
                    delta[i] = delta[i] * (1 - a[i] * a[i]);
                }
            }
        }
    }

    @Override
    public void addGradients(double[] delta, int units, double[] in, int inOffset, int inputs, double[] lanes,
            int lanesOffset, int rows) {
        addGradients(delta, units, in, inOffset, inputs, lanes, lanesOffset, 0, rows);
    }

    /** {@link #addGradients(double[], int, double[], int, int, double[], int, int)} over rows [from, to). */
    static void addGradients(double[] delta, int units, double[] in, int inOffset, int inputs, double[] lanes,
            int lanesOffset, int from, int to) {
        for (int u = 0; u < units; u++) {
            int unitLanes = lanesOffset + LANES * u * (inputs + 1);
            int deltas = u * ROWS;
            for (int v = 0; v < inputs; v++) {
                addLanes(delta, deltas, in, inOffset + v * ROWS, lanes, unitLanes + LANES * v, from, to);
            }
            addLanes(delta, deltas, null, 0, lanes, unitLanes + LANES * inputs, from, to);
        }
    }

    /** lanes[at + i mod 4] gains fma(δ_i, x_i, ·), or δ_i when x is null (a bias), for rows [from, to). */
    private static void addLanes(double[] delta, int deltas, double[] x, int column, double[] lanes, int at,
            int from, int to) {
        double g0 = lanes[at];
        double g1 = lanes[at + 1];
        double g2 = lanes[at + 2];
        double g3 = lanes[at + 3];
        int i = from;
        if (x == null) {
            for (; i + LANES <= to; i += LANES) {
                g0 += delta[deltas + i];
                g1 += delta[deltas + i + 1];
                g2 += delta[deltas + i + 2];
                g3 += delta[deltas + i + 3];
            }
            // The last rows, fewer than 4, are lanes 0, 1, 2 in order.
            g0 = i < to ? g0 + delta[deltas + i] : g0;
            g1 = i + 1 < to ? g1 + delta[deltas + i + 1] : g1;
            g2 = i + 2 < to ? g2 + delta[deltas + i + 2] : g2;
        } else {
            for (; i + LANES <= to; i += LANES) {
                g0 = Math.fma(delta[deltas + i], x[column + i], g0);
                g1 = Math.fma(delta[deltas + i + 1], x[column + i + 1], g1);
                g2 = Math.fma(delta[deltas + i + 2], x[column + i + 2], g2);
                g3 = Math.fma(delta[deltas + i + 3], x[column + i + 3], g3);
            }
            g0 = i < to ? Math.fma(delta[deltas + i], x[column + i], g0) : g0;
            g1 = i + 1 < to ? Math.fma(delta[deltas + i + 1], x[column + i + 1], g1) : g1;
            g2 = i + 2 < to ? Math.fma(delta[deltas + i + 2], x[column + i + 2], g2) : g2;
        }
        lanes[at] = g0;
        lanes[at + 1] = g1;
        lanes[at + 2] = g2;
        lanes[at + 3] = g3;
    }

    @Override
    public void addSoftmaxLosses(double[] z, int classes, double[] labels, int labelOffset, int rows, double[] delta,
            double[] lanes, int lossOffset, double[] scratch) {
        addSoftmaxLosses(z, classes, labels, labelOffset, delta, lanes, lossOffset, 0, rows);
    }

    /** {@link #addSoftmaxLosses(double[], int, double[], int, int, double[], double[], int, double[])} over rows
     * [from, to), without scratch. */
    static void addSoftmaxLosses(double[] z, int classes, double[] labels, int labelOffset, double[] delta,
            double[] lanes, int lossOffset, int from, int to) {
        for (int i = from; i < to; i++) {
            int top = 0;
            double zMax = z[i];
            for (int c = 1; c < classes; c++) {
                if (z[c * ROWS + i] > zMax) {
                    zMax = z[c * ROWS + i];
                    top = c;
                }
            }
            int label = (int) labels[labelOffset + i];
            double rest = 0;
            for (int c = 0; c < classes; c++) {
                double e = c == top ? 0 : PortableMath.expNonPositive(z[c * ROWS + i] - zMax);
                if (delta != null) {
                    delta[c * ROWS + i] = e;
                }
                rest += e;
            }
            if (delta != null) {
                double inv = 1 / (1 + rest);
                for (int c = 0; c < classes; c++) {
                    delta[c * ROWS + i] *= inv;
                }
                delta[top * ROWS + i] = inv;
                int at = label * ROWS + i;
                delta[at] = label == top ? -rest * inv : delta[at] - 1; // p_label ≤ ½ here: no cancellation
            }
            lanes[lossOffset + (i & (LANES - 1))] += (zMax - z[label * ROWS + i]) + MlpMath.log1p(rest);
        }
    }
}
