package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;

/**
 * {@link LinearKernel}'s algorithm in plain Java: the reference the Vector API kernel must match bit
 * for bit, and the kernel of JVMs without {@code jdk.incubator.vector}. Its stages take rows
 * [from, to) with {@code from} a multiple of 4, so the vector kernel hands it the rows short of a
 * full vector.
 */
final class ScalarLinearKernel implements LinearKernel {

    static final ScalarLinearKernel INSTANCE = new ScalarLinearKernel();

    private ScalarLinearKernel() {}

    @Override
    public void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch) {
        addLosses(x, xOffset, labels, labelOffset, 0, rows, w, d, lanes, scratch);
    }

    @Override
    public void addLossesAndGradients(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w,
            int d, double[] lanes, double[] scratch) {
        addLosses(x, xOffset, labels, labelOffset, 0, rows, w, d, lanes, scratch);
        DenseStages.addToLanes(scratch, 0, 0, rows, lanes, BIAS);
        DenseStages.addGradients(x, xOffset, 0, rows, d, scratch, 0, lanes, FEATURES);
    }

    /** Residuals r = z − y into scratch[i], and (0.5·r)·r into the loss lanes. */
    static void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int from, int to, double[] w,
            int d, double[] lanes, double[] scratch) {
        DenseStages.margins(x, xOffset, from, to, w, 0, d, scratch, 0);
        for (int i = from; i < to; i++) {
            double r = scratch[i] - labels[labelOffset + i];
            scratch[i] = r;
            lanes[LOSS + (i & (LANES - 1))] += 0.5 * r * r;
        }
    }
}
