package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;

/**
 * The least-squares loss and gradient over one block of {@link ColumnBlocks} rows, as one fixed
 * algorithm with two implementations that give identical bits: {@link ScalarLinearKernel} (plain
 * Java) and {@code VectorLinearKernel} (the Vector API, 4 doubles per vector, across rows).
 *
 * <h2>The algorithm</h2>
 * Row i of a block is in lane i mod 4 ({@link BlockKernels}). Per row:
 * <pre>
 *   z = b;  z = fma(x_j, w_j, z) for j = 0 .. d−1        r = z − y
 *   loss lane += (0.5·r)·r      bias lane += r            feature j's lane = fma(r, x_j, feature j's lane)
 * </pre>
 * Each lane's sums run over its rows in ascending order; the caller ({@link LinearRegressionLoss})
 * totals each sum's lanes with {@link BlockKernels#total}.
 *
 * <h2>Lanes array</h2>
 * The loss lanes at {@link #LOSS}, the bias gradient's at {@link #BIAS}, feature j's gradient at
 * {@link #FEATURES} + 4j (the layout of {@link LogisticKernel}); see {@link #lanesLength}.
 */
interface LinearKernel {

    int LOSS = 0;
    int BIAS = LANES;
    int FEATURES = 2 * LANES;

    /** Per-row scratch of a block: the residuals r. */
    int SCRATCH_LENGTH = ColumnBlocks.ROWS;

    static int lanesLength(int features) {
        return FEATURES + LANES * features;
    }

    /**
     * Adds the losses of {@code rows} rows of a block to the loss lanes.
     *
     * @param x the block's columns: feature j of row i at {@code xOffset + j·ColumnBlocks.ROWS + i}
     * @param labels y of row i at {@code labelOffset + i}
     * @param w d feature weights, then the bias
     * @param scratch {@link #SCRATCH_LENGTH} doubles, overwritten
     */
    void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch);

    /** {@link #addLosses}, and the gradient terms to the bias and feature lanes. */
    void addLossesAndGradients(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch);

    /** The Vector API kernel where it is available and fast, else the scalar one ({@link BlockKernels#forThisJvm}). */
    static LinearKernel forThisJvm() {
        return BlockKernels.forThisJvm(LinearKernel.class, "dev.gdsweep.loss.model.VectorLinearKernel",
                ScalarLinearKernel.INSTANCE);
    }
}
