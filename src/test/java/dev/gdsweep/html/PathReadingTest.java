package dev.gdsweep.html;

import static org.assertj.core.api.Assertions.assertThat;


import dev.gdsweep.spark.TrajectorySchema;
import dev.gdsweep.sweep.Trajectories;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * One recorded path: iterations 0, stride, 2·stride, ... below {@code last}, then {@code last}. Built by
     * Spark itself, so that 650,000 rows are not shipped from the driver inside a task.
     */
    private static Dataset<Row> path(long runId, long stride, long last) {
        return spark.range(0, last, stride).union(spark.range(last, last + 1)).selectExpr(
                "CAST(" + runId + " AS BIGINT) AS run_id", "id AS iteration", "CAST(1 AS DOUBLE) / (id + 1) AS loss",
                "array(CAST(id AS DOUBLE), -CAST(id AS DOUBLE)) AS weights", "CAST(0.5 AS DOUBLE) AS gradient_norm");
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

    /** A path recorded as a run records it: every {@code every}-th of {@code iterations} iterations, and the last. */
    private static Trajectories.RecordedPath recorded(long runId, long every, long iterations) {
        Trajectories.PathRecorder recorder = new Trajectories.PathRecorder(runId, every);
        for (long k = 0; k <= iterations; k++) {
            recorder.observe(k, 1.0 / (k + 1), new double[] {k * 0.5, -k}, Math.sqrt(k));
        }
        return recorder.path();
    }

    @Test
    void pathsInHandAreThinnedToTheStepsTheTableWrittenFromThemGives(@TempDir Path dir) {
        // Out of run order, short and long, strides that do and do not divide the last iteration.
        List<Trajectories.RecordedPath> paths = new ArrayList<>();
        paths.add(recorded(41, 3, 13_501));
        paths.add(recorded(7, 1, 5));
        paths.add(recorded(19, 2, 3_000));
        paths.add(recorded(2, 1, 0));
        for (long id = 100; id < 110; id++) {
            paths.add(recorded(id, 1 + id % 4, 100 + 13 * id));
        }
        List<Row> rows = new ArrayList<>();
        for (Trajectories.RecordedPath p : paths) {
            p.steps().forEach(s -> rows.add(TrajectorySchema.toRow(s)));
        }
        String table = dir.resolve("trajectories").toString();
        spark.createDataFrame(rows, TrajectorySchema.SCHEMA).repartition(3).write().parquet(table);

        Map<Long, List<TrajectoryStep>> read = HtmlReportBuilder.readPaths(spark, table);
        Map<Long, List<TrajectoryStep>> thinned = HtmlReportBuilder.thinPaths(paths);

        assertThat(thinned.keySet()).containsExactlyElementsOf(read.keySet());
        assertThat(thinned).isEqualTo(read);
        // Thinning happened: the longest path kept about its budget of its 4,501 rows.
        assertThat(thinned.get(41L).size()).isBetween(2_000, (int) HtmlReportBuilder.PATH_ROWS + 2);
        assertThat(thinned.get(41L).get(thinned.get(41L).size() - 1).iteration()).isEqualTo(13_501);
        assertThat(HtmlReportBuilder.thinPaths(List.of())).isEmpty();
    }
}
