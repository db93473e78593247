package dev.gdsweep.loss.model;

import java.util.Arrays;

/**
 * A multilayer perceptron: hidden layers with activation φ, then a linear output layer, trained on
 * <ul>
 *   <li>classification data (K classes): K outputs (logits), softmax cross-entropy
 *       log Σ_c e^{z_c} − z_y per row (see {@code SoftmaxCrossEntropy});</li>
 *   <li>regression data: one output o, ½(o − y)² per row;</li>
 * </ul>
 * L = (1/m) Σᵢ ℓᵢ + (l2/2)·Σ (every non-bias weight)². The gradient is exact backpropagation.
 *
 * <h2>Weight layout</h2>
 * Layers l = 0 … L, L = {@code hiddenSizes.length}: layer l maps n_l inputs to n_{l+1} units, with
 * n₀ = d (the features), n_l = hiddenSizes[l − 1] for 1 ≤ l ≤ L, and n_{L+1} = K (or 1 for
 * regression). The weight vector is the layers' blocks in order l = 0, 1, …, L; layer l's block
 * starts at offset_l = Σ_{l' &lt; l} n_{l'+1}·(n_{l'} + 1) and is the row-major [n_{l+1}][n_l + 1]
 * matrix whose row j is unit j's weights from inputs 0 … n_l − 1, then unit j's bias. So unit j of
 * layer l computes z_j = Σ_i w[offset_l + j·(n_l + 1) + i]·aᵢ + w[offset_l + j·(n_l + 1) + n_l].
 * With no hidden layers this is exactly the layout (and the loss) of {@link SoftmaxRegressionLoss}
 * or {@link LinearRegressionLoss}.
 *
 * <p>relu'(0) = 0 (see {@link Activation}).
 *
 * <h2>Evaluation</h2>
 * With hidden layers, the sums run through {@link MlpKernel}: blocks of 128 rows laid out
 * column-major ({@link DenseData#columnBlocks()}, shared with the other models), each sent forward
 * layer by layer for all its rows, then backward, every pre-activation one fixed fma chain, the
 * gradient sums in 4 lanes by row index mod 4 added in a fixed order, tanh from {@link MlpMath}. The
 * output loss is per row: the softmax cross-entropy as {@code SoftmaxCrossEntropy} computes it but
 * with {@link PortableMath}'s exp and {@link MlpMath#log1p}, or ½(o − y)². The kernel uses the
 * Vector API when the JVM has {@code jdk.incubator.vector} and plain Java otherwise, with the same
 * bits either way, on any machine. A mini-batch is gathered 128 rows at a time into a block of
 * scratch, its k-th row in lane k mod 4. Without hidden layers the model is softmax or linear
 * regression, and is evaluated by that class, so the identity holds bit for bit. All scratch is
 * allocated in the constructor.
 */
public final class MlpLoss extends ModelLoss {

    private static final MlpKernel FASTEST_KERNEL = MlpKernel.forThisJvm();
    private static final int ROWS = ColumnBlocks.ROWS;
    private static final int LANES = MlpKernel.LANES;

    private final Activation activation;
    private final boolean classification;
    /** n₀ … n_{L+1}. */
    private final int[] sizes;
    /** offsets[l]: where layer l's block starts. */
    private final int[] offsets;
    private final int lastLayer;
    /** Without hidden layers: the softmax or linear regression this model then is; null otherwise. */
    private final ModelLoss withoutHidden;
    private final MlpKernel kernel;
    /** The features in column-major blocks (see {@link ColumnBlocks}). */
    private final double[] blocks;
    /** act[l]: layer l's outputs for a block, unit-major (unit j of row i at j·ROWS + i), φ applied for l &lt; L. */
    private final double[][] act;
    /** ∂ℓ/∂z of the current layer's units for a block, and of the layer below (swapped going back). */
    private final double[] delta;
    private final double[] deltaBelow;
    /** The gradient lanes, weight k's at 4k, then the loss lanes at {@link #lossLanes}. */
    private final double[] lanes;
    private final int lossLanes;
    /** The kernel's per-row scratch. */
    private final double[] scratch;
    /** A gathered mini-batch block and its labels. */
    private final double[] batchBlock;
    private final double[] batchLabels;

