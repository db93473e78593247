package dev.gdsweep.loss.model;

import java.util.Arrays;

/**
 * Binary logistic regression (mean log-loss) with a ridge penalty. With z = x·w + b and
 * σ(z) = 1/(1 + e^{−z}), labels y ∈ {0, 1} (class index 1 is the positive class, the second class
 * name in sorted order):
 * <pre>
 *   ℓ = −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(t),  t = (1 − 2y)·z,
 *   softplus(t) = log(1 + e^t) = max(t, 0) + log1p(e^{−|t|})
 *   L = (1/m) Σᵢ ℓᵢ + (l2/2)‖w‖²,   ∂L/∂w = (1/m) Σᵢ (σ(zᵢ) − yᵢ) xᵢ + l2·w,   ∂L/∂b = (1/m) Σᵢ (σ(zᵢ) − yᵢ)
 * </pre>
 * The softplus form never overflows, and σ(z) − y is computed as (1 − 2y)·σ(t), so neither loses
 * its small values to cancellation when the prediction is confidently right: for |z| = 1e4 the loss
 * is 0 or 1e4 and the gradient finite. Weights as {@link LinearRegressionLoss}: d feature weights,
 * then the bias. Predicts class 1 when z &gt; 0 (σ(z) &gt; ½), class 0 otherwise.
 *
 * <h2>Evaluation</h2>
 * The sums run through {@link LogisticKernel}: a fixed algorithm over blocks of 128 rows laid out
 * column-major ({@link DenseData#columnBlocks()}: a second copy of the features, made once per data
 * set and shared), with 4 accumulator lanes per sum and exp/log1p from {@link PortableMath}. It
 * uses the Vector API when the JVM runs with {@code --add-modules=jdk.incubator.vector} (bin/gdsweep
 * and spark-submit add it) and plain Java otherwise; both give the same bits on any machine. A
 * mini-batch is gathered 128 rows at a time into a block of scratch and goes through the same
 * kernel, with its k-th row in lane k mod 4.
 */
public final class LogisticRegressionLoss extends ModelLoss {

    private static final LogisticKernel FASTEST_KERNEL = LogisticKernel.forThisJvm();

    private final LogisticKernel kernel;
    private final double[] blocks;
    /** 1 − 2y per row: t = sign·z. */
    private final double[] signs;
    /** Scratch: the kernel's running lane sums, its per-row values, and a gathered mini-batch block. */
    private final double[] lanes;
    private final double[] scratch = new double[LogisticKernel.SCRATCH_LENGTH];
    private final double[] batchBlock;
    private final double[] batchSigns = new double[ColumnBlocks.ROWS];

    public LogisticRegressionLoss(DenseData data, double l2) {
        this(data, l2, FASTEST_KERNEL);
    }

    /** With a given kernel, for the tests that compare the two. */
    LogisticRegressionLoss(DenseData data, double l2, LogisticKernel kernel) {
        super(requireBinary(data), l2, new int[] {1}, new int[] {data.featureCount()});
        this.kernel = kernel;
        this.blocks = data.columnBlocks();
        this.signs = new double[m];
        for (int i = 0; i < m; i++) {
            signs[i] = 1 - 2 * y[i];
        }
        this.lanes = new double[LogisticKernel.lanesLength(d)];
        this.batchBlock = new double[ColumnBlocks.ROWS * d];
    }

    /** "vector" or "scalar": the kernel this JVM's losses use (the values are the same). */
    static String kernelName() {
        return FASTEST_KERNEL instanceof ScalarLogisticKernel ? "scalar" : "vector";
    }

    private static DenseData requireBinary(DenseData data) {
        if (data.classCount() != 2) {
            throw new IllegalArgumentException("logistic regression needs 2 classes, got " + data);
        }
        return data;
    }

    @Override
    public boolean isClassifier() {
        return true;
    }

    @Override
    public LogisticRegressionLoss on(DenseData other) {
        checkCompatible(other);
        return new LogisticRegressionLoss(other, l2(), kernel);
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        addToLanes(w, rows, count, false);
        return LogisticKernel.total(lanes, LogisticKernel.LOSS);
    }

    @Override
    double sumLossAndGradient(double[] w, double[] g, int[] rows, int count) {
        addToLanes(w, rows, count, true);
        for (int j = 0; j < d; j++) {
            g[j] = LogisticKernel.total(lanes, LogisticKernel.FEATURES + LogisticKernel.LANES * j);
        }
        g[d] = LogisticKernel.total(lanes, LogisticKernel.BIAS);
        return LogisticKernel.total(lanes, LogisticKernel.LOSS);
    }

    /** Runs the kernel over every block of the data, or of the gathered batch, into fresh lanes. */
    private void addToLanes(double[] w, int[] rows, int count, boolean gradient) {
        Arrays.fill(lanes, 0.0);
        int blockSize = ColumnBlocks.ROWS * d;
        for (int from = 0, offset = 0; from < count; from += ColumnBlocks.ROWS, offset += blockSize) {
            int n = Math.min(ColumnBlocks.ROWS, count - from);
            if (rows == null) {
                addBlock(blocks, offset, signs, from, n, w, gradient);
            } else {
                ColumnBlocks.gather(x, d, rows, from, n, batchBlock);
                for (int k = 0; k < n; k++) {
                    batchSigns[k] = signs[rows[from + k]];
                }
                addBlock(batchBlock, 0, batchSigns, 0, n, w, gradient);
            }
        }
    }

    private void addBlock(double[] columns, int offset, double[] blockSigns, int signOffset, int n, double[] w,
            boolean gradient) {
        if (gradient) {
            kernel.addLossesAndGradients(columns, offset, blockSigns, signOffset, n, w, d, lanes, scratch);
        } else {
            kernel.addLosses(columns, offset, blockSigns, signOffset, n, w, d, lanes, scratch);
        }
    }

    @Override
    int correctCount(double[] w) {
        double b = w[d];
        int correct = 0;
        for (int i = 0; i < m; i++) {
            double predicted = Kernels.dot(x, i * d, w, 0, d) + b > 0 ? 1 : 0;
            correct += predicted == y[i] ? 1 : 0;
        }
        return correct;
    }
}
