package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;
import static dev.gdsweep.loss.model.VectorDenseStages.SPECIES;

import jdk.incubator.vector.DoubleVector;

/**
 * {@link LinearKernel}'s algorithm with the Vector API: each vector holds 4 consecutive rows, each
 * lane doing {@link ScalarLinearKernel}'s operations in its order, so the bits are the same. Rows
 * short of a full vector at a block's end go through the scalar kernel's code. Only
 * {@link LinearKernel#forThisJvm} loads this class, by name, after checking that the module is there.
 */
final class VectorLinearKernel implements LinearKernel {

    private VectorLinearKernel() {}

    /** A kernel when this CPU runs 256-bit vectors natively, else null. */
    static LinearKernel ifFast() {
        return VectorDenseStages.fast() ? new VectorLinearKernel() : null;
    }

    /** For the tests: the kernel whatever the CPU. */
    static LinearKernel always() {
        return new VectorLinearKernel();
    }

    @Override
    public void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch) {
        int full = rows & -LANES;
        VectorDenseStages.margins(x, xOffset, full, w, 0, d, scratch, 0);
        residuals(labels, labelOffset, full, lanes, scratch);
        ScalarLinearKernel.addLosses(x, xOffset, labels, labelOffset, full, rows, w, d, lanes, scratch);
    }

    @Override
    public void addLossesAndGradients(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w,
            int d, double[] lanes, double[] scratch) {
        addLosses(x, xOffset, labels, labelOffset, rows, w, d, lanes, scratch);
        int full = rows & -LANES;
        VectorDenseStages.addToLanes(scratch, 0, full, lanes, BIAS);
        DenseStages.addToLanes(scratch, 0, full, rows, lanes, BIAS);
        VectorDenseStages.addGradients(x, xOffset, full, d, scratch, 0, lanes, FEATURES);
        DenseStages.addGradients(x, xOffset, full, rows, d, scratch, 0, lanes, FEATURES);
    }

    /** r = z − y into scratch[i], and (0.5·r)·r into the loss lanes. */
    private static void residuals(double[] labels, int labelOffset, int full, double[] lanes, double[] scratch) {
        if (full == 0) {
            return; // as in VectorDenseStages.addToLanes
        }
        DoubleVector loss = DoubleVector.fromArray(SPECIES, lanes, LOSS);
        for (int i = 0; i < full; i += LANES) {
            DoubleVector r = DoubleVector.fromArray(SPECIES, scratch, i)
                    .sub(DoubleVector.fromArray(SPECIES, labels, labelOffset + i));
            r.intoArray(scratch, i);
            loss = loss.add(r.mul(0.5).mul(r));
        }
        loss.intoArray(lanes, LOSS);
    }
}
