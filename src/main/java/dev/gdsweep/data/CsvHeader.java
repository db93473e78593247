package dev.gdsweep.data;

import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The header line of a CSV file, checked against the options: every column named, names distinct, the
 * label and the features given found among them.
 *
 * @param names the column names, in file order
 * @param line the header's line
 * @param labelColumn the label's column
 * @param explicitFeatures the feature columns given, in the order given; null for automatic features
 */
record CsvHeader(String[] names, int line, int labelColumn, int[] explicitFeatures) {

    /** Reads the first record of {@code tokens} as the header and names the columns in the tokenizer's messages. */
    static CsvHeader read(CsvTokenizer tokens, String source, DataOptions options) throws IOException {
        if (!tokens.next()) {
            throw new SpecException(source, 0, null,
                    "empty file: expected a header line with the column names, then the rows");
        }
        int headerLine = tokens.recordLine();
        String[] header = new String[tokens.fieldCount()];
        Map<String, Integer> columnOf = new HashMap<>();
        for (int j = 0; j < header.length; j++) {
            header[j] = tokens.field(j);
            if (header[j].isEmpty()) {
                throw new SpecException(source, headerLine, null, "column " + (j + 1) + " has no name");
            }
            Integer before = columnOf.putIfAbsent(header[j], j);
            if (before != null) {
                throw new SpecException(source, headerLine, header[j],
                        "duplicate column name (columns " + (before + 1) + " and " + (j + 1) + ")");
            }
        }
        tokens.columnNames(header);
        int labelColumn = column(source, header, headerLine, columnOf, options.label(), "label");
        int[] explicitFeatures = null;
        if (options.features() != null) {
            if (options.features().isEmpty()) {
                throw new SpecException(source, 0, null, "no feature columns given");
            }
            explicitFeatures = new int[options.features().size()];
            for (int k = 0; k < explicitFeatures.length; k++) {
                String name = options.features().get(k);
                int j = column(source, header, headerLine, columnOf, name, "feature");
                if (j == labelColumn) {
                    throw new SpecException(source, headerLine, name,
                            "is the label column, so it cannot be a feature too");
                }
                if (options.features().subList(0, k).contains(name)) {
                    throw new SpecException(source, 0, name, "listed twice in the features");
                }
                explicitFeatures[k] = j;
            }
        }
        return new CsvHeader(header, headerLine, labelColumn, explicitFeatures);
    }

    /** Every column but the label's, ascending: the candidates for automatic features. */
    int[] allColumnsButTheLabel() {
        int[] columns = new int[names.length - 1];
        int k = 0;
        for (int j = 0; j < names.length; j++) {
            if (j != labelColumn) {
                columns[k++] = j;
            }
        }
        return columns;
    }

    private static int column(String source, String[] header, int headerLine, Map<String, Integer> columnOf,
            String name, String role) {
        Integer j = columnOf.get(name);
        if (j == null) {
            String hint = "";
            if (header.length == 1 && (header[0].indexOf(';') >= 0 || header[0].indexOf('\t') >= 0)) {
                hint = " (the header is one column: the file seems to use another separator, and this reader"
                        + " splits on commas only)";
            }
            throw new SpecException(source, headerLine, name, "no such " + role + " column; the columns are "
                    + SpecException.oneLine(String.join(", ", header)) + hint);
        }
        return j;
    }
}
