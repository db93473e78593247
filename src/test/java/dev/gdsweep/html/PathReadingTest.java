package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html reads every recorded path, each thinned to its budget, in run and iteration order. */
class PathReadingTest {

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("gdsweep-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static void addPath(List<Row> rows, long runId, long stride, long last) {
        for (long k = 0; k < last; k += stride) {
            rows.add(RowFactory.create(runId, k, 1.0 / (k + 1), new Double[] {(double) k, -(double) k}, 0.5));
        }
        rows.add(RowFactory.create(runId, last, 1.0 / (last + 1), new Double[] {(double) last, -(double) last}, 0.5));
    }

    @Test
    void longPathsAreThinnedShortOnesKeptAndNoPathIsDropped(@TempDir Path dir) {
        List<Row> rows = new ArrayList<>();
        // Sorted by run id, the first path alone exceeds the old global row limit's share of later paths.
        addPath(rows, 3, 1, 600_001);
        addPath(rows, 9, 1, 9);
        addPath(rows, 12, 2, 50_001);
        String path = dir.resolve("trajectories").toString();
        spark.createDataFrame(rows, new StructType().add("run_id", "long").add("iteration", "long")
                        .add("loss", "double").add("weights", "array<double>").add("gradient_norm", "double"))
                .repartition(3).write().parquet(path);

        Map<Long, List<TrajectoryStep>> paths = HtmlReportBuilder.readPaths(spark, path);

        assertThat(paths.keySet()).containsExactly(3L, 9L, 12L);
        assertThat(paths.get(9L)).hasSize(10);
        for (long id : new long[] {3, 12}) {
            List<TrajectoryStep> steps = paths.get(id);
            assertThat(steps.size()).isBetween(3000, (int) HtmlReportBuilder.PATH_ROWS + 2);
            assertThat(steps).isSortedAccordingTo((a, b) -> Long.compare(a.iteration(), b.iteration()));
            assertThat(steps.get(0).iteration()).isZero();
            assertThat(steps.get(999).iteration()).isEqualTo(999 * (id == 3 ? 1 : 2));
            TrajectoryStep last = steps.get(steps.size() - 1);
            assertThat(last.iteration()).isEqualTo(id == 3 ? 600_001 : 50_001);
            assertThat(last.weights()).containsExactly(last.iteration(), -last.iteration());
        }
    }
}
