package dev.gdsweep.loss.model;

/**
 * The stages of an {@link MlpLoss} evaluation over one block of {@link ColumnBlocks} rows, as one
 * fixed algorithm with two implementations that give identical bits: {@link ScalarMlpKernel} (plain
 * Java) and {@code VectorMlpKernel} (the incubating Vector API, 4 rows per vector).
 *
 * <h2>The algorithm</h2>
 * Every per-row array is column-major over the block, as the features are: value u of row i at
 * {@code u·ColumnBlocks.ROWS + i}. A block goes forward layer by layer for all its rows, then back:
 * <pre>
 *   combine     out_u = fma(in_{n−1}, c_{u,n−1}, … fma(in_1, c_{u,1}, fma(in_0, c_{u,0}, z₀)))   per row
 *               forward:  u a unit, c its input weights, z₀ its bias;
 *               backward: u an input of the layer, c the weights from it to each unit, z₀ = 0 (Wᵀδ)
 *   activate    a = φ(z): relu as Math.max(z, 0), tanh as {@link MlpMath#tanh}
 *   derivative  δ = s·(1 − a·a) for tanh, δ = (a &gt; 0 ? s : 0) for relu
 *   gradients   weight (u, v)'s lane i mod 4 gains fma(δ_u, in_v, ·), the bias's lane gains δ_u
 * </pre>
 * Row i (counted from the block's start, a multiple of 4) is lane i mod {@value #LANES} of every
 * gradient sum, and each lane sums its rows in ascending order; the caller adds the lanes as
 * (l₀ + l₁) + (l₂ + l₃). Everything else is per row, in an order that does not depend on the other
 * rows. So the result depends on the lane count alone: not on the SIMD width, the block size or
 * whether the Vector API is there. The loss at the outputs is per row too, its sum in the same
 * 4 lanes: the softmax cross-entropy here ({@link #addSoftmaxLosses}), ½r² for regression in
 * {@link MlpLoss}.
 *
 * <h2>Arrays</h2>
 * The per-row stages fill rows [0, rows); the vector kernel also writes the rest of the last group
 * of 4, which nobody may read. {@code lanes} holds
 * the running gradient sums: weight k of the flat weight vector ({@link MlpLoss}'s layout) at
 * {@code lanesOffset + 4k}.
 */
interface MlpKernel {

    /** The fixed number of accumulators per sum: part of the algorithm, whatever the hardware. */
    int LANES = 4;

    /** The sum of the 4 lanes at {@code offset}, in the algorithm's fixed order. */
    static double total(double[] lanes, int offset) {
        return (lanes[offset] + lanes[offset + 1]) + (lanes[offset + 2] + lanes[offset + 3]);
    }

    /**
     * out[u·ROWS + i] = the fma chain above over v = 0 … inputs − 1, for u &lt; units and i &lt; rows.
     *
     * @param in input v of row i at {@code inOffset + v·ROWS + i}
     * @param w the coefficient c_{u,v} at {@code wOffset + u·unitStride + v·inputStride}
     * @param bias z₀ = the coefficient at v = inputs (a unit's bias, after its input weights), else 0
     */
    void combine(double[] in, int inOffset, int inputs, double[] w, int wOffset, int unitStride, int inputStride,
            int units, boolean bias, double[] out, int rows);

    /** a ← φ(a) for the units × rows values of a. */
    void activate(Activation activation, double[] a, int units, int rows);

    /** delta ← φ'·delta, φ' read from the activated outputs {@code a}, for the units × rows values. */
    void multiplyByDerivative(Activation activation, double[] delta, double[] a, int units, int rows);

    /**
     * For each of the {@code units} units u of a layer with {@code inputs} inputs, over rows [0, rows):
     * the lanes of weight (u, v), at {@code lanesOffset + 4·(u·(inputs + 1) + v)}, gain δ_u·in_v, and
     * those of u's bias, at v = inputs, gain δ_u.
     */
    void addGradients(double[] delta, int units, double[] in, int inOffset, int inputs, double[] lanes,
            int lanesOffset, int rows);

    /**
     * The softmax cross-entropy of each row i &lt; rows, with logits z[c·ROWS + i] for c &lt; classes
     * and class labels[labelOffset + i], added to lanes[lossOffset + i mod 4]; with a non-null
     * {@code delta}, ∂ℓ/∂z_c written to delta[c·ROWS + i]. {@code SoftmaxCrossEntropy.lossAndDelta}'s
     * formulas: top = the first largest logit, ℓ = (z_top − z_y) + log1p(Σ_{c ≠ top} e^{z_c − z_top})
     * summed in class order, p_top − 1 = −s/(1 + s); exp from {@link PortableMath}, log1p from
     * {@link MlpMath}. {@code scratch}: {@link #SCRATCH_LENGTH} doubles, overwritten.
     */
    void addSoftmaxLosses(double[] z, int classes, double[] labels, int labelOffset, int rows, double[] delta,
            double[] lanes, int lossOffset, double[] scratch);

    /** Per-row scratch of {@link #addSoftmaxLosses}: the largest logit, its class, the label's logit, Σ e. */
    int SOFTMAX_MAX = 0;
    int SOFTMAX_TOP = ColumnBlocks.ROWS;
    int SOFTMAX_LABEL_LOGIT = 2 * ColumnBlocks.ROWS;
    int SOFTMAX_REST = 3 * ColumnBlocks.ROWS;
    int SCRATCH_LENGTH = 4 * ColumnBlocks.ROWS;

    /**
     * The Vector API kernel when the module {@code jdk.incubator.vector} is in the boot layer and the
     * CPU has 256-bit vectors; otherwise the scalar one. Either gives the same bits. The vector class
     * is loaded by name only after the module check, so a JVM without the module never touches it.
     */
    static MlpKernel forThisJvm() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Class<?> vector = Class.forName("dev.gdsweep.loss.model.VectorMlpKernel");
                Object kernel = vector.getDeclaredMethod("ifFast").invoke(null);
                if (kernel != null) {
                    return (MlpKernel) kernel;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // Not expected with the module present; the scalar kernel computes the same values.
            }
        }
        return ScalarMlpKernel.INSTANCE;
    }
}