    /**
     * @param hiddenSizes the units of each hidden layer, input side first, each ≥ 1; may be empty
     * @throws IllegalArgumentException on a bad size or l2, or a model too large for one array
     */
    public MlpLoss(DenseData data, int[] hiddenSizes, Activation activation, double l2) {
        this(layerSizes(data.featureCount(), hiddenSizes, data.classCount()), data, activation, l2, FASTEST_KERNEL);
    }

    /** With a given kernel, for the tests that compare the two. */
    MlpLoss(DenseData data, int[] hiddenSizes, Activation activation, double l2, MlpKernel kernel) {
        this(layerSizes(data.featureCount(), hiddenSizes, data.classCount()), data, activation, l2, kernel);
    }

    /** {@code sizes}: n₀ … n_{L+1}, already checked. */
    private MlpLoss(int[] sizes, DenseData data, Activation activation, double l2, MlpKernel kernel) {
        super(data, l2, units(sizes), inputs(sizes));
        if (activation == null) {
            throw new IllegalArgumentException("activation is null");
        }
        this.activation = activation;
        this.classification = data.isClassification();
        this.sizes = sizes;
        this.lastLayer = sizes.length - 2;
        this.kernel = kernel;
        this.offsets = new int[lastLayer + 1];
        int offset = 0;
        int widest = 0;
        for (int l = 0; l <= lastLayer; l++) {
            offsets[l] = offset;
            offset += sizes[l + 1] * (sizes[l] + 1);
            widest = Math.max(widest, sizes[l + 1]);
        }
        this.lossLanes = LANES * dimension();
        if (lastLayer == 0) {
            this.withoutHidden = classification ? new SoftmaxRegressionLoss(data, l2) : new LinearRegressionLoss(data, l2);
            this.blocks = null;
            this.act = null;
            this.delta = null;
            this.deltaBelow = null;
            this.lanes = null;
            this.scratch = null;
            this.batchBlock = null;
            this.batchLabels = null;
            return;
        }
        this.withoutHidden = null;
        this.blocks = data.columnBlocks();
        this.act = new double[lastLayer + 1][];
        for (int l = 0; l <= lastLayer; l++) {
            act[l] = new double[Math.multiplyExact(sizes[l + 1], ROWS)];
        }
        this.delta = new double[Math.multiplyExact(widest, ROWS)];
        this.deltaBelow = new double[delta.length];
        this.lanes = new double[Math.addExact(lossLanes, LANES)];
        this.scratch = new double[MlpKernel.SCRATCH_LENGTH];
        this.batchBlock = new double[Math.multiplyExact(d, ROWS)];
        this.batchLabels = new double[ROWS];
    }

    /** "vector" or "scalar": the kernel this JVM's MLPs use (the values are the same). */
    static String kernelName() {
        return FASTEST_KERNEL instanceof ScalarMlpKernel ? "scalar" : "vector";
    }

    /**
     * The dimension of an MLP over {@code features} features with these hidden layers, for
     * {@code classes} classes (0 for regression), without building one.
     */
    public static int parameterCount(int features, int[] hiddenSizes, int classes) {
        int[] sizes = layerSizes(features, hiddenSizes, classes);
        return parameterCount(units(sizes), inputs(sizes));
    }

