package dev.gdsweep.data;

import java.util.List;
import java.util.Objects;

/**
 * What to read from a data file and how strictly; see the package documentation for the rules.
 *
 * @param label CSV: the label column's name (required); LIBSVM: must be {@code null} (the label is
 *     the first token of each line)
 * @param features CSV: the feature columns, in the order the model sees them, or {@code null} for
 *     every column other than the label that holds a number, in file order (its other cells must be
 *     numbers or missing); LIBSVM: must be {@code null}
 * @param task regression (the label is a number) or classification (the label is a class); the
 *     caller knows it from the model: {@code linear_regression} is a regression, the other models
 *     classify
 * @param missing what a row with a missing value in a column used (the label or a feature) does:
 *     {@link Missing#REFUSE} fails the read, {@link Missing#DROP} leaves the row out. No effect on
 *     LIBSVM, which has no missing values
 * @param maxBytes the largest dense result allowed, m·d·8 + m·8 bytes (features and labels); the
 *     spec's {@code data.max_mb}, default {@link #DEFAULT_MAX_BYTES}
 * @param dimension LIBSVM: the number of features, or 0 to take the largest index in the file;
 *     CSV: must be 0
 */
public record DataOptions(String label, List<String> features, Task task, Missing missing, long maxBytes,
        int dimension) {

    /** 512 MiB: the default of {@code data.max_mb}. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;

    /** What the label is. */
    public enum Task {
        /** The label is a finite number, the target. */
        REGRESSION,
        /** The label names a class; classes are numbered as the package documentation says. */
        CLASSIFICATION
    }

    /** What a missing value in a column used does. */
    public enum Missing {
        /** The read fails, naming the first such row and how many there are (the default). */
        REFUSE,
        /** Rows with a missing value in a column used are left out and counted. */
        DROP
    }

    public DataOptions {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(missing, "missing");
        features = features == null ? null : List.copyOf(features);
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension must be >= 0 (0: from the file), got " + dimension);
        }
    }

    /** CSV options: this label column, every other numeric column a feature, REFUSE, 512 MiB. */
    public static DataOptions csv(String label, Task task) {
        return new DataOptions(Objects.requireNonNull(label, "label"), null, task, Missing.REFUSE,
                DEFAULT_MAX_BYTES, 0);
    }

    /** LIBSVM options: the dimension from the file, 512 MiB. */
    public static DataOptions libsvm(Task task) {
        return new DataOptions(null, null, task, Missing.REFUSE, DEFAULT_MAX_BYTES, 0);
    }

    /** These feature columns, in this order ({@code null}: every other numeric column). */
    public DataOptions withFeatures(List<String> newFeatures) {
        return new DataOptions(label, newFeatures, task, missing, maxBytes, dimension);
    }

    public DataOptions withMissing(Missing newMissing) {
        return new DataOptions(label, features, task, newMissing, maxBytes, dimension);
    }

    public DataOptions withMaxBytes(long newMaxBytes) {
        return new DataOptions(label, features, task, missing, newMaxBytes, dimension);
    }

    /** LIBSVM only: the number of features (0: the largest index in the file). */
    public DataOptions withDimension(int newDimension) {
        return new DataOptions(label, features, task, missing, maxBytes, newDimension);
    }
}
