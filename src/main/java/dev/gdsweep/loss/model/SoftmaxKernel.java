package dev.gdsweep.loss.model;

import static dev.gdsweep.loss.model.BlockKernels.LANES;
import static dev.gdsweep.loss.model.ColumnBlocks.ROWS;

/**
 * The softmax cross-entropy and its gradient over one block of {@link ColumnBlocks} rows, K ≥ 2
 * classes, as one fixed algorithm with two implementations that give identical bits:
 * {@link ScalarSoftmaxKernel} (plain Java) and {@code VectorSoftmaxKernel} (the Vector API, 4 rows
 * per vector, so each row's operations are the scalar ones).
 *
 * <h2>The algorithm</h2>
 * Row i of a block is in lane i mod 4 ({@link BlockKernels}). Per row, with label y and class c's
 * weights W_c, b_c at c·(d + 1) (the weight layout of {@link SoftmaxRegressionLoss}):
 * <pre>
 *   z_c = b_c;  z_c = fma(x_j, W_cj, z_c) for j = 0 .. d−1                           (each class c)
 *   top = the first c with the largest z_c (c &gt; top wins only when z_c &gt; z_top),  z_max = z_top
 *   s = 0;  e_c = (c = top ? 0 : exp(z_c − z_max));  s += e_c    for c = 0 .. K−1 in order
 *   loss lane += (z_max − z_y) + log1p(s)
 *   q = 1/(1 + s);  δ_c = e_c·q;  δ_top = q;  δ_y = (y = top ? (−s)·q : δ_y − 1)       (= p_c − [c = y])
 *   class c's bias lane += δ_c;  class c's feature j lane = fma(δ_c, x_j, that lane)
 * </pre>
 * exp and log1p are {@link PortableMath}'s ({@link PortableMath#expNonPositive},
 * {@link PortableMath#log1p}), so the bits do not depend on the JDK's intrinsics. This is
 * {@link SoftmaxCrossEntropy}'s arrangement: no overflow, and a confident right prediction keeps
 * its small loss and gradient.
 *
 * <h2>Lanes array</h2>
 * The loss lanes at {@link #LOSS}; then weight k's gradient (k = c·(d + 1) + j, the bias at j = d)
 * at {@link #WEIGHTS} + 4k. See {@link #lanesLength}.
 *
 * <h2>Scratch</h2>
 * K rows of {@link ColumnBlocks#ROWS} per-row values (the logits z_c, then e_c, then δ_c, class c
 * at c·ROWS), then z_max, top, z_y, s and q: {@link #scratchLength}.
 */
interface SoftmaxKernel {

    int LOSS = 0;
    int WEIGHTS = LANES;

    static int lanesLength(int features, int classes) {
        return WEIGHTS + LANES * classes * (features + 1);
    }

    static int scratchLength(int classes) {
        return (classes + 5) * ROWS;
    }

    /** Where the per-row z_max, top (as a double), z_y, s and q start in the scratch. */
    static int maxima(int classes) {
        return classes * ROWS;
    }

    static int tops(int classes) {
        return (classes + 1) * ROWS;
    }

    static int labelLogits(int classes) {
        return (classes + 2) * ROWS;
    }

    static int sums(int classes) {
        return (classes + 3) * ROWS;
    }

    static int inverses(int classes) {
        return (classes + 4) * ROWS;
    }

    /**
     * Adds the losses of {@code rows} rows of a block to the loss lanes.
     *
     * @param x the block's columns: feature j of row i at {@code xOffset + j·ColumnBlocks.ROWS + i}
     * @param labels the class index of row i, as a double, at {@code labelOffset + i}
     * @param w K·(d + 1) weights, class-major
     * @param scratch {@link #scratchLength} doubles, overwritten
     */
    void addLosses(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d, int k,
            double[] lanes, double[] scratch);

    /** {@link #addLosses}, and the gradient terms to the weights' lanes. */
    void addLossesAndGradients(double[] x, int xOffset, double[] labels, int labelOffset, int rows, double[] w, int d,
            int k, double[] lanes, double[] scratch);

    /** The Vector API kernel where it is available and fast, else the scalar one ({@link BlockKernels#forThisJvm}). */
    static SoftmaxKernel forThisJvm() {
        return BlockKernels.forThisJvm(SoftmaxKernel.class, "dev.gdsweep.loss.model.VectorSoftmaxKernel",
                ScalarSoftmaxKernel.INSTANCE);
    }
}
