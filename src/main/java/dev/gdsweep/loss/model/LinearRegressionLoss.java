package dev.gdsweep.loss.model;

import java.util.Arrays;

/**
 * Least squares with a ridge penalty:
 * <pre>
 *   L(w, b) = (1/m) Σᵢ ½ (xᵢ·w + b − yᵢ)² + (l2/2)‖w‖²
 *   ∂L/∂w = (1/m) Σᵢ rᵢ xᵢ + l2·w,   ∂L/∂b = (1/m) Σᵢ rᵢ,   rᵢ = xᵢ·w + b − yᵢ
 * </pre>
 * Weights (dimension d + 1): the d feature weights w₀ … w_{d−1} in feature order, then the bias b;
 * the bias is not penalised. Needs regression data.
 *
 * <h2>Evaluation</h2>
 * The sums run through {@link LinearKernel}, blocked and in a fixed order as
 * {@link LogisticRegressionLoss}'s: 128-row column-major blocks ({@link DenseData#columnBlocks()}),
 * 4 accumulator lanes per sum, the Vector API when the JVM has it and plain Java otherwise, the same
 * bits either way; a mini-batch is gathered 128 rows at a time into a block of scratch.
 */
public final class LinearRegressionLoss extends ModelLoss {

    private static final LinearKernel FASTEST_KERNEL = LinearKernel.forThisJvm();

    private final LinearKernel kernel;
    private final double[] blocks;
    /** Scratch: the kernel's running lane sums, its per-row residuals, and a gathered mini-batch block. */
    private final double[] lanes;
    private final double[] scratch = new double[LinearKernel.SCRATCH_LENGTH];
    private final double[] batchBlock;
    private final double[] batchLabels = new double[ColumnBlocks.ROWS];

    public LinearRegressionLoss(DenseData data, double l2) {
        this(data, l2, FASTEST_KERNEL);
    }

    /** With a given kernel, for the tests that compare the two. */
    LinearRegressionLoss(DenseData data, double l2, LinearKernel kernel) {
        super(requireRegression(data), l2, new int[] {1}, new int[] {data.featureCount()});
        this.kernel = kernel;
        this.blocks = data.columnBlocks();
        this.lanes = new double[LinearKernel.lanesLength(d)];
        this.batchBlock = new double[ColumnBlocks.ROWS * d];
    }

    /** "vector" or "scalar": the kernel this JVM's losses use (the values are the same). */
    static String kernelName() {
        return FASTEST_KERNEL instanceof ScalarLinearKernel ? "scalar" : "vector";
    }

    private static DenseData requireRegression(DenseData data) {
        if (data.isClassification()) {
            throw new IllegalArgumentException("linear regression needs regression data, got " + data);
        }
        return data;
    }

    @Override
    public boolean isClassifier() {
        return false;
    }

    @Override
    public LinearRegressionLoss on(DenseData other) {
        checkCompatible(other);
        return new LinearRegressionLoss(other, l2(), kernel);
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        addToLanes(w, rows, count, false);
        return BlockKernels.total(lanes, LinearKernel.LOSS);
    }

    @Override
    double sumLossAndGradient(double[] w, double[] g, int[] rows, int count) {
        addToLanes(w, rows, count, true);
        for (int j = 0; j < d; j++) {
            g[j] = BlockKernels.total(lanes, LinearKernel.FEATURES + BlockKernels.LANES * j);
        }
        g[d] = BlockKernels.total(lanes, LinearKernel.BIAS);
        return BlockKernels.total(lanes, LinearKernel.LOSS);
    }

    /** Runs the kernel over every block of the data, or of the gathered batch, into fresh lanes. */
    private void addToLanes(double[] w, int[] rows, int count, boolean gradient) {
        Arrays.fill(lanes, 0.0);
        int blockSize = ColumnBlocks.ROWS * d;
        for (int from = 0, offset = 0; from < count; from += ColumnBlocks.ROWS, offset += blockSize) {
            int n = Math.min(ColumnBlocks.ROWS, count - from);
            if (rows == null) {
                addBlock(blocks, offset, y, from, n, w, gradient);
            } else {
                ColumnBlocks.gather(x, d, rows, from, n, batchBlock);
                for (int k = 0; k < n; k++) {
                    batchLabels[k] = y[rows[from + k]];
                }
                addBlock(batchBlock, 0, batchLabels, 0, n, w, gradient);
            }
        }
    }

    private void addBlock(double[] columns, int offset, double[] labels, int labelOffset, int n, double[] w,
            boolean gradient) {
        if (gradient) {
            kernel.addLossesAndGradients(columns, offset, labels, labelOffset, n, w, d, lanes, scratch);
        } else {
            kernel.addLosses(columns, offset, labels, labelOffset, n, w, d, lanes, scratch);
        }
    }
}
