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
 * <p>φ'(0) = 0 for relu (see {@link Activation}). Per row, the forward pass keeps each layer's
 * outputs and the backward pass its deltas, in arrays allocated once in the constructor.
 */
public final class MlpLoss extends ModelLoss {

    private final Activation activation;
    private final boolean classification;
    /** n₀ … n_{L+1}. */
    private final int[] sizes;
    /** offsets[l]: where layer l's block starts. */
    private final int[] offsets;
    private final int lastLayer;
    /** act[l]: layer l's outputs for the current row, φ applied for hidden layers (l &lt; L). */
    private final double[][] act;
    /** delta[l]: ∂ℓ/∂z for layer l's units (before φ) for the current row. */
    private final double[][] delta;

    /**
     * @param hiddenSizes the units of each hidden layer, input side first, each ≥ 1; may be empty
     * @throws IllegalArgumentException on a bad size or l2, or a model too large for one array
     */
    public MlpLoss(DenseData data, int[] hiddenSizes, Activation activation, double l2) {
        this(layerSizes(data.featureCount(), hiddenSizes, data.classCount()), data, activation, l2);
    }

    /** {@code sizes}: n₀ … n_{L+1}, already checked. */
    private MlpLoss(int[] sizes, DenseData data, Activation activation, double l2) {
        super(data, l2, units(sizes), inputs(sizes));
        if (activation == null) {
            throw new IllegalArgumentException("activation is null");
        }
        this.activation = activation;
        this.classification = data.isClassification();
        this.sizes = sizes;
        this.lastLayer = sizes.length - 2;
        this.offsets = new int[lastLayer + 1];
        this.act = new double[lastLayer + 1][];
        this.delta = new double[lastLayer + 1][];
        int offset = 0;
        for (int l = 0; l <= lastLayer; l++) {
            offsets[l] = offset;
            offset += sizes[l + 1] * (sizes[l] + 1);
            act[l] = new double[sizes[l + 1]];
            delta[l] = new double[sizes[l + 1]];
        }
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
        return new MlpLoss(sizes, other, activation, l2()); // same names, so the same layer sizes
    }

    /** Fills {@link #act} for row i. */
    private void forward(double[] w, int i) {
        double[] in = x;
        int inOffset = i * d;
        for (int l = 0; l <= lastLayer; l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            int stride = nIn + 1;
            double[] out = act[l];
            for (int j = 0; j < nOut; j++) {
                int start = offsets[l] + j * stride;
                out[j] = Kernels.dot(w, start, in, inOffset, nIn) + w[start + nIn];
            }
            if (l < lastLayer) {
                activation.applyInPlace(out, nOut);
            }
            in = out;
            inOffset = 0;
        }
    }

    /** Adds row i's gradient into g, from {@link #act} and the output delta delta[L]. */
    private void backward(double[] w, double[] g, int i) {
        for (int l = lastLayer; l >= 0; l--) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            int stride = nIn + 1;
            double[] in = l == 0 ? x : act[l - 1];
            int inOffset = l == 0 ? i * d : 0;
            double[] dl = delta[l];
            for (int j = 0; j < nOut; j++) {
                int start = offsets[l] + j * stride;
                Kernels.axpy(dl[j], in, inOffset, g, start, nIn);
                g[start + nIn] += dl[j];
            }
            if (l > 0) {
                // δ_{l−1} = φ'(z_{l−1}) ⊙ Wᵀδ_l, accumulated row by row of W (contiguous).
                double[] previous = delta[l - 1];
                Arrays.fill(previous, 0.0);
                for (int j = 0; j < nOut; j++) {
                    Kernels.axpy(dl[j], w, offsets[l] + j * stride, previous, 0, nIn);
                }
                activation.multiplyByDerivative(previous, act[l - 1], nIn);
            }
        }
    }

    @Override
    double sumLoss(double[] w, int[] rows, int count) {
        double[] out = act[lastLayer];
        int outputs = out.length;
        double sum = 0;
        for (int k = 0; k < count; k++) {
            int i = row(rows, k);
            forward(w, i);
            if (classification) {
                sum += SoftmaxCrossEntropy.loss(out, outputs, (int) y[i]);
            } else {
                double r = out[0] - y[i];
                sum += 0.5 * r * r;
            }
        }
        return sum;
    }

    @Override
    double sumLossAndGradient(double[] w, double[] g, int[] rows, int count) {
        double[] out = act[lastLayer];
        double[] outDelta = delta[lastLayer];
        int outputs = out.length;
        double sum = 0;
        for (int k = 0; k < count; k++) {
            int i = row(rows, k);
            forward(w, i);
            if (classification) {
                sum += SoftmaxCrossEntropy.lossAndDelta(out, outputs, (int) y[i], outDelta);
            } else {
                double r = out[0] - y[i];
                sum += 0.5 * r * r;
                outDelta[0] = r;
            }
            backward(w, g, i);
        }
        return sum;
    }

    /** The class of the largest output, the lowest index on ties. */
    @Override
    int correctCount(double[] w) {
        double[] out = act[lastLayer];
        int correct = 0;
        for (int i = 0; i < m; i++) {
            forward(w, i);
            correct += SoftmaxCrossEntropy.argmax(out, out.length) == (int) y[i] ? 1 : 0;
        }
        return correct;
    }
}
