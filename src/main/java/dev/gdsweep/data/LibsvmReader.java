package dev.gdsweep.data;

import dev.gdsweep.data.DataOptions.Task;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.spec.SpecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a LIBSVM (svmlight) file, {@code label index:value index:value ...} per line, into a dense
 * {@link LoadedData}; the rules are in the package documentation. Every mistake in the file is a
 * {@link SpecException} naming the file, the line and the feature.
 */
public final class LibsvmReader {

    private LibsvmReader() {}

    /** Opens the source, reads it and closes it. */
    public static LoadedData read(TableSource source, DataOptions options) throws IOException {
        try (InputStream in = source.open()) {
            return read(in, source.name(), options);
        }
    }

    /**
     * Reads LIBSVM text (UTF-8) from the stream, which is left open.
     *
     * @param source the file as the user wrote it, for messages
     * @throws SpecException for any mistake in the file
     * @throws IllegalArgumentException when the options name a label or feature columns (a LIBSVM file
     *     has neither)
     * @throws IOException when the stream fails
     */
    public static LoadedData read(InputStream in, String source, DataOptions options) throws IOException {
        if (options.label() != null || options.features() != null) {
            throw new IllegalArgumentException("a LIBSVM file has no named columns: label and features must be null");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        try {
            return new Reading(source, options).read(reader);
        } catch (CharacterCodingException e) {
            throw new SpecException(source, 0, null, "not UTF-8 text (" + e.getMessage() + ")");
        }
    }

    private static final class Reading {
        private final String source;
        private final DataOptions options;
        private final int givenDimension;

        private double[] labels = new double[1024];
        /** Row r's pairs are {@code [rowStart[r], rowStart[r + 1])} of indexes and values. */
        private int[] rowStart = new int[1025];
        private int[] indexes = new int[4096];
        private double[] values = new double[4096];
        private int pairs;
        private int rows;
        private int maxIndex;

        Reading(String source, DataOptions options) {
            this.source = source;
            this.options = options;
            this.givenDimension = options.dimension();
        }

        LoadedData read(BufferedReader reader) throws IOException {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                readLine(text, line);
            }
            if (rows == 0) {
                throw new SpecException(source, 0, null, line == 0
                        ? "empty file: expected lines of the form \"label index:value index:value ...\""
                        : "no data lines: the file has only blank lines and comments");
            }
            int d = givenDimension > 0 ? givenDimension : maxIndex;
            if (d == 0) {
                throw new SpecException(source, 0, null, "no features: no line has an index:value pair"
                        + " (give the dimension to read an all-zero data set)");
            }
            Cells.checkSize(source, 0, rows, d, options.maxBytes(), d + " features");
            double[] x = new double[Math.multiplyExact(rows, d)];
            for (int r = 0; r < rows; r++) {
                int base = r * d - 1;
                for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                    x[base + indexes[p]] = values[p];
                }
            }
            List<String> names = new ArrayList<>(d);
            for (int j = 1; j <= d; j++) {
                names.add("x" + j);
            }
            double[] y = Arrays.copyOf(labels, rows);
            if (options.task() == Task.REGRESSION) {
                return new LoadedData(DenseData.regression(x, y, names), Map.of(), rows, 0, List.of());
            }
            boolean[] used = new boolean[rows];
            Arrays.fill(used, true);
            ClassLabels classes = ClassLabels.ofValues(y, used);
            if (classes.names().size() < 2) {
                throw new SpecException(source, 0, "label", "a classification needs at least 2 classes, got 1: "
                        + Cells.quote(classes.names().get(0)));
            }
            for (int r = 0; r < rows; r++) {
                y[r] = classes.classOf()[r];
            }
            return new LoadedData(DenseData.classification(x, y, names, classes.names()), classes.index(), rows, 0,
                    List.of());
        }

        private void readLine(String text, int line) {
            int end = text.indexOf('#');
            if (end < 0) {
                end = text.length();
            }
            int i = skipBlanks(text, 0, end);
            if (i == end) {
                return; // blank or comment only
            }
            int tokenEnd = tokenEnd(text, i, end);
            String labelText = text.substring(i, tokenEnd);
            double label = Cells.parseNumber(labelText);
            if (!Double.isFinite(label)) {
                SpecException e = Cells.notANumber(source, line, "label", labelText, label);
                if (labelText.indexOf(':') >= 0) {
                    e = new SpecException(source, line, "label", e.problem() + " (each line starts with its label)");
                }
                throw e;
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, (int) Math.min(Cells.MAX_ARRAY, 2L * rows));
                rowStart = Arrays.copyOf(rowStart, labels.length + 1);
            }
            labels[rows] = label;
            int previous = 0;
            i = skipBlanks(text, tokenEnd, end);
            while (i < end) {
                tokenEnd = tokenEnd(text, i, end);
                int colon = text.indexOf(':', i);
                if (colon < 0 || colon >= tokenEnd) {
                    throw new SpecException(source, line, null, "expected index:value, got "
                            + Cells.quote(text.substring(i, tokenEnd)));
                }
                int index = parseIndex(text, i, colon);
                if (index <= 0) {
                    throw new SpecException(source, line, null, "index must be a positive integer (LIBSVM indexes"
                            + " start at 1), got " + Cells.quote(text.substring(i, colon)) + " in "
                            + Cells.quote(text.substring(i, tokenEnd)));
                }
                String key = "feature " + index;
                if (index <= previous) {
                    throw new SpecException(source, line, key, "out of order: indexes must be strictly increasing"
                            + " within a line, got " + index + " after " + previous);
                }
                if (givenDimension > 0 && index > givenDimension) {
                    throw new SpecException(source, line, key, "index beyond the dimension " + givenDimension);
                }
                String valueText = text.substring(colon + 1, tokenEnd);
                double value = Cells.parseNumber(valueText);
                if (!Double.isFinite(value)) {
                    throw Cells.notANumber(source, line, key, valueText, value);
                }
                if (pairs == indexes.length) {
                    int capacity = (int) Math.min(Cells.MAX_ARRAY, 2L * pairs);
                    indexes = Arrays.copyOf(indexes, capacity);
                    values = Arrays.copyOf(values, capacity);
                }
                indexes[pairs] = index;
                values[pairs] = value;
                pairs++;
                previous = index;
                i = skipBlanks(text, tokenEnd, end);
            }
            maxIndex = Math.max(maxIndex, previous);
            rows++;
            rowStart[rows] = pairs;
            int d = Math.max(givenDimension, maxIndex);
            Cells.checkSize(source, line, rows, d, options.maxBytes(),
                    d + " features" + (givenDimension > 0 ? "" : " (the largest index so far)"));
        }

        /** The index in {@code text[from, to)}: a positive int, 0 or −1 when it is not one. */
        private static int parseIndex(String text, int from, int to) {
            if (from == to || to - from > 10) {
                return -1;
            }
            long index = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                index = index * 10 + (c - '0');
            }
            return index > Integer.MAX_VALUE ? -1 : (int) index;
        }

        private static int skipBlanks(String text, int i, int end) {
            while (i < end && isBlank(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private static int tokenEnd(String text, int i, int end) {
            while (i < end && !isBlank(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t';
        }
    }
}
