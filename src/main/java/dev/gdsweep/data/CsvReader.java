package dev.gdsweep.data;

import dev.gdsweep.data.DataOptions.Missing;
import dev.gdsweep.data.DataOptions.Task;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV file with a header line into a {@link LoadedData}; the rules are in the package
 * documentation. Every mistake in the file is a {@link SpecException} naming the file, the line and
 * the column.
 *
 * <p>Somewhat over 300 lines on purpose: tokenizing ({@link CsvTokenizer}) and the header
 * ({@link CsvHeader}) are their own types; what stays here is one read, whose per-column state (values,
 * whether a column is still numeric, its first cell that is not a number) is built row by row and then
 * turned into features and labels, so the two halves share that state.
 */
public final class CsvReader {

    private CsvReader() {}

    /** Opens the source, reads it and closes it. */
    public static LoadedData read(TableSource source, DataOptions options) throws IOException {
        try (InputStream in = source.open()) {
            return read(in, source.name(), options);
        }
    }

    /**
     * Reads CSV text (UTF-8) from the stream, which is left open.
     *
     * @param source the file as the user wrote it, for messages
     * @throws SpecException for any mistake in the file, or for options that do not fit it (unknown
     *     columns)
     * @throws IllegalArgumentException when the options have no label, or set a LIBSVM dimension
     * @throws IOException when the stream fails
     */
    public static LoadedData read(InputStream in, String source, DataOptions options) throws IOException {
        if (options.label() == null) {
            throw new IllegalArgumentException("a CSV data set needs a label column");
        }
        if (options.dimension() != 0) {
            throw new IllegalArgumentException("dimension applies to LIBSVM files only, got " + options.dimension());
        }
        InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvTokenizer tokens = new CsvTokenizer(reader, source);
        try {
            return new Reading(tokens, source, options).read();
        } catch (CharacterCodingException e) {
            throw new SpecException(source, 0, null, "not UTF-8 text (" + e.getMessage() + ")");
        }
    }

    /** The state of one read. */
    private static final class Reading {
        private final CsvTokenizer tokens;
        private final String source;
        private final DataOptions options;
        private final boolean classification;

        private String[] header;
        private int headerLine;
        private int labelColumn;
        /** Explicit features: their columns, in the order given; null for automatic features. */
        private int[] explicitFeatures;

        /** Per column: values (NaN = missing) while the column may be a feature; null otherwise. */
        private double[][] values;
        /** Per column: has a non-missing number been seen. */
        private boolean[] anyNumber;
        /** Per column (automatic features): the first cell that is not a number, and its line. */
        private String[] firstText;
        private int[] firstTextLine;
        /** Per column (automatic features): the first number, and its line. */
        private String[] firstNumber;
        private int[] firstNumberLine;
        /** The columns still read as numbers, ascending. */
        private int[] active;
        private int activeCount;
        /** Automatic features: the columns left out for a cell that is not a number, still checked for numbers. */
        private int[] textColumns;
        private int textCount;

        private double[] targets; // regression labels, NaN = missing
        private int[] labelIds; // classification labels: index into labelTexts, -1 = missing
        private final List<String> labelTexts = new ArrayList<>();
        private final Map<String, Integer> labelIdOf = new HashMap<>();
        private int[] lines;
        private int rows;

        Reading(CsvTokenizer tokens, String source, DataOptions options) {
            this.tokens = tokens;
            this.source = source;
            this.options = options;
            this.classification = options.task() == Task.CLASSIFICATION;
        }

        LoadedData read() throws IOException {
            CsvHeader h = CsvHeader.read(tokens, source, options);
            header = h.names();
            headerLine = h.line();
            labelColumn = h.labelColumn();
            explicitFeatures = h.explicitFeatures();
            int capacity = 1024;
            lines = new int[capacity];
            if (classification) {
                labelIds = new int[capacity];
            } else {
                targets = new double[capacity];
            }
            values = new double[header.length][];
            anyNumber = new boolean[header.length];
            firstText = new String[header.length];
            firstTextLine = new int[header.length];
            firstNumber = new String[header.length];
            firstNumberLine = new int[header.length];
            textColumns = new int[header.length];
            active = explicitFeatures != null ? explicitFeatures.clone() : h.allColumnsButTheLabel();
            Arrays.sort(active);
            activeCount = active.length;
            for (int k = 0; k < activeCount; k++) {
                values[active[k]] = new double[capacity];
            }
            while (tokens.next()) {
                readRow();
            }
            if (rows == 0) {
                throw new SpecException(source, 0, null, "no data rows: the file has a header (line " + headerLine
                        + ") and nothing after it");
            }
            return assemble();
        }