    /** n₀ = d, the hidden sizes, then K outputs (1 when K = 0). */
    private static int[] layerSizes(int features, int[] hiddenSizes, int classes) {
        if (features < 1 || classes < 0 || classes == 1) {
            throw new IllegalArgumentException("need features >= 1 and classes 0 or >= 2, got " + features + ", "
                    + classes);
        }
        int[] sizes = new int[hiddenSizes.length + 2];
        sizes[0] = features;
        for (int l = 0; l < hiddenSizes.length; l++) {
            if (hiddenSizes[l] < 1) {
                throw new IllegalArgumentException("hidden layer " + (l + 1) + " needs >= 1 unit, got "
                        + hiddenSizes[l] + " in " + Arrays.toString(hiddenSizes));
            }
            sizes[l + 1] = hiddenSizes[l];
        }
        sizes[sizes.length - 1] = classes == 0 ? 1 : classes;
        return sizes;
    }

    private static int[] units(int[] sizes) {
        return Arrays.copyOfRange(sizes, 1, sizes.length);
    }

    private static int[] inputs(int[] sizes) {
        return Arrays.copyOfRange(sizes, 0, sizes.length - 1);
    }

    /** The number of weights, {@link #dimension()}. */
    public int parameterCount() {
        return dimension();
    }

    /** n₀ = d, n₁ … n_L (hidden), n_{L+1} (outputs). */
    public int[] layerSizes() {
        return sizes.clone();
    }

    public Activation activation() {
        return activation;
    }

    /**
     * Writes initial weights for initial point {@code index} into {@code w}: every bias 0; every
     * other weight of layer l uniform in [−a, a), a = √(6/n_l) (He) for a hidden layer with relu,
     * a = √(6/(n_l + n_{l+1})) (Glorot/Xavier) for a hidden layer with tanh and for the output
     * layer. Weight k is a·(2u − 1) with u uniform from a counter-based generator keyed by
     * (seed, index, k) alone, so point {@code index} is the same on any executor and JVM.
     */
    public void initialize(double[] w, long seed, long index) {
        if (w.length != dimension()) {
            throw new IllegalArgumentException("weights: expected length " + dimension() + ", got " + w.length);
        }
        for (int l = 0; l <= lastLayer; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            double limit = l < lastLayer && activation == Activation.RELU
                    ? Math.sqrt(6.0 / nIn)
                    : Math.sqrt(6.0 / (nIn + nOut));
            for (int j = 0; j < nOut; j++) {
                int start = offsets[l] + j * (nIn + 1);
                for (int i = 0; i < nIn; i++) {
                    int k = start + i;
                    w[k] = limit * (2 * CounterRandom.uniform(CounterRandom.MLP_INIT, seed, index, k) - 1);
                }
                w[start + nIn] = 0;
            }
        }
    }

    @Override
    public boolean isClassifier() {
        return classification;
    }

    @Override
    public MlpLoss on(DenseData other) {
        checkCompatible(other);
        return new MlpLoss(sizes, other, activation, l2(), kernel); // same names, so the same layer sizes
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        if (withoutHidden != null) {
            return withoutHidden.sumLoss(w, rows, count);
        }
        Arrays.fill(lanes, lossLanes, lossLanes + LANES, 0.0);
        addBlocks(w, rows, count, false);
        return MlpKernel.total(lanes, lossLanes);
    }

    @Override
    double sumLossAndGradient(double[] w, double[] g, int[] rows, int count) {
        if (withoutHidden != null) {
            return withoutHidden.sumLossAndGradient(w, g, rows, count);
        }
        Arrays.fill(lanes, 0.0);
        addBlocks(w, rows, count, true);
        for (int k = 0; k < g.length; k++) {
            g[k] = MlpKernel.total(lanes, LANES * k);
        }
        return MlpKernel.total(lanes, lossLanes);
    }

