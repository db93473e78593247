package dev.gdsweep.loss.model;

import java.util.Arrays;

/**
 * Multinomial logistic (softmax) regression with a ridge penalty, over K ≥ 2 classes. Class c has
 * feature weights W_c ∈ ℝᵈ and a bias b_c; the logits are z_c = xᵢ·W_c + b_c, and
 * <pre>
 *   L = (1/m) Σᵢ [log Σ_c e^{z_c} − z_{yᵢ}] + (l2/2) Σ_c ‖W_c‖²
 *   ∂L/∂W_c = (1/m) Σᵢ (p_c − [yᵢ = c]) xᵢ + l2·W_c,   ∂L/∂b_c = (1/m) Σᵢ (p_c − [yᵢ = c])
 * </pre>
 * with p = softmax(z), evaluated stably (see {@code SoftmaxCrossEntropy}).
 *
 * <p>Weights (dimension K·(d + 1)), class-major: class c's block starts at c·(d + 1) and holds
 * W_c's d weights in feature order, then b_c. Adding one vector to every class's block leaves the
 * loss unchanged, so without l2 the minimum is not unique; the biases, never penalised, stay
 * determined only up to a common shift (their gradients sum to 0, so gradient descent keeps their
 * mean). Predicts the class of the largest logit, the lowest index on ties.
 *
 * <h2>Evaluation</h2>
 * The sums run through {@link SoftmaxKernel}, blocked and in a fixed order as
 * {@link LogisticRegressionLoss}'s: 128-row column-major blocks ({@link DenseData#columnBlocks()}),
 * 4 accumulator lanes per sum, exp and log1p from {@link PortableMath}, the Vector API when the JVM
 * has it and plain Java otherwise, the same bits either way; a mini-batch is gathered 128 rows at a
 * time into a block of scratch.
 */
public final class SoftmaxRegressionLoss extends ModelLoss {

    private static final SoftmaxKernel FASTEST_KERNEL = SoftmaxKernel.forThisJvm();

    private final int classes;
    private final SoftmaxKernel kernel;
    private final double[] blocks;
    /** Scratch: the kernel's running lane sums, its per-row values, a gathered mini-batch block, and logits for predictions. */
    private final double[] lanes;
    private final double[] scratch;
    private final double[] batchBlock;
    private final double[] batchLabels = new double[ColumnBlocks.ROWS];
    private final double[] logits;

    public SoftmaxRegressionLoss(DenseData data, double l2) {
        this(data, l2, FASTEST_KERNEL);
    }

    /** With a given kernel, for the tests that compare the two. */
    SoftmaxRegressionLoss(DenseData data, double l2, SoftmaxKernel kernel) {
        super(requireClasses(data), l2, new int[] {data.classCount()}, new int[] {data.featureCount()});
        this.classes = data.classCount();
        this.kernel = kernel;
        this.blocks = data.columnBlocks();
        this.lanes = new double[SoftmaxKernel.lanesLength(d, classes)];
        this.scratch = new double[SoftmaxKernel.scratchLength(classes)];
        this.batchBlock = new double[ColumnBlocks.ROWS * d];
        this.logits = new double[classes];
    }

    /** "vector" or "scalar": the kernel this JVM's losses use (the values are the same). */
    static String kernelName() {
        return FASTEST_KERNEL instanceof ScalarSoftmaxKernel ? "scalar" : "vector";
    }

    private static DenseData requireClasses(DenseData data) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException("softmax regression needs classification data, got " + data);
        }
        return data;
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    @Override
    public SoftmaxRegressionLoss on(DenseData other) {
        checkCompatible(other);
        return new SoftmaxRegressionLoss(other, l2(), kernel);
    }

    /** z_c = x_i·W_c + b_c into {@link #logits}. */
    private void computeLogits(double[] w, int i) {
        int stride = d + 1;
        for (int c = 0; c < classes; c++) {
            logits[c] = Kernels.dot(x, i * d, w, c * stride, d) + w[c * stride + d];
        }
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        addToLanes(w, rows, count, false);
        return BlockKernels.total(lanes, SoftmaxKernel.LOSS);
    }

    @Override
    double sumLossAndGradient(double[] w, double[] g, int[] rows, int count) {
        addToLanes(w, rows, count, true);
        for (int k = 0; k < g.length; k++) {
            g[k] = BlockKernels.total(lanes, SoftmaxKernel.WEIGHTS + BlockKernels.LANES * k);
        }
        return BlockKernels.total(lanes, SoftmaxKernel.LOSS);
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
            kernel.addLossesAndGradients(columns, offset, labels, labelOffset, n, w, d, classes, lanes, scratch);
        } else {
            kernel.addLosses(columns, offset, labels, labelOffset, n, w, d, classes, lanes, scratch);
        }
    }

    @Override
    int correctCount(double[] w) {
        int correct = 0;
        for (int i = 0; i < m; i++) {
            computeLogits(w, i);
            correct += SoftmaxCrossEntropy.argmax(logits, classes) == (int) y[i] ? 1 : 0;
        }
        return correct;
    }
}