        private void readRow() {
            int line = tokens.recordLine();
            if (tokens.fieldCount() != header.length) {
                throw new SpecException(source, line, null, "expected " + header.length
                        + " cells as in the header, got " + tokens.fieldCount());
            }
            if (rows == lines.length) {
                grow();
            }
            for (int k = 0; k < activeCount; k++) {
                int j = active[k];
                String cell = tokens.field(j);
                double v;
                if (Cells.isMissing(cell)) {
                    v = Double.NaN;
                } else {
                    v = Cells.parseNumber(cell);
                    if (!Double.isFinite(v)) {
                        if (explicitFeatures != null) {
                            throw Cells.notANumber(source, tokens.fieldLine(j), header[j], cell, v);
                        }
                        firstText[j] = cell;
                        firstTextLine[j] = tokens.fieldLine(j);
                        if (anyNumber[j]) {
                            throw numbersAndText(j, v);
                        }
                        values[j] = null;
                        System.arraycopy(active, k + 1, active, k, activeCount - k - 1);
                        activeCount--;
                        k--;
                        textColumns[textCount++] = j;
                        continue;
                    }
                    if (!anyNumber[j]) {
                        anyNumber[j] = true;
                        firstNumber[j] = cell;
                        firstNumberLine[j] = tokens.fieldLine(j);
                    }
                }
                values[j][rows] = v;
            }
            for (int k = 0; k < textCount; k++) {
                int j = textColumns[k];
                String cell = tokens.field(j);
                if (!Cells.isMissing(cell) && Double.isFinite(Cells.parseNumber(cell))) {
                    firstNumber[j] = cell;
                    firstNumberLine[j] = tokens.fieldLine(j);
                    throw numbersAndText(j, Cells.parseNumber(firstText[j]));
                }
            }
            String label = tokens.field(labelColumn);
            if (classification) {
                if (Cells.isMissing(label)) {
                    labelIds[rows] = -1;
                } else {
                    Integer id = labelIdOf.get(label);
                    if (id == null) {
                        id = labelTexts.size();
                        labelTexts.add(label);
                        labelIdOf.put(label, id);
                    }
                    labelIds[rows] = id;
                }
            } else if (Cells.isMissing(label)) {
                targets[rows] = Double.NaN;
            } else {
                double v = Cells.parseNumber(label);
                if (!Double.isFinite(v)) {
                    throw Cells.notANumber(source, tokens.fieldLine(labelColumn), header[labelColumn], label, v);
                }
                targets[rows] = v;
            }
            lines[rows] = line;
            rows++;
            Cells.checkSize(source, line, rows, activeCount, options.maxBytes(), activeCount + " features");
        }

        /**
         * A column of automatic features with numbers in some rows and not in others: located at its
         * first cell that is not a number, {@code parsed} as that cell parses (NaN or an infinity).
         */
        private SpecException numbersAndText(int j, double parsed) {
            SpecException cell = Cells.notANumber(source, firstTextLine[j], header[j], firstText[j], parsed);
            return new SpecException(source, firstTextLine[j], header[j], cell.problem()
                    + ", in a column that holds numbers (line " + firstNumberLine[j] + ": "
                    + Cells.quote(firstNumber[j])
                    + "); a column that holds numbers is a feature, so each of its cells must be a number or missing"
                    + " (empty, NA, NaN or null); or list the features to use");
        }

        private void grow() {
            int capacity = (int) Math.min(Cells.MAX_ARRAY, 2L * lines.length);
            lines = Arrays.copyOf(lines, capacity);
            if (classification) {
                labelIds = Arrays.copyOf(labelIds, capacity);
            } else {
                targets = Arrays.copyOf(targets, capacity);
            }
            for (int k = 0; k < activeCount; k++) {
                values[active[k]] = Arrays.copyOf(values[active[k]], capacity);
            }
        }