    /** Every block of the data, or of the gathered batch: forward, the losses, and back if asked. */
    private void addBlocks(double[] w, int[] rows, int count, boolean gradient) {
        int blockSize = ROWS * d;
        for (int from = 0, offset = 0; from < count; from += ROWS, offset += blockSize) {
            int n = Math.min(ROWS, count - from);
            double[] columns = blocks;
            int columnOffset = offset;
            double[] labels = y;
            int labelOffset = from;
            if (rows != null) {
                ColumnBlocks.gather(x, d, rows, from, n, batchBlock);
                for (int k = 0; k < n; k++) {
                    batchLabels[k] = y[rows[from + k]];
                }
                columns = batchBlock;
                columnOffset = 0;
                labels = batchLabels;
                labelOffset = 0;
            }
            forward(w, columns, columnOffset, n);
            addLosses(labels, labelOffset, n, gradient);
            if (gradient) {
                backward(w, columns, columnOffset, n);
            }
        }
    }

    /** Fills {@link #act} for the block's n rows. */
    private void forward(double[] w, double[] columns, int columnOffset, int n) {
        double[] in = columns;
        int inOffset = columnOffset;
        for (int l = 0; l <= lastLayer; l++) {
            kernel.combine(in, inOffset, sizes[l], w, offsets[l], sizes[l] + 1, 1, sizes[l + 1], true, act[l], n);
            if (l < lastLayer) {
                kernel.activate(activation, act[l], sizes[l + 1], n);
            }
            in = act[l];
            inOffset = 0;
        }
    }

    /** Adds the block's gradient into the lanes, from {@link #act} and the output deltas in {@link #delta}. */
    private void backward(double[] w, double[] columns, int columnOffset, int n) {
        double[] deltas = delta;
        double[] below = deltaBelow;
        for (int l = lastLayer; l >= 0; l--) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            double[] in = l == 0 ? columns : act[l - 1];
            int inOffset = l == 0 ? columnOffset : 0;
            kernel.addGradients(deltas, nOut, in, inOffset, nIn, lanes, LANES * offsets[l], n);
            if (l > 0) {
                // δ_{l−1} = φ'(z_{l−1}) ⊙ Wᵀδ_l: input i's chain runs over the units j, weight (j, i) at j·(n_l + 1) + i.
                kernel.combine(deltas, 0, nOut, w, offsets[l], 1, nIn + 1, nIn, false, below, n);
                kernel.multiplyByDerivative(activation, below, act[l - 1], nIn, n);
                double[] t = deltas;
                deltas = below;
                below = t;
            }
        }
    }

    /** Each row's loss into the loss lanes (row i in lane i mod 4), and its output deltas into {@link #delta} if asked. */
    private void addLosses(double[] labels, int labelOffset, int n, boolean deltas) {
        double[] out = act[lastLayer];
        if (classification) {
            kernel.addSoftmaxLosses(out, sizes[lastLayer + 1], labels, labelOffset, n, deltas ? delta : null, lanes,
                    lossLanes, scratch);
            return;
        }
        for (int i = 0; i < n; i++) {
            double r = out[i] - labels[labelOffset + i];
            lanes[lossLanes + (i & (LANES - 1))] += 0.5 * r * r;
            if (deltas) {
                delta[i] = r;
            }
        }
    }

    /** The first index of the largest of row i's k outputs (so ties go to the lower class index). */
    private static int argmax(double[] z, int k, int i) {
        int top = 0;
        for (int c = 1; c < k; c++) {
            if (z[c * ROWS + i] > z[top * ROWS + i]) {
                top = c;
            }
        }
        return top;
    }

    /** The class of the largest output, the lowest index on ties. */
    @Override
    int correctCount(double[] w) {
        if (withoutHidden != null) {
            return withoutHidden.correctCount(w);
        }
        double[] out = act[lastLayer];
        int outputs = sizes[lastLayer + 1];
        int correct = 0;
        for (int from = 0, offset = 0; from < m; from += ROWS, offset += ROWS * d) {
            int n = Math.min(ROWS, m - from);
            forward(w, blocks, offset, n);
            for (int i = 0; i < n; i++) {
                correct += argmax(out, outputs, i) == (int) y[from + i] ? 1 : 0;
            }
        }
        return correct;
    }
}
