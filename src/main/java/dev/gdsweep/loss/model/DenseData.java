package dev.gdsweep.loss.model;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable data set of m rows × d features, held as one row-major array (row i's features are
 * {@code x[i·d .. i·d + d)}), with one label per row.
 *
 * <ul>
 *   <li>Regression (no class names, {@link #classCount()} = 0): a label is the finite target.</li>
 *   <li>Classification (K = number of class names ≥ 2): a label is a class index 0..K−1 stored as a
 *       double; class names are strictly ascending ({@link String#compareTo}), so index c is the c-th
 *       name in sorted order.</li>
 * </ul>
 *
 * <p>The constructor checks everything (at least one row and one feature, every feature finite,
 * every label valid, distinct non-null names) and copies the arrays, so an instance is valid and
 * cannot change. The losses in this package read the arrays directly, without copying.
 */
public final class DenseData implements java.io.Serializable {

    // Shipped to Spark executors inside a broadcast; immutable, validated when built on the driver.
    private static final long serialVersionUID = 1L;


    /** A data set cut in two by {@link #split}. */
    public record Split(DenseData train, DenseData validation) {}

    private final int rows;
    private final int features;
    private final double[] x;
    private final double[] y;
    private final List<String> featureNames;
    private final List<String> classNames;
    /** {@link ColumnBlocks}' copy of x, made on first use and then shared by every loss over this data. */
    private transient volatile double[] columnBlocks;

    /**
     * @param x row-major features, length m·d (copied)
     * @param labels one per row, so m = {@code labels.length} (copied)
     * @param featureNames d distinct names, so d = {@code featureNames.size()}
     * @param classNames empty for regression; otherwise K ≥ 2 strictly ascending names
     * @throws IllegalArgumentException naming the first offending row, column or name
     */
    public DenseData(double[] x, double[] labels, List<String> featureNames, List<String> classNames) {
        this(List.copyOf(featureNames), List.copyOf(classNames), x.clone(), labels.clone());
    }

    /** A regression data set: labels are targets. */
    public static DenseData regression(double[] x, double[] targets, List<String> featureNames) {
        return new DenseData(x, targets, featureNames, List.of());
    }

    /** A classification data set: labels are indexes into the sorted {@code classNames}. */
    public static DenseData classification(double[] x, double[] classIndexes, List<String> featureNames,
            List<String> classNames) {
        return new DenseData(x, classIndexes, featureNames, classNames);
    }

    /** Takes ownership of the arrays and lists: callers pass fresh arrays and immutable lists. */
    private DenseData(List<String> featureNames, List<String> classNames, double[] x, double[] y) {
        this.features = featureNames.size();
        this.rows = y.length;
        this.x = x;
        this.y = y;
        this.featureNames = featureNames;
        this.classNames = classNames;
        validate();
    }

    private void validate() {
        if (features < 1) {
            throw new IllegalArgumentException("need at least one feature");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("need at least one row");
        }
        if ((long) rows * features != x.length) {
            throw new IllegalArgumentException("features: expected " + rows + " rows x " + features + " features = "
                    + (long) rows * features + " values, got " + x.length);
        }
        checkNames("feature", featureNames);
        checkNames("class", classNames);
        int k = classNames.size();
        if (k == 1) {
            throw new IllegalArgumentException("classification needs at least 2 classes, got 1: " + classNames);
        }
        for (int c = 1; c < k; c++) {
            if (classNames.get(c - 1).compareTo(classNames.get(c)) >= 0) {
                throw new IllegalArgumentException("class names must be strictly ascending, got " + classNames);
            }
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("row " + i / features + ", feature '"
                        + featureNames.get(i % features) + "': not finite: " + x[i]);
            }
        }
        for (int i = 0; i < rows; i++) {
            double label = y[i];
            if (k == 0 && !Double.isFinite(label)) {
                throw new IllegalArgumentException("row " + i + ": target not finite: " + label);
            }
            if (k > 0 && !(label >= 0 && label < k && label == Math.rint(label))) {
                throw new IllegalArgumentException("row " + i + ": class index must be an integer in [0, " + (k - 1)
                        + "], got " + label);
            }
        }
    }

    private static void checkNames(String what, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(Objects.requireNonNull(name, what + " name is null"))) {
                throw new IllegalArgumentException("duplicate " + what + " name '" + name + "'");
            }
        }
    }

    /** m. */
    public int rowCount() {
        return rows;
    }

    /** d. */
    public int featureCount() {
        return features;
    }

    /** K; 0 for regression. */
    public int classCount() {
        return classNames.size();
    }

    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** Sorted; index c is class c. Empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    public double feature(int row, int column) {
        if (column < 0 || column >= features) {
            throw new IndexOutOfBoundsException("column " + column + " of " + features);
        }
        return x[row * features + column];
    }

    public double label(int row) {
        return y[row];
    }

    /** A copy of the row-major features. */
    public double[] featureArray() {
        return x.clone();
    }

    /** A copy of the labels. */
    public double[] labelArray() {
        return y.clone();
    }

    /** The row-major features, not copied: for the losses of this package, which only read. */
    double[] x() {
        return x;
    }

    /**
     * The features laid out in {@link ColumnBlocks}, for the blocked kernels: made on first use (a
     * second copy of x, so the features then take twice their memory), then shared by every loss
     * over this instance, across threads. Not serialised; a deserialised copy makes its own.
     */
    double[] columnBlocks() {
        double[] blocks = columnBlocks;
        if (blocks == null) {
            blocks = ColumnBlocks.of(x, rows, features);
            columnBlocks = blocks; // a racing thread may build an equal copy; either is fine
        }
        return blocks;
    }

    /** The labels, not copied: for the losses of this package, which only read. */
    double[] y() {
        return y;
    }

    /**
     * These rows with every feature z-scored by the rows' own column mean and population standard
     * deviation (÷ m), so each column then has mean 0 and standard deviation 1. A constant column
     * (std 0) is only centred, i.e. becomes all zeros. Labels are unchanged. To scale validation data
     * with the training statistics, use {@link Standardization#of} on the training part and
     * {@link Standardization#apply} on both.
     */
    public DenseData standardized() {
        return Standardization.of(this).apply(this);
    }

    /** A data set with the same names and new features (length m·d, owned by the result). */
    DenseData withFeatures(double[] newX) {
        return new DenseData(featureNames, classNames, newX, y);
    }

    /**
     * The given rows, in the given order (a row may repeat), with the same names.
     *
     * @throws IndexOutOfBoundsException when a row is out of range
     */
    public DenseData subset(int[] rowIndexes) {
        double[] newX = new double[Math.multiplyExact(rowIndexes.length, features)];
        double[] newY = new double[rowIndexes.length];
        for (int k = 0; k < rowIndexes.length; k++) {
            int r = rowIndexes[k];
            Objects.checkIndex(r, rows);
            System.arraycopy(x, r * features, newX, k * features, features);
            newY[k] = y[r];
        }
        return new DenseData(featureNames, classNames, newX, newY);
    }

    /**
     * A seeded random split into training and validation rows; the same (data, fraction, seed) give
     * the same split on any JVM. The algorithm, fixed by this code:
     * <ol>
     *   <li>p = (0, 1, …, m−1); a Fisher–Yates shuffle: for i = m−1 down to 1, swap p[i] with p[j],
     *       j uniform in [0, i], drawn exactly (no modulo bias) by a counter-based generator from
     *       (seed, i) alone: SplitMix64 finalisers, see {@code CounterRandom};</li>
     *   <li>v = round(validationFraction · m) (half rounds up); the rows p[0..v) are the validation
     *       part and p[v..m) the training part;</li>
     *   <li>each part keeps its rows in their original order (ascending row index).</li>
     * </ol>
     * The split is not stratified: with few rows, a class may be missing from one part.
     *
     * @param validationFraction in (0, 1), such that both parts get at least one row
     * @throws IllegalArgumentException when the fraction is out of range or leaves a part empty
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        long v = Math.round(validationFraction * rows);
        if (v < 1 || v > rows - 1) {
            throw new IllegalArgumentException("validation fraction " + validationFraction + " of " + rows
                    + " rows gives " + v + " validation rows; both parts need at least one");
        }
        int[] p = new int[rows];
        for (int i = 0; i < rows; i++) {
            p[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = CounterRandom.below(CounterRandom.SPLIT, seed, i, i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] validation = Arrays.copyOfRange(p, 0, (int) v);
        int[] train = Arrays.copyOfRange(p, (int) v, rows);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(subset(train), subset(validation));
    }

    @Override
    public String toString() {
        return "DenseData[" + rows + " rows x " + features + " features, "
                + (isClassification() ? classNames.size() + " classes " + classNames : "regression") + "]";
    }
}
