package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

    /**
     * Run {@code runId}'s path: iterations 0, stride, 2·stride, ... below {@code last}, then {@code last}. Generated
     * by the executors: 650,000 rows built in the driver cost most of this test and a 30 MB task.
     */
    private static Dataset<Row> path(long runId, long stride, long last) {
        return spark.range(0, last, stride).union(spark.range(last, last + 1)).selectExpr(
                runId + "L AS run_id", "id AS iteration", "1.0D / (id + 1) AS loss",
                "array(CAST(id AS DOUBLE), -CAST(id AS DOUBLE)) AS weights", "0.5D AS gradient_norm");
    }

    @Test
    void longPathsAreThinnedShortOnesKeptAndNoPathIsDropped(@TempDir Path dir) {
        // Sorted by run id, the first path alone exceeds the old global row limit's share of later paths.
        String path = dir.resolve("trajectories").toString();
        path(3, 1, 600_001).union(path(9, 1, 9)).union(path(12, 2, 50_001)).repartition(3).write().parquet(path);

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
