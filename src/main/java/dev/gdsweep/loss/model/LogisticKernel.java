package dev.gdsweep.loss.model;

/**
 * The logistic loss and gradient over one block of {@link ColumnBlocks} rows, as one fixed
 * algorithm with two implementations that give identical bits: {@link ScalarLogisticKernel} (plain
 * Java) and {@code VectorLogisticKernel} (the incubating Vector API, 4 doubles per vector).
 *
 * <h2>The algorithm</h2>
 * Row i of a block (i counted from the block's start, which is always a multiple of 4) belongs to
 * lane i mod {@value #LANES}. Per row, with sign s = 1 − 2y:
 * <pre>
 *   z = b;  z = fma(x_j, w_j, z) for j = 0 .. d−1       t = s·z,  e = exp(−|t|)    ({@link PortableMath})
 *   loss lane   += (t &gt; 0 ? t : 0) + log1p(e)          r = s·((t &lt; 0 ? e : 1) / (1 + e))   (= σ(z) − y)
 *   bias lane   += r                                    feature j's lane = fma(r, x_j, feature j's lane)
 * </pre>
 * Each lane's sums run over its rows in ascending order, so the results depend on the lane count and
 * nothing else: not on the SIMD width, the block size or whether the Vector API is there. The caller
 * ({@link LogisticRegressionLoss}) adds the 4 lanes of each sum as (l₀ + l₁) + (l₂ + l₃).
 *
 * <h2>Lanes array</h2>
 * {@code lanes} holds the running sums between blocks: the loss lanes at {@link #LOSS}, the bias
 * gradient's at {@link #BIAS}, feature j's gradient at {@link #FEATURES} + 4j; see {@link #lanesLength}.
 */
interface LogisticKernel {

    /** The fixed number of accumulators per sum: part of the algorithm, whatever the hardware. */
    int LANES = BlockKernels.LANES;
    int LOSS = 0;
    int BIAS = LANES;
    int FEATURES = 2 * LANES;

    /** Per-row scratch of a block: the margins t, then e = exp(−|t|), then the residuals r. */
    int MARGINS = 0;
    int EXPS = ColumnBlocks.ROWS;
    int RESIDUALS = 2 * ColumnBlocks.ROWS;
    int SCRATCH_LENGTH = 3 * ColumnBlocks.ROWS;

    static int lanesLength(int features) {
        return FEATURES + LANES * features;
    }

    /** The sum of the 4 lanes at {@code offset}, in the algorithm's fixed order. */
    static double total(double[] lanes, int offset) {
        return BlockKernels.total(lanes, offset);
    }

    /**
     * Adds the losses of {@code rows} rows of a block to the loss lanes.
     *
     * @param x the block's columns: feature j of row i at {@code xOffset + j·ColumnBlocks.ROWS + i}
     * @param signs 1 − 2y of row i at {@code signOffset + i}
     * @param w d feature weights, then the bias
     * @param scratch {@link #SCRATCH_LENGTH} doubles, overwritten
     */
    void addLosses(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch);

    /** {@link #addLosses}, and the gradient terms to the bias and feature lanes. */
    void addLossesAndGradients(double[] x, int xOffset, double[] signs, int signOffset, int rows, double[] w, int d,
            double[] lanes, double[] scratch);

    /**
     * The Vector API kernel when the module {@code jdk.incubator.vector} is in the boot layer (the JVM
     * was started with {@code --add-modules=jdk.incubator.vector}) and the CPU has 256-bit vectors;
     * otherwise the scalar one. Either gives the same bits; only the speed differs. The vector class
     * is loaded by name only after the module check, so a JVM without the module never touches it.
     */
    static LogisticKernel forThisJvm() {
        return BlockKernels.forThisJvm(LogisticKernel.class, "dev.gdsweep.loss.model.VectorLogisticKernel",
                ScalarLogisticKernel.INSTANCE);
    }
}
