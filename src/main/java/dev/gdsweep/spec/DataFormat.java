package dev.gdsweep.spec;

import java.util.Locale;
import java.util.Optional;

/** How a model's data file is written; {@link #label()} is its spelling in the spec. */
public enum DataFormat {
    CSV("csv"),
    LIBSVM("libsvm"),
    /** A Parquet file, or a directory of part files as Spark writes them. */
    PARQUET("parquet");

    private final String label;

    DataFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The format a path's name implies: .csv, .libsvm or .svm, .parquet or a directory ("/" at the end). */
    public static Optional<DataFormat> ofFileName(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return Optional.of(CSV);
        } else if (lower.endsWith(".libsvm") || lower.endsWith(".svm")) {
            return Optional.of(LIBSVM);
        } else if (lower.endsWith(".parquet") || lower.endsWith("/")) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }
}
