package dev.gdsweep.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

class LibsvmReaderTest {

    private static final String SOURCE = "data/t.libsvm";
    private static final DataOptions REGRESSION = DataOptions.libsvm(Task.REGRESSION);
    private static final DataOptions CLASSIFICATION = DataOptions.libsvm(Task.CLASSIFICATION);

    private static LoadedData read(String text, DataOptions options) {
        try {
            return LibsvmReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), SOURCE, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpecException error(String text, DataOptions options, int line, String key) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> read(text, options));
        assertThat(e).as("expected a SpecException").isNotNull();
        assertThat(e.source()).isEqualTo(SOURCE);
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.key()).as("key of: " + e.getMessage()).isEqualTo(key);
        return e;
    }

    @Test
    void sparseRowsBecomeDenseWithTheLargestIndexAsDimension() {
        LoadedData loaded = read("1.5 1:2 3:-1\n-2 2:0.5\n0\n4 4:1e1\n", REGRESSION);
        DenseData data = loaded.data();
        assertThat(loaded.dimension()).isEqualTo(4);
        assertThat(loaded.featureNames()).containsExactly("x1", "x2", "x3", "x4");
        assertThat(loaded.rowsRead()).isEqualTo(4);
        assertThat(loaded.rowsDropped()).isZero();
        assertThat(loaded.ignoredColumns()).isEmpty();
        assertThat(data.featureArray()).containsExactly(
                2, 0, -1, 0,
                0, 0.5, 0, 0,
                0, 0, 0, 0,
                0, 0, 0, 10);
        assertThat(data.labelArray()).containsExactly(1.5, -2, 0, 4);
    }

    @Test
    void aGivenDimensionAddsZeroColumns() {
        LoadedData loaded = read("1 1:1\n2 2:2\n", REGRESSION.withDimension(3));
        assertThat(loaded.dimension()).isEqualTo(3);
        assertThat(loaded.data().featureArray()).containsExactly(1, 0, 0, 0, 2, 0);
    }

    @Test
    void commentsBlankLinesTabsAndCrlfAreAccepted() {
        String text = "# a header comment\r\n\r\n+1\t1:1  2:2 # trailing comment\r\n   \n-1 2:3\t\n# end\n";
        LoadedData loaded = read(text, CLASSIFICATION);
        assertThat(loaded.rowsRead()).isEqualTo(2);
        assertThat(loaded.data().classNames()).containsExactly("-1", "1");
        assertThat(loaded.classIndex()).containsExactly(Map.entry("-1", 0), Map.entry("1", 1));
        assertThat(loaded.data().labelArray()).containsExactly(1, 0);
        assertThat(loaded.data().featureArray()).containsExactly(1, 2, 0, 3);
    }

    @Test
    void classLabelsOneToTenAreZeroPadded() {
        StringBuilder text = new StringBuilder();
        for (int c = 10; c >= 1; c--) {
            text.append(c).append(" 1:").append(c).append('\n');
        }
        LoadedData loaded = read(text.toString(), CLASSIFICATION);
        assertThat(loaded.data().classNames()).startsWith("01", "02").endsWith("10");
        assertThat(loaded.data().labelArray()).containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    }

    @Test
    void emptyFileAndOnlyComments() {
        assertThat(error("", REGRESSION, 0, null)).hasMessage(
                "data/t.libsvm: empty file: expected lines of the form \"label index:value index:value ...\"");
        assertThat(error("# nothing\n\n", REGRESSION, 0, null))
                .hasMessage("data/t.libsvm: no data lines: the file has only blank lines and comments");
    }

    @Test
    void noFeaturesAtAll() {
        assertThat(error("1\n2\n", REGRESSION, 0, null)).hasMessage("data/t.libsvm: no features: no line has an"
                + " index:value pair (give the dimension to read an all-zero data set)");
        assertThat(read("1\n2\n", REGRESSION.withDimension(2)).data().featureArray()).containsOnly(0);
    }

    @Test
    void aMalformedPair() {
        assertThat(error("1 1:2\n1 1:2 3\n", REGRESSION, 2, null))
                .hasMessage("data/t.libsvm:2: expected index:value, got \"3\"");
        assertThat(error("1 1:2 2 :3\n", REGRESSION, 1, null))
                .hasMessage("data/t.libsvm:1: expected index:value, got \"2\"");
    }

    @Test
    void anIndexThatIsNotAPositiveInteger() {
        for (String index : List.of("0", "-1", "a", "1.5", "", "+2", "99999999999", "qid")) {
            assertThat(error("1 " + index + ":1\n", REGRESSION, 1, null)).hasMessage(
                    "data/t.libsvm:1: index must be a positive integer (LIBSVM indexes start at 1), got \"" + index
                            + "\" in \"" + index + ":1\"");
        }
    }

    @Test
    void indexesOutOfOrder() {
        assertThat(error("1 1:1 3:1\n1 3:1 2:1\n", REGRESSION, 2, "feature 2")).hasMessage(
                "data/t.libsvm:2: feature 2: out of order: indexes must be strictly increasing within a line,"
                        + " got 2 after 3");
        assertThat(error("1 2:1 2:1\n", REGRESSION, 1, "feature 2")).hasMessage(
                "data/t.libsvm:1: feature 2: out of order: indexes must be strictly increasing within a line,"
                        + " got 2 after 2");
    }

    @Test
    void anIndexBeyondTheGivenDimension() {
        assertThat(error("1 1:1 5:1\n", REGRESSION.withDimension(4), 1, "feature 5"))
                .hasMessage("data/t.libsvm:1: feature 5: index beyond the dimension 4");
    }

    @Test
    void aValueThatIsNotANumber() {
        assertThat(error("1 1:1\n1 1:1 2:abc\n", REGRESSION, 2, "feature 2"))
                .hasMessage("data/t.libsvm:2: feature 2: not a number, got \"abc\"");
        assertThat(error("1 1:\n", REGRESSION, 1, "feature 1"))
                .hasMessage("data/t.libsvm:1: feature 1: not a number, got \"\"");
        assertThat(error("1 1:nan\n", REGRESSION, 1, "feature 1"))
                .hasMessage("data/t.libsvm:1: feature 1: not a number, got \"nan\"");
        assertThat(error("1 1:-1e400\n", REGRESSION, 1, "feature 1"))
                .hasMessage("data/t.libsvm:1: feature 1: not a finite number, got \"-1e400\"");
    }

    @Test
    void aLabelThatIsNotANumber() {
        assertThat(error("1 1:1\n\nyes 1:1\n", CLASSIFICATION, 3, "label"))
                .hasMessage("data/t.libsvm:3: label: not a number, got \"yes\"");
        assertThat(error("1:1 2:1\n", REGRESSION, 1, "label"))
                .hasMessage("data/t.libsvm:1: label: not a number, got \"1:1\" (each line starts with its label)");
    }

    @Test
    void aClassificationWithOneClass() {
        assertThat(error("1 1:1\n1.0 1:2\n", CLASSIFICATION, 0, "label"))
                .hasMessage("data/t.libsvm: label: a classification needs at least 2 classes, got 1: \"1\"");
    }

    @Test
    void theSizeGuardCountsTheLargestIndexSoFar() {
        // 2 rows of 1 feature fit in 32 bytes; the third line raises the dimension to 3: 3 x 4 x 8 = 96
        assertThat(error("1 1:1\n2 1:1\n3 3:1\n", REGRESSION.withMaxBytes(32), 3, null).getMessage()).startsWith(
                "data/t.libsvm:3: data set too large: 3 rows x 3 features (the largest index so far) = ");
        // with a given dimension of 3, one row (32 bytes) fits and the second does not
        assertThat(error("1 1:1\n2 1:1\n", REGRESSION.withMaxBytes(32).withDimension(3), 2, null).getMessage())
                .startsWith("data/t.libsvm:2: data set too large: 2 rows x 3 features = 64 bytes");
    }

    @Test
    void optionsThatDoNotFitLibsvmAreProgrammingErrors() {
        assertThatThrownBy(() -> read("1 1:1\n", DataOptions.csv("y", Task.REGRESSION)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("1 1:1\n", REGRESSION.withFeatures(List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
