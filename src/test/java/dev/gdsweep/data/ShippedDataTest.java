package dev.gdsweep.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gdsweep.data.DataOptions.Missing;
import dev.gdsweep.data.DataOptions.Task;
import dev.gdsweep.loss.model.DenseData;
import dev.gdsweep.spec.SpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data sets in conf/data read as conf/data/README.md describes them. */
class ShippedDataTest {

    private static final Path DIR = Path.of("conf", "data");
    private static final List<String> PENGUIN_MEASURES =
            List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g");
    private static final List<String> IRIS_FEATURES =
            List.of("sepal_length", "sepal_width", "petal_length", "petal_width");

    private static LoadedData csv(String file, DataOptions options) throws IOException {
        return CsvReader.read(TableSource.of(DIR.resolve(file)), options);
    }

    @Test
    void penguinsRefusesItsTwoRowsWithoutMeasurements() {
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> csv("penguins.csv", DataOptions.csv("species", Task.CLASSIFICATION)));
        assertThat(e).hasMessage("conf/data/penguins.csv:5: bill_length_mm: missing value; 2 of 344 rows have a"
                + " missing value (empty, NA, NaN or null) in the columns used, the first on this line;"
                + " set missing: drop to leave them out");
    }

    @Test
    void penguinsDropsTwoRowsForSpeciesFromTheMeasures() throws IOException {
        LoadedData loaded = csv("penguins.csv",
                DataOptions.csv("species", Task.CLASSIFICATION).withMissing(Missing.DROP));
        assertThat(loaded.rowsRead()).isEqualTo(344);
        assertThat(loaded.rowsDropped()).isEqualTo(2);
        assertThat(loaded.rowCount()).isEqualTo(342);
        assertThat(loaded.featureNames()).isEqualTo(PENGUIN_MEASURES);
        assertThat(loaded.ignoredColumns()).containsExactly("island", "sex");
        assertThat(loaded.classIndex())
                .containsExactly(Map.entry("Adelie", 0), Map.entry("Chinstrap", 1), Map.entry("Gentoo", 2));
        assertThat(count(loaded.data(), 0)).isEqualTo(151);
        assertThat(count(loaded.data(), 1)).isEqualTo(68);
        assertThat(count(loaded.data(), 2)).isEqualTo(123);
        // the first row: Adelie,Torgersen,39.1,18.7,181,3750,MALE
        assertThat(loaded.data().feature(0, 0)).isEqualTo(39.1);
        assertThat(loaded.data().feature(0, 3)).isEqualTo(3750);
    }

    @Test
    void penguinsSexHasElevenRowsWithMissingValues() throws IOException {
        DataOptions options = DataOptions.csv("sex", Task.CLASSIFICATION).withFeatures(PENGUIN_MEASURES);
        SpecException e = catchThrowableOfType(SpecException.class, () -> csv("penguins.csv", options));
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.key()).isEqualTo("bill_length_mm");
        assertThat(e.problem()).startsWith("missing value; 11 of 344 rows have a missing value");
        LoadedData loaded = csv("penguins.csv", options.withMissing(Missing.DROP));
        assertThat(loaded.rowsDropped()).isEqualTo(11);
        assertThat(loaded.rowCount()).isEqualTo(333);
        assertThat(loaded.data().classNames()).containsExactly("FEMALE", "MALE");
        assertThat(count(loaded.data(), 0)).isEqualTo(165);
        assertThat(count(loaded.data(), 1)).isEqualTo(168);
    }

    @Test
    void anscombeIsFortyFourPointsWithXAsTheOnlyNumericFeature() throws IOException {
        LoadedData loaded = csv("anscombe.csv", DataOptions.csv("y", Task.REGRESSION));
        assertThat(loaded.rowCount()).isEqualTo(44);
        assertThat(loaded.featureNames()).containsExactly("x");
        assertThat(loaded.ignoredColumns()).containsExactly("series");
        double sumY = 0;
        for (double y : loaded.data().labelArray()) {
            sumY += y;
        }
        assertThat(sumY / 44).isCloseTo(7.5, org.assertj.core.data.Offset.offset(0.01));
        LoadedData series = csv("anscombe.csv", DataOptions.csv("series", Task.CLASSIFICATION));
        assertThat(series.data().classNames()).containsExactly("I", "II", "III", "IV");
        assertThat(series.featureNames()).containsExactly("x", "y");
    }

    @Test
    void irisCsvAndIrisLibsvmGiveTheSameData() throws IOException {
        LoadedData csv = csv("iris.csv", DataOptions.csv("species", Task.CLASSIFICATION));
        LoadedData libsvm = LibsvmReader.read(TableSource.of(DIR.resolve("iris.libsvm")),
                DataOptions.libsvm(Task.CLASSIFICATION));
        assertThat(csv.rowCount()).isEqualTo(150);
        assertThat(csv.featureNames()).isEqualTo(IRIS_FEATURES);
        assertThat(csv.data().classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(libsvm.rowCount()).isEqualTo(150);
        assertThat(libsvm.dimension()).isEqualTo(4);
        assertThat(libsvm.data().classNames()).containsExactly("0", "1", "2");
        assertThat(libsvm.data().featureArray()).isEqualTo(csv.data().featureArray());
        assertThat(libsvm.data().labelArray()).isEqualTo(csv.data().labelArray());
        for (int c = 0; c < 3; c++) {
            assertThat(count(csv.data(), c)).isEqualTo(50);
        }
    }

    private static int count(DenseData data, int classIndex) {
        int n = 0;
        for (double label : data.labelArray()) {
            n += label == classIndex ? 1 : 0;
        }
        return n;
    }
}
