package dev.gdsweep.data;

import dev.gdsweep.loss.model.DenseData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A data file read into memory.
 *
 * @param data the rows kept, dense
 * @param classIndex classification: class name → class index, in index order (the names are
 *     {@code data.classNames()}); empty for regression
 * @param rowsRead the data rows in the file (CSV: records after the header; LIBSVM: lines with a
 *     label), before any were dropped
 * @param rowsDropped rows left out for a missing value ({@link DataOptions.Missing#DROP}); 0 otherwise
 * @param ignoredColumns CSV: the columns that are neither the label nor a feature, in file order
 *     (with automatic features: the ones with no number at all); empty for LIBSVM
 */
public record LoadedData(DenseData data, Map<String, Integer> classIndex, int rowsRead, int rowsDropped,
        List<String> ignoredColumns) {

    public LoadedData {
        Objects.requireNonNull(data, "data");
        classIndex = Collections.unmodifiableMap(new LinkedHashMap<>(classIndex));
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    /** The feature names, in column order: CSV column names, or {@code x1 … xd} for LIBSVM. */
    public List<String> featureNames() {
        return data.featureNames();
    }

    /** d: for LIBSVM the given dimension or else the largest index in the file. */
    public int dimension() {
        return data.featureCount();
    }

    /** The rows kept: {@code rowsRead - rowsDropped}. */
    public int rowCount() {
        return data.rowCount();
    }
}
