package dev.gdsweep.spec;

import java.util.List;

/**
 * Where a model's data comes from and how it is prepared.
 *
 * @param format from the file's name unless given
 * @param label the label column (CSV, Parquet)
 * @param features the feature columns, or null for every other numeric column
 * @param standardize z-score each feature with the training rows' mean and standard deviation
 * @param validationFraction the share of rows held out (seeded split); 0 for none
 * @param dropMissing drop rows with missing values instead of refusing the file
 * @param maxMb the largest data set accepted, in MiB (each task holds a whole copy)
 */
public record DataSpec(String path, DataFormat format, String label, List<String> features, boolean standardize,
        double validationFraction, long seed, boolean dropMissing, long maxMb) {

    public DataSpec {
        features = features == null ? null : List.copyOf(features);
    }
}
