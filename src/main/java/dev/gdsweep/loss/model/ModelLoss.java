package dev.gdsweep.loss.model;

import dev.gdsweep.loss.Loss;
import java.util.Arrays;

/**
 * A model's training loss over a {@link DenseData}: the MEAN of a per-row loss ℓ over the rows plus
 * an L2 penalty on every weight except the biases,
 * <pre>
 *   L(w) = (1/m) Σᵢ ℓ(w; xᵢ, yᵢ) + (l2/2)·Σ_{k not a bias} w_k²
 * </pre>
 *
 * <h2>Weight layout</h2>
 * Every model here is a chain of dense layers, and its weight vector is their blocks one after the
 * other. A layer with n_out units, each seeing n_in inputs, is an [n_out][n_in + 1] row-major block:
 * unit j's n_in input weights, then unit j's bias, for j = 0, 1, …, n_out − 1. So a model with one
 * layer of one unit over d features (linear, logistic regression) is w = (w₀, …, w_{d−1}, b), and
 * softmax regression is K such units, class-major. {@link MlpLoss} documents its chain.
 *
 * <h2>Use</h2>
 * Evaluation allocates nothing: scratch arrays are made in the constructor, so an instance is not
 * thread-safe; make one per thread (each Spark task its own). {@link #valueAndGradient(double[],
 * double[], int[], int)} evaluates a mini-batch. {@link #on} makes the same loss over other rows
 * (a validation set), with its own scratch; {@link #accuracy} scores classifiers.
 */