        private LoadedData assemble() {
            int[] featureColumns = featureColumns();
            int d = featureColumns.length;
            // The columns used, in file order, to name the first missing cell of a row.
            int[] used = Arrays.copyOf(featureColumns, d + 1);
            used[d] = labelColumn;
            Arrays.sort(used);

            boolean[] keep = new boolean[rows];
            int missingRows = 0;
            int firstMissingRow = -1;
            int firstMissingColumn = -1;
            for (int r = 0; r < rows; r++) {
                int missingColumn = -1;
                for (int j : used) {
                    if (j == labelColumn ? labelMissing(r) : Double.isNaN(values[j][r])) {
                        missingColumn = j;
                        break;
                    }
                }
                if (missingColumn >= 0) {
                    if (missingRows++ == 0) {
                        firstMissingRow = r;
                        firstMissingColumn = missingColumn;
                    }
                } else {
                    keep[r] = true;
                }
            }
            if (missingRows > 0 && options.missing() == Missing.REFUSE) {
                int r = firstMissingRow;
                int j = firstMissingColumn;
                throw new SpecException(source, lines[r], header[j], "missing value; " + missingRows + " of " + rows
                        + (rows == 1 ? " row has" : " rows have") + " a missing value (empty, NA, NaN or null) in the"
                        + " columns used, the first on this line; set missing: drop to leave them out");
            }
            int m = rows - missingRows;
            if (m == 0) {
                throw new SpecException(source, 0, null, "every row (" + rows + ") has a missing value in the columns"
                        + " used, so none is left");
            }
            double[] x = new double[Math.multiplyExact(m, d)];
            double[] y = new double[m];
            int k = 0;
            for (int r = 0; r < rows; r++) {
                if (!keep[r]) {
                    continue;
                }
                int base = k * d;
                for (int f = 0; f < d; f++) {
                    x[base + f] = values[featureColumns[f]][r];
                }
                y[k] = classification ? labelIds[r] : targets[r];
                k++;
            }
            values = null; // the columns are in x now: let them go before DenseData copies x
            List<String> featureNames = new ArrayList<>(d);
            for (int j : featureColumns) {
                featureNames.add(header[j]);
            }
            List<String> ignored = new ArrayList<>();
            for (int j = 0; j < header.length; j++) {
                if (Arrays.binarySearch(used, j) < 0) {
                    ignored.add(header[j]);
                }
            }
            String labelName = header[labelColumn];
            if (!classification) {
                return new LoadedData(DenseData.regression(x, y, featureNames), Map.of(), rows, missingRows, ignored);
            }
            boolean[] seen = new boolean[labelTexts.size()];
            for (int i = 0; i < m; i++) {
                seen[(int) y[i]] = true;
            }
            ClassLabels classes = ClassLabels.ofTexts(labelTexts, seen);
            if (classes.names().size() < 2) {
                throw new SpecException(source, 0, labelName, "a classification needs at least 2 classes, got 1: "
                        + Cells.quote(labelTexts.get((int) y[0]))
                        + (missingRows > 0 ? " (in the " + m + " rows without missing values)" : ""));
            }
            for (int i = 0; i < m; i++) {
                y[i] = classes.classOf()[(int) y[i]];
            }
            DenseData data = DenseData.classification(x, y, featureNames, classes.names());
            return new LoadedData(data, classes.index(), rows, missingRows, ignored);
        }

        private boolean labelMissing(int r) {
            return classification ? labelIds[r] < 0 : Double.isNaN(targets[r]);
        }

        /** The feature columns: as given, or the columns that stayed numeric and hold a number. */
        private int[] featureColumns() {
            if (explicitFeatures != null) {
                return explicitFeatures;
            }
            int[] columns = new int[activeCount];
            int d = 0;
            for (int k = 0; k < activeCount; k++) {
                if (anyNumber[active[k]]) {
                    columns[d++] = active[k];
                }
            }
            if (d == 0 && header.length == 1) {
                throw new SpecException(source, 0, null, "no feature columns: the file has only the label column "
                        + header[labelColumn]);
            }
            if (d == 0) {
                StringBuilder why = new StringBuilder();
                for (int j = 0; j < header.length; j++) {
                    if (j == labelColumn) {
                        continue;
                    }
                    why.append(why.length() == 0 ? "" : ", ").append(header[j]);
                    why.append(firstText[j] != null
                            ? " (line " + firstTextLine[j] + ": " + Cells.quote(firstText[j]) + ")"
                            : " (no values)");
                }
                throw new SpecException(source, 0, null, "no numeric column to use as a feature besides the label "
                        + header[labelColumn] + ": " + why);
            }
            return Arrays.copyOf(columns, d);
        }
    }
}
