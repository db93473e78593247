package dev.gdsweep.loss.model;

import java.util.List;

/**
 * Per-column centring and scaling: feature j becomes (x − center[j]) / scale[j].
 *
 * <p>{@link #of} takes the column mean and population standard deviation (÷ m) of a data set; for a
 * constant column it takes scale 1, so the column is centred only (all zeros on that data set)
 * instead of divided by zero. Apply the statistics of the training rows to the validation rows, so
 * both are on the same scale.
 */
public final class Standardization {

    private final double[] center;
    private final double[] scale;
    private final List<String> featureNames;

    private Standardization(double[] center, double[] scale, List<String> featureNames) {
        this.center = center;
        this.scale = scale;
        this.featureNames = featureNames;
    }

    /**
     * Column means and population standard deviations of {@code data}, computed in two passes (mean,
     * then the scaled sum of squared deviations, which cannot overflow).
     *
     * @throws IllegalArgumentException when a column spans more than the double range, so its
     *     deviations overflow
     */
    public static Standardization of(DenseData data) {
        int m = data.rowCount();
        int d = data.featureCount();
        double[] x = data.x();
        double[] center = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double first = x[j];
            boolean constant = true;
            double mean = 0;
            for (int i = 0; i < m; i++) {
                double v = x[i * d + j];
                constant &= v == first;
                mean += v / m; // divide first: the sum of finite values cannot overflow
            }
            if (constant) {
                // Exactly the value: the centred column is exactly 0 (a rounded mean would leave
                // ±1e-17 residues that a division by their tiny std would blow up to ±1).
                center[j] = first;
                scale[j] = 1;
                continue;
            }
            double largest = 0;
            for (int i = 0; i < m; i++) {
                largest = Math.max(largest, Math.abs(x[i * d + j] - mean));
            }
            if (!Double.isFinite(largest)) {
                throw new IllegalArgumentException("feature '" + data.featureNames().get(j)
                        + "': values span too wide a range to standardise");
            }
            double sum = 0;
            for (int i = 0; i < m; i++) {
                double r = (x[i * d + j] - mean) / largest;
                sum += r * r;
            }
            center[j] = mean;
            scale[j] = largest * Math.sqrt(sum / m);
        }
        return new Standardization(center, scale, data.featureNames());
    }

    /**
     * {@code data} with feature j replaced by (x − center[j]) / scale[j]; labels unchanged.
     *
     * @throws IllegalArgumentException when {@code data} has other feature names
     */
    public DenseData apply(DenseData data) {
        if (!data.featureNames().equals(featureNames)) {
            throw new IllegalArgumentException("standardization of features " + featureNames
                    + " applied to features " + data.featureNames());
        }
        int m = data.rowCount();
        int d = center.length;
        double[] x = data.x();
        double[] out = new double[x.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (x[i * d + j] - center[j]) / scale[j];
            }
        }
        return data.withFeatures(out);
    }

    /** The subtracted values, one per feature. */
    public double[] center() {
        return center.clone();
    }

    /** The divisors, one per feature (1 for a constant column). */
    public double[] scale() {
        return scale.clone();
    }
}
