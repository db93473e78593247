package dev.gdsweep.spec;

import dev.gdsweep.loss.model.DenseData;

/**
 * A model's data as loaded on the driver: the training rows, the validation rows (null when
 * validation_fraction is 0), and what the report says about them.
 *
 * @param rowsRead rows in the file; {@code rowsDropped} of them were dropped for missing values
 */
public record ModelData(DenseData train, DenseData validation, long rowsRead, long rowsDropped,
        java.util.List<String> ignoredColumns) implements java.io.Serializable {

    public ModelData {
        ignoredColumns = ignoredColumns == null ? java.util.List.of() : java.util.List.copyOf(ignoredColumns);
    }

    /** One line for the console: rows, features, the columns not used, classes and the split. */
    public String describe(DataSpec spec) {
        StringBuilder sb = new StringBuilder(spec.path()).append(": ").append(rowsRead - rowsDropped).append(" rows");
        if (rowsDropped > 0) {
            sb.append(" (").append(rowsDropped).append(" of ").append(rowsRead).append(" dropped for missing values)");
        }
        sb.append(", ").append(train.featureCount()).append(" features ").append(train.featureNames());
        if (!ignoredColumns.isEmpty()) {
            // Automatic features leave out only the columns without a single number: say which, and why.
            sb.append(spec.features() == null ? " (not used, no numbers in them: " : " (not used: ")
                    .append(String.join(", ", ignoredColumns)).append(')');
        }
        if (train.isClassification()) {
            sb.append(", classes");
            java.util.List<String> names = train.classNames();
            for (int i = 0; i < names.size(); i++) {
                sb.append(i == 0 ? " " : ", ").append(names.get(i)).append('=').append(i);
            }
        }
        if (validation != null) {
            sb.append("; ").append(train.rowCount()).append(" training and ").append(validation.rowCount())
                    .append(" validation rows");
        }
        return sb.toString();
    }

    /** The data's facts for report.yaml. */
    public java.util.Map<String, Object> facts(String path) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("path", path);
        m.put("rows_read", rowsRead);
        m.put("rows_dropped", rowsDropped);
        m.put("training_rows", train.rowCount());
        m.put("validation_rows", validation == null ? 0 : validation.rowCount());
        m.put("features", train.featureNames());
        m.put("columns_not_used", ignoredColumns);
        if (train.isClassification()) {
            java.util.Map<String, Object> classes = new java.util.LinkedHashMap<>();
            for (int i = 0; i < train.classNames().size(); i++) {
                classes.put(train.classNames().get(i), i);
            }
            m.put("classes", classes);
        }
        return m;
    }
}
