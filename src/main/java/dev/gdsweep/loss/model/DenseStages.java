package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;
import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;

/**
 * The two stages every dense layer's kernel has, in plain Java, over rows [from, to) of one
 * {@link ColumnBlocks} block ({@code from} a multiple of 4): a unit's pre-activations, and the
 * gradient sums Σ r_i·x_ij into a unit's feature lanes. {@link VectorDenseStages} computes the same
 * bits with the Vector API; the kernels hand the rows short of a full vector to these.
 */
final class DenseStages {

    private DenseStages() {}

    /**
     * out[outOffset + i] = z_i with z = b; z = fma(x_j, w_j, z) for j = 0 .. d−1, where w_j is
     * {@code w[wOffset + j]} and b is {@code w[wOffset + d]}: column by column, the same per-row order.
     */
    static void margins(double[] x, int xOffset, int from, int to, double[] w, int wOffset, int d, double[] out,
            int outOffset) {
        double b = w[wOffset + d];
        for (int i = from; i < to; i++) {
            out[outOffset + i] = b;
        }
        for (int j = 0; j < d; j++) {
            double wj = w[wOffset + j];
            int column = xOffset + j * ROWS;
            for (int i = from; i < to; i++) {
                out[outOffset + i] = Math.fma(x[column + i], wj, out[outOffset + i]);
            }
        }
    }

    /**
     * Feature j's lanes, at {@code lanesOffset + 4j}, gain fma(r_i, x_ij, ·) for the rows [from, to),
     * r_i being {@code r[rOffset + i]}; each lane in row order.
     */
    static void addGradients(double[] x, int xOffset, int from, int to, int d, double[] r, int rOffset, double[] lanes,
            int lanesOffset) {
        for (int j = 0; j < d; j++) {
            int column = xOffset + j * ROWS;
            int at = lanesOffset + LANES * j;
            double g0 = lanes[at];
            double g1 = lanes[at + 1];
            double g2 = lanes[at + 2];
            double g3 = lanes[at + 3];
            int i = from;
            for (; i + LANES <= to; i += LANES) {
                g0 = Math.fma(r[rOffset + i], x[column + i], g0);
                g1 = Math.fma(r[rOffset + i + 1], x[column + i + 1], g1);
                g2 = Math.fma(r[rOffset + i + 2], x[column + i + 2], g2);
                g3 = Math.fma(r[rOffset + i + 3], x[column + i + 3], g3);
            }
            // The last rows, fewer than 4, are lanes 0, 1, 2 in order.
            if (i < to) {
                g0 = Math.fma(r[rOffset + i], x[column + i], g0);
            }
            if (i + 1 < to) {
                g1 = Math.fma(r[rOffset + i + 1], x[column + i + 1], g1);
            }
            if (i + 2 < to) {
                g2 = Math.fma(r[rOffset + i + 2], x[column + i + 2], g2);
            }
            lanes[at] = g0;
            lanes[at + 1] = g1;
            lanes[at + 2] = g2;
            lanes[at + 3] = g3;
        }
    }

    /** lanes[offset + (i mod 4)] += v[vOffset + i] for the rows [from, to). */
    static void addToLanes(double[] v, int vOffset, int from, int to, double[] lanes, int offset) {
        for (int i = from; i < to; i++) {
            lanes[offset + (i & (LANES - 1))] += v[vOffset + i];
        }
    }
}
