package dev.gdsweep.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gdsweep.data.DataOptions.Missing;
import dev.gdsweep.data.DataOptions.Task;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.spec.SpecException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static final String SOURCE = "data/t.csv";

    static LoadedData read(String text, DataOptions options) {
        return read(text.getBytes(StandardCharsets.UTF_8), options);
    }

    static LoadedData read(byte[] bytes, DataOptions options) {
        try {
            return CsvReader.read(new ByteArrayInputStream(bytes), SOURCE, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataOptions regression(String label) {
        return DataOptions.csv(label, Task.REGRESSION);
    }

    private static DataOptions classification(String label) {
        return DataOptions.csv(label, Task.CLASSIFICATION);
    }

    /** The error a read fails with, checked to carry the given line and key. */
    private static SpecException error(String text, DataOptions options, int line, String key) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> read(text, options));
        assertThat(e).as("expected a SpecException").isNotNull();
        assertThat(e.source()).isEqualTo(SOURCE);
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.key()).as("key of: " + e.getMessage()).isEqualTo(key);
        return e;
    }

    private static double[] row(DenseData data, int r) {
        double[] row = new double[data.featureCount()];
        for (int j = 0; j < row.length; j++) {
            row[j] = data.feature(r, j);
        }
        return row;
    }

    // ---- Reading ----

    @Test
    void readsRegressionRowsWithEveryOtherNumericColumnAsAFeature() {
        LoadedData loaded = read("a,name,b,y\n1,x,2,10\n3,y,4,20\n-5.5,z,1e3,30\n", regression("y"));
        DenseData data = loaded.data();
        assertThat(data.isClassification()).isFalse();
        assertThat(loaded.featureNames()).containsExactly("a", "b");
        assertThat(loaded.ignoredColumns()).containsExactly("name");
        assertThat(loaded.dimension()).isEqualTo(2);
        assertThat(loaded.rowsRead()).isEqualTo(3);
        assertThat(loaded.rowsDropped()).isZero();
        assertThat(loaded.classIndex()).isEmpty();
        assertThat(data.featureArray()).containsExactly(1, 2, 3, 4, -5.5, 1000);
        assertThat(data.labelArray()).containsExactly(10, 20, 30);
    }

    @Test
    void explicitFeaturesComeInTheOrderGivenAndTheRestIsIgnored() {
        LoadedData loaded = read("a,b,c,y\n1,2,3,0\n4,5,6,1\n",
                regression("y").withFeatures(List.of("c", "a")));
        assertThat(loaded.featureNames()).containsExactly("c", "a");
        assertThat(loaded.ignoredColumns()).containsExactly("b");
        assertThat(loaded.data().featureArray()).containsExactly(3, 1, 6, 4);
    }

    @Test
    void anAllMissingColumnIsNotAnAutomaticFeature() {
        LoadedData loaded = read("a,empty,y\n1,,0\n2,NA,1\n", regression("y"));
        assertThat(loaded.featureNames()).containsExactly("a");
        assertThat(loaded.ignoredColumns()).containsExactly("empty");
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        String text = "\"label, with comma\",\"x\"\r\n"
                + "\"a \"\"quoted\"\" class\",1\r\n"
                + "\"two\r\nlines\",2\r\n"
                + "  \"padded\"  , \" 3 \" \r\n"
                + "plain,4";
        LoadedData loaded = read(text, classification("label, with comma"));
        assertThat(loaded.featureNames()).containsExactly("x");
        assertThat(loaded.data().classNames()).containsExactly("a \"quoted\" class", "padded", "plain", "two\r\nlines")
                .isSorted();
        assertThat(loaded.classIndex()).containsExactly(Map.entry("a \"quoted\" class", 0), Map.entry("padded", 1),
                Map.entry("plain", 2), Map.entry("two\r\nlines", 3));
        assertThat(loaded.data().featureArray()).containsExactly(1, 2, 3, 4);
        assertThat(loaded.data().labelArray()).containsExactly(0, 3, 1, 2);
    }

    @Test
    void acceptsLfCrAndCrlfAByteOrderMarkBlankLinesAndAQuoteInsideAnUnquotedField() {
        String text = "\uFEFFx,y\n\n1,2\r3,4\r\n   \n5,6\n\n";
        LoadedData loaded = read(text, regression("y"));
        assertThat(loaded.featureNames()).containsExactly("x");
        assertThat(loaded.data().featureArray()).containsExactly(1, 3, 5);
        LoadedData quoted = read("size,y\n5'10\",1\n6'1\",2\n", classification("size"));
        assertThat(quoted.data().classNames()).containsExactly("5'10\"", "6'1\"");
    }

    @Test
    void textClassesAreSortedWithCompareTo() {
        LoadedData loaded = read("x,c\n1,b\n2,B\n3,a\n4,b\n5,A\n", classification("c"));
        assertThat(loaded.data().classNames()).containsExactly("A", "B", "a", "b");
        assertThat(loaded.data().labelArray()).containsExactly(3, 1, 2, 3, 0);
        assertThat(List.copyOf(loaded.classIndex().keySet())).containsExactly("A", "B", "a", "b");
    }

    @Test
    void numericClassesAreSortedByValueAndNamedByTheirShortestText() {
        LoadedData loaded = read("x,c\n1,+1\n2,-1\n3,1.0\n4,0.5\n", classification("c"));
        assertThat(loaded.data().classNames()).containsExactly("-1", "0.5", "1");
        assertThat(loaded.data().labelArray()).containsExactly(2, 0, 2, 1);
    }

    @Test
    void nonNegativeIntegerClassesOutOfStringOrderAreZeroPadded() {
        StringBuilder text = new StringBuilder("x,c\n");
        for (int c = 1; c <= 10; c++) {
            text.append(c).append(',').append(c).append('\n');
        }
        LoadedData loaded = read(text.toString(), classification("c"));
        assertThat(loaded.data().classNames())
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09", "10");
        assertThat(loaded.data().labelArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void otherNumericClassesOutOfStringOrderFollowTheStringOrder() {
        LoadedData loaded = read("x,c\n1,-2\n2,-1\n3,1\n", classification("c"));
        assertThat(loaded.data().classNames()).containsExactly("-1", "-2", "1");
        assertThat(loaded.data().labelArray()).containsExactly(1, 0, 2);
    }

    @Test
    void mixedTextAndNumberLabelsAreText() {
        LoadedData loaded = read("x,c\n1,10\n2,9\n3,x\n", classification("c"));
        assertThat(loaded.data().classNames()).containsExactly("10", "9", "x");
    }

    @Test
    void missingValuesAreEmptyNaNanOrNullInAnyCaseAndOnlyInTheColumnsUsed() {
        String text = "x,z,other,y\n1,1,,1\n,1,a,2\nna,1,a,3\nNaN,1,a,4\nNULL,1,a,5\n6,1,,null\n7,1,\"\",\"\"\n8,1,,8\n";
        LoadedData loaded = read(text, regression("y").withFeatures(List.of("x", "z")).withMissing(Missing.DROP));
        assertThat(loaded.rowsRead()).isEqualTo(8);
        assertThat(loaded.rowsDropped()).isEqualTo(6);
        assertThat(loaded.rowCount()).isEqualTo(2);
        assertThat(loaded.data().labelArray()).containsExactly(1, 8);
        assertThat(loaded.data().featureArray()).containsExactly(1, 1, 8, 1);
    }

    @Test
    void droppedRowsDoNotContributeClasses() {
        LoadedData loaded = read("x,c\n1,a\n,z\n2,b\n", classification("c").withMissing(Missing.DROP));
        assertThat(loaded.data().classNames()).containsExactly("a", "b");
        assertThat(loaded.rowsDropped()).isEqualTo(1);
    }

    @Test
    void readsFromATableSource() throws IOException {
        TableSource source = new TableSource("mem:t.csv",
                () -> new ByteArrayInputStream("x,y\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(CsvReader.read(source, regression("y")).data().labelArray()).containsExactly(2);
    }

    // ---- Errors ----

    @Test
    void emptyFile() {
        assertThat(error("", regression("y"), 0, null)).hasMessage(
                "data/t.csv: empty file: expected a header line with the column names, then the rows");
        assertThat(error("\n  \n\n", regression("y"), 0, null)).hasMessage(
                "data/t.csv: empty file: expected a header line with the column names, then the rows");
    }

    @Test
    void headerOnly() {
        assertThat(error("x,y\n", regression("y"), 0, null))
                .hasMessage("data/t.csv: no data rows: the file has a header (line 1) and nothing after it");
        assertThat(error("\nx,y\n\n", regression("y"), 0, null))
                .hasMessage("data/t.csv: no data rows: the file has a header (line 2) and nothing after it");
    }

    @Test
    void unknownLabelColumnListsTheColumns() {
        assertThat(error("a,b,y\n1,2,3\n", regression("target"), 1, "target"))
                .hasMessage("data/t.csv:1: target: no such label column; the columns are a, b, y");
    }

    @Test
    void unknownFeatureColumnListsTheColumns() {
        assertThat(error("a,b,y\n1,2,3\n", regression("y").withFeatures(List.of("a", "c")), 1, "c"))
                .hasMessage("data/t.csv:1: c: no such feature column; the columns are a, b, y");
    }

    @Test
    void aHeaderOfOneColumnWithSemicolonsGetsAHint() {
        assertThat(error("a;b;y\n1;2;3\n", regression("y"), 1, "y")).hasMessage(
                "data/t.csv:1: y: no such label column; the columns are a;b;y (the header is one column: the file"
                        + " seems to use another separator, and this reader splits on commas only)");
    }

    @Test
    void duplicateAndEmptyColumnNames() {
        assertThat(error("a,b,a,y\n1,2,3,4\n", regression("y"), 1, "a"))
                .hasMessage("data/t.csv:1: a: duplicate column name (columns 1 and 3)");
        assertThat(error("a,,y\n1,2,3\n", regression("y"), 1, null))
                .hasMessage("data/t.csv:1: column 2 has no name");
    }

    @Test
    void badFeatureLists() {
        assertThat(error("a,b,y\n1,2,3\n", regression("y").withFeatures(List.of("a", "y")), 1, "y"))
                .hasMessage("data/t.csv:1: y: is the label column, so it cannot be a feature too");
        assertThat(error("a,b,y\n1,2,3\n", regression("y").withFeatures(List.of("a", "a")), 0, "a"))
                .hasMessage("data/t.csv: a: listed twice in the features");
        assertThat(error("a,b,y\n1,2,3\n", regression("y").withFeatures(List.of()), 0, null))
                .hasMessage("data/t.csv: no feature columns given");
    }

    @Test
    void aRowWithTheWrongNumberOfCells() {
        assertThat(error("a,b,y\n1,2,3\n4,5\n", regression("y"), 3, null))
                .hasMessage("data/t.csv:3: expected 3 cells as in the header, got 2");
        assertThat(error("a,b,y\n1,2,3\n4,5,6,\n", regression("y"), 3, null))
                .hasMessage("data/t.csv:3: expected 3 cells as in the header, got 4");
        // the line counts the line breaks inside quotes
        assertThat(error("a,b,y\n\"1\n\n\",2,3\n4,5\n", regression("y"), 5, null))
                .hasMessage("data/t.csv:5: expected 3 cells as in the header, got 2");
    }

    @Test
    void aNonNumericCellInAGivenFeature() {
        DataOptions options = regression("y").withFeatures(List.of("a", "b"));
        assertThat(error("a,b,y\n1,2,3\n4,abc,6\n", options, 3, "b"))
                .hasMessage("data/t.csv:3: b: not a number, got \"abc\"");
        assertThat(error("a,b,y\n1,1e999,3\n", options, 2, "b"))
                .hasMessage("data/t.csv:2: b: not a finite number, got \"1e999\"");
        for (String notNumber : List.of("Infinity", "0x10", "1d", "1,000", "1.2.3", "e5", "1e", "--1", "- 1")) {
            String cell = notNumber.contains(",") ? "\"" + notNumber + "\"" : notNumber;
            assertThat(error("a,b,y\n1," + cell + ",3\n", options, 2, "b"))
                    .hasMessage("data/t.csv:2: b: not a number, got \"" + notNumber + "\"");
        }
    }

    @Test
    void automaticFeaturesSkipNonNumericColumnsButAllNonNumericIsAnError() {
        assertThat(error("name,kind,y\nab,c,1\nde,,2\n", regression("y"), 0, null)).hasMessage(
                "data/t.csv: no numeric column to use as a feature besides the label y: name (line 2: \"ab\"),"
                        + " kind (line 2: \"c\")");
        assertThat(error("name,empty,y\nw,,1\nx,NA,2\n", regression("y"), 0, null)).hasMessage(
                "data/t.csv: no numeric column to use as a feature besides the label y: name (line 2: \"w\"),"
                        + " empty (no values)");
    }

    // Issue 19: a column of numbers with one text cell was left out of the features without a word.
    @Test
    void aColumnWithNumbersAndTextIsAnErrorAtItsFirstTextCell() {
        String rule = "; a column that holds numbers is a feature, so each of its cells must be a number or missing"
                + " (empty, NA, NaN or null); or list the features to use";
        assertThat(error("a,b,y\n1,2,3\n4,abc,6\n7,8,9\n", regression("y"), 3, "b")).hasMessage(
                "data/t.csv:3: b: not a number, got \"abc\", in a column that holds numbers (line 2: \"2\")" + rule);
        assertThat(error("a,b,y\n1,2,3\n4,Infinity,6\n", regression("y"), 3, "b")).hasMessage(
                "data/t.csv:3: b: not a number, got \"Infinity\", in a column that holds numbers (line 2: \"2\")"
                        + rule);
        assertThat(error("a,b,y\n1,2,3\n4,-1e999,6\n", regression("y"), 3, "b")).hasMessage(
                "data/t.csv:3: b: not a finite number, got \"-1e999\", in a column that holds numbers (line 2:"
                        + " \"2\")" + rule);
        // The text first, the number later: still located at the text.
        assertThat(error("a,b,y\n1,n/a,3\n4,,6\n7,8.5,9\n", classification("y"), 2, "b")).hasMessage(
                "data/t.csv:2: b: not a number, got \"n/a\", in a column that holds numbers (line 4: \"8.5\")"
                        + rule);
    }

    @Test
    void aColumnWithNumbersAndMissingCellsFollowsTheMissingRule() {
        assertThat(error("a,b,y\n1,2,3\n4,NA,6\n", regression("y"), 3, "b")).hasMessageStartingWith(
                "data/t.csv:3: b: missing value; 1 of 2 rows");
        LoadedData dropped = read("a,b,y\n1,2,3\n4,NA,6\n", regression("y").withMissing(Missing.DROP));
        assertThat(dropped.featureNames()).containsExactly("a", "b");
        assertThat(dropped.rowsDropped()).isEqualTo(1);
    }

    @Test
    void onlyALabelColumn() {
        assertThat(error("y\n1\n2\n", regression("y"), 0, null))
                .hasMessage("data/t.csv: no feature columns: the file has only the label column y");
    }

    @Test
    void missingValuesAreRefusedByDefaultCountingTheRowsAndNamingTheFirst() {
        String text = "a,b,y\n1,2,3\n4,,6\n7,8,9\nNA,NA,9\n1,2,\n";
        assertThat(error(text, regression("y"), 3, "b")).hasMessage(
                "data/t.csv:3: b: missing value; 3 of 5 rows have a missing value (empty, NA, NaN or null) in the"
                        + " columns used, the first on this line; set missing: drop to leave them out");
        assertThat(error("a,y\n1,\n", regression("y"), 2, "y")).hasMessage(
                "data/t.csv:2: y: missing value; 1 of 1 row has a missing value (empty, NA, NaN or null) in the"
                        + " columns used, the first on this line; set missing: drop to leave them out");
    }

    @Test
    void everyRowDropped() {
        assertThat(error("a,y\n1,\n,2\n", regression("y").withMissing(Missing.DROP), 0, null))
                .hasMessage("data/t.csv: every row (2) has a missing value in the columns used, so none is left");
    }

    @Test
    void aRegressionLabelThatIsNotANumber() {
        assertThat(error("a,y\n1,2\n3,high\n", regression("y"), 3, "y"))
                .hasMessage("data/t.csv:3: y: not a number, got \"high\"");
    }

    @Test
    void aClassificationWithOneClass() {
        assertThat(error("a,c\n1,cat\n2,cat\n", classification("c"), 0, "c"))
                .hasMessage("data/t.csv: c: a classification needs at least 2 classes, got 1: \"cat\"");
        assertThat(error("a,c\n1,cat\n,dog\n", classification("c").withMissing(Missing.DROP), 0, "c")).hasMessage(
                "data/t.csv: c: a classification needs at least 2 classes, got 1: \"cat\""
                        + " (in the 1 rows without missing values)");
    }

    @Test
    void anUnterminatedQuoteIsReportedWhereItOpened() {
        assertThat(error("a,y\n1,2\n3,\"4\n5,6\n", regression("y"), 3, "y")).hasMessage(
                "data/t.csv:3: y: unterminated quoted field: the file ends inside the quotes opened on this line");
        assertThat(error("a,\"y\n", regression("y"), 1, null)).hasMessage(
                "data/t.csv:1: unterminated quoted field: the file ends inside the quotes opened on this line");
    }

    @Test
    void textAfterAClosingQuote() {
        assertThat(error("a,y\n\"1\"x,2\n", regression("y"), 2, "a")).hasMessage(
                "data/t.csv:2: a: unexpected \"x\" after the closing quote of a quoted field"
                        + " (a quote inside quotes is written as two quotes, \"\")");
    }

    @Test
    void notUtf8() {
        byte[] latin1 = "x,c\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> read(latin1, classification("c")));
        assertThat(e.getMessage()).startsWith("data/t.csv: not UTF-8 text (");
    }

    @Test
    void optionsThatDoNotFitCsvAreProgrammingErrors() {
        assertThatThrownBy(() -> read("x,y\n1,2\n", new DataOptions(null, null, Task.REGRESSION, Missing.REFUSE,
                DataOptions.DEFAULT_MAX_BYTES, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("x,y\n1,2\n", regression("y").withDimension(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- Size ----

    @Test
    void theSizeGuardStopsAtTheFirstRowOverTheLimit() {
        // 3 features + label = 32 bytes a row: 10 rows = 320 bytes fit, the 11th row does not
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        for (int r = 0; r < 20; r++) {
            text.append("1,2,3,4\n");
        }
        DataOptions options = regression("y").withMaxBytes(320);
        assertThat(error(text.toString(), options, 12, null)).hasMessage(
                "data/t.csv:12: data set too large: 11 rows x 3 features = 352 bytes with the labels by this"
                        + " line, over the limit of 320 bytes (data.max_mb). Each Spark task runs a whole descent"
                        + " over its own copy of the data, so the data set must fit in an executor's memory; raise"
                        + " data.max_mb if the executors have room, or use fewer rows or features");
        assertThat(read(text.substring(0, "a,b,c,y\n".length() + 10 * 8), options).rowCount()).isEqualTo(10);
    }

    @Test
    void theSizeGuardSaysMiB() {
        assertThat(Cells.mib(512L << 20)).isEqualTo("512 MiB");
        assertThat(Cells.mib(3L << 19)).isEqualTo("1.5 MiB");
        assertThat(Cells.mib(DataOptions.DEFAULT_MAX_BYTES)).isEqualTo("512 MiB");
        assertThat(Cells.mib(1000)).isEqualTo("1000 bytes");
    }

    // ---- Size and speed ----

    @Test
    void readsTenThousandRowsOfTwentyFeatures() {
        int m = 10_000;
        int d = 20;
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < d; j++) {
            text.append("f").append(j).append(',');
        }
        text.append("label\n");
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < d; j++) {
                text.append(value(r, j)).append(',');
            }
            text.append(r % 3 == 0 ? "red" : r % 3 == 1 ? "green" : "blue").append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        LoadedData loaded = read(bytes, classification("label"));
        DenseData data = loaded.data();
        assertThat(data.rowCount()).isEqualTo(m);
        assertThat(data.featureCount()).isEqualTo(d);
        assertThat(data.classNames()).containsExactly("blue", "green", "red");
        for (int r = 0; r < m; r += 997) {
            for (int j = 0; j < d; j++) {
                assertThat(data.feature(r, j)).isEqualTo(value(r, j));
            }
            assertThat(data.label(r)).isEqualTo(r % 3 == 0 ? 2 : r % 3 == 1 ? 1 : 0);
        }
        assertThat(row(data, m - 1)).containsExactly(java.util.stream.IntStream.range(0, d)
                .mapToDouble(j -> value(m - 1, j)).toArray());
    }

    private static double value(int r, int j) {
        return (r * 31 + j * 7) % 1000 / 8.0 - 60;
    }
}