public abstract sealed class ModelLoss implements Loss
        permits LinearRegressionLoss, LogisticRegressionLoss, SoftmaxRegressionLoss, MlpLoss {

    /** The data, and its arrays read directly in the hot loops. */
    final DenseData data;
    final double[] x;
    final double[] y;
    /** Rows m and features d. */
    final int m;
    final int d;

    private final double l2;
    private final int dimension;
    /** Per layer: the number of units and the number of inputs of each unit (the layout above). */
    private final int[] layerUnits;
    private final int[] layerInputs;

    ModelLoss(DenseData data, double l2, int[] layerUnits, int[] layerInputs) {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
        }
        this.data = data;
        this.x = data.x();
        this.y = data.y();
        this.m = data.rowCount();
        this.d = data.featureCount();
        this.l2 = l2;
        this.layerUnits = layerUnits.clone();
        this.layerInputs = layerInputs.clone();
        this.dimension = parameterCount(layerUnits, layerInputs);
    }

    /** Σ units·(inputs + 1) over the layers, refused beyond what an array can hold. */
    static int parameterCount(int[] layerUnits, int[] layerInputs) {
        long count = 0;
        for (int l = 0; l < layerUnits.length; l++) {
            count += (long) layerUnits[l] * (layerInputs[l] + 1L);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the model has " + count + " weights, more than an array holds");
        }
        return (int) count;
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    public final DenseData data() {
        return data;
    }

    public final double l2() {
        return l2;
    }

    /** True when the labels are classes, so {@link #accuracy} applies. */
    public abstract boolean isClassifier();

    /** The same model, with the same l2, over {@code other}'s rows; it must have the same feature and class names. */
    public abstract ModelLoss on(DenseData other);

    /** (1/m) Σᵢ ℓᵢ + penalty over every row. */
    @Override
    public final double value(double[] w) {
        checkLength(w, "weights");
        return sumLoss(w, null, m) / m + penalty(w);
    }

    /** {@link #value(double[])}, with the gradient written into {@code gradient}. */
    @Override
    public final double valueAndGradient(double[] w, double[] gradient) {
        return finish(w, gradient, null, m);
    }

    /**
     * The loss over a mini-batch: (1/count) Σ_{k &lt; count} ℓ_{rows[k]} + penalty (a row listed twice
     * counts twice).
     *
     * @throws IllegalArgumentException unless 1 ≤ count ≤ rows.length
     * @throws ArrayIndexOutOfBoundsException when a listed row is not in [0, m)
     */
    public final double value(double[] w, int[] rows, int count) {
        checkLength(w, "weights");
        checkBatch(rows, count);
        return sumLoss(w, rows, count) / count + penalty(w);
    }

    /** {@link #value(double[], int[], int)}, with its gradient written into {@code gradient}. */
    public final double valueAndGradient(double[] w, double[] gradient, int[] rows, int count) {
        checkBatch(rows, count);
        return finish(w, gradient, rows, count);
    }

    /** (1/m) Σᵢ ℓᵢ without the penalty: the data term, e.g. to report a validation loss. */
    public final double meanLoss(double[] w) {
        checkLength(w, "weights");
        return sumLoss(w, null, m) / m;
    }

    /** (l2/2)·Σ w_k² over the non-bias weights; 0 when l2 = 0, whatever w. */
    public final double penalty(double[] w) {
        checkLength(w, "weights");
        if (l2 == 0) {
            return 0;
        }
        double sum = 0;
        int k = 0;
        for (int l = 0; l < layerUnits.length; l++) {
            int in = layerInputs[l];
            for (int u = 0; u < layerUnits[l]; u++, k += in + 1) {
                sum += Kernels.dot(w, k, w, k, in);
            }
        }
        return 0.5 * l2 * sum;
    }

    /** {@link #value(double[])} of the same model over {@code other} (builds a loss: once per run, not per step). */
    public final double value(double[] w, DenseData other) {
        return on(other).value(w);
    }

    /** {@link #meanLoss(double[])} over {@code other} (builds a loss: once per run, not per step). */
    public final double meanLoss(double[] w, DenseData other) {
        return on(other).meanLoss(w);
    }

    /**
     * The fraction of rows whose predicted class is their label (the prediction rule is each
     * model's); NaN when a weight is not finite.
     *
     * @throws UnsupportedOperationException for a regression model
     */
    public final double accuracy(double[] w) {
        if (!isClassifier()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " over regression data has no accuracy");
        }
        checkLength(w, "weights");
        for (double v : w) {
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
        }
        return (double) correctCount(w) / m;
    }

    /** {@link #accuracy(double[])} over {@code other} (builds a loss: once per run, not per step). */
    public final double accuracy(double[] w, DenseData other) {
        return on(other).accuracy(w);
    }

    /** Σ_{k &lt; count} ℓ_{row k}, where row k is {@code rows[k]}, or k when {@code rows} is null. */
    abstract double sumLoss(double[] w, int[] rows, int count);

    /** Σ_{k &lt; count} ℓ_{row k}, adding Σ ∇ℓ into {@code g}, which arrives zeroed. */
    abstract double sumLossAndGradient(double[] w, double[] g, int[] rows, int count);

    /** The number of rows predicted right; only called for a classifier, with finite weights. */
    int correctCount(double[] w) {
        throw new UnsupportedOperationException();
    }

    /** The row a batch position names. */
    static int row(int[] rows, int k) {
        return rows == null ? k : rows[k];
    }

    /** Mean of the summed gradient, then the penalty's value and gradient l2·w on non-bias weights. */
    private double finish(double[] w, double[] g, int[] rows, int count) {
        checkLength(w, "weights");
        checkLength(g, "gradient");
        Arrays.fill(g, 0.0);
        double sum = sumLossAndGradient(w, g, rows, count);
        double inv = 1.0 / count;
        for (int k = 0; k < g.length; k++) {
            g[k] *= inv;
        }
        if (l2 == 0) {
            return sum / count; // skipping also keeps 0·∞ out of a finite value
        }
        double squares = 0;
        int k = 0;
        for (int l = 0; l < layerUnits.length; l++) {
            int in = layerInputs[l];
            for (int u = 0; u < layerUnits[l]; u++, k += in + 1) {
                squares += Kernels.dot(w, k, w, k, in);
                Kernels.axpy(l2, w, k, g, k, in);
            }
        }
        return sum / count + 0.5 * l2 * squares;
    }

    /** Same names, so the weights mean the same thing on both data sets. */
    final void checkCompatible(DenseData other) {
        if (!other.featureNames().equals(data.featureNames())) {
            throw new IllegalArgumentException("features differ: model over " + data.featureNames() + ", data has "
                    + other.featureNames());
        }
        if (!other.classNames().equals(data.classNames())) {
            throw new IllegalArgumentException("classes differ: model over " + data.classNames() + ", data has "
                    + other.classNames());
        }
    }

    private void checkLength(double[] array, String what) {
        if (array.length != dimension) {
            throw new IllegalArgumentException(what + ": expected length " + dimension + ", got " + array.length);
        }
    }

    private static void checkBatch(int[] rows, int count) {
        if (count < 1 || count > rows.length) {
            throw new IllegalArgumentException("batch count must be in [1, " + rows.length + "], got " + count);
        }
    }
}
