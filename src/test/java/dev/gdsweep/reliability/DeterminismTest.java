package dev.gdsweep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.spark.SparkSweep;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spark.SweepOptions;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same spec gives the same rows (every column but timings) and the same recorded paths, each once,
 * for any number of tasks, one core or two, and when a task fails halfway and Spark retries it: retries
 * and speculation cannot change results.
 */
class DeterminismTest {

    static final String SPEC = """
            name: determinism
            loss: {function: six_hump_camel}
            optimizer: [gd, {name: adam}]
            learning_rate: {log: {from: 1.0e-3, to: 0.3, count: 6}}
            initial_weights: {random: {count: 50, min: [-3, -2], max: [3, 2], seed: 21}}
            stopping: {max_iterations: 3000, patience: 50}
            limits: {chunk_runs: 250}
            record: {trajectories: 12, every: 5}
            """;

    @TempDir
    static Path dir;

    static SweepSpec spec;
    static List<String> reference;

    /**
     * The local[2] session of the reference and of the task counts: one start for the four sweeps. The other
     * masters need sessions of their own (one SparkContext per JVM), so it is stopped before they start.
     */
    private static SparkSession twoCores;

    @BeforeAll
    static void referenceRows() {
        spec = SpecLoader.parse(SPEC, "spec.yaml", "d", List.of(), DataResolver.NONE);
        reference = sweep(twoCores(), "reference", 0);
        assertThat(reference.stream().filter(r -> !r.startsWith("path ")).count()).isEqualTo(600);
        assertThat(reference.stream().filter(r -> r.startsWith("path ")).map(r -> r.substring(5, r.indexOf(',')))
                .distinct().count()).isEqualTo(12);
    }

    @AfterAll
    static void stopTwoCores() {
        if (twoCores != null) {
            twoCores.stop();
            twoCores = null;
        }
    }

    private static SparkSession twoCores() {
        if (twoCores == null) {
            twoCores = builder("local[2]").getOrCreate();
            listenForFailedAttempts(twoCores);
        }
        return twoCores;
    }

    private static SparkSession.Builder builder(String master) {
        return SparkSession.builder().master(master).appName("determinism")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                // As SparkSessions sets it: the runs table is wide, and its plan's string is not a warning.
                .config("spark.sql.debug.maxToStringFields", "200");
    }

    /** Task attempts that failed in the last sweep. */
    static final AtomicInteger failedAttempts = new AtomicInteger();

    private static void listenForFailedAttempts(SparkSession spark) {
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    failedAttempts.incrementAndGet();
                }
            }
        });
    }

    /** The rows of a sweep in a session of its own, {@code master} and {@code configure} as given. */
    private static List<String> sweepAlone(String master, String name, int partitions,
            Consumer<SparkSession.Builder> configure) {
        stopTwoCores();
        SparkSession.Builder builder = builder(master);
        configure.accept(builder);
        SparkSession spark = builder.getOrCreate();
        listenForFailedAttempts(spark);
        try {
            return sweep(spark, name, partitions);
        } finally {
            spark.stop();
        }
    }

    /**
     * Every column but elapsed_ms, one string per row, ordered by run id; then the recorded paths, one string
     * per step ("path " and the row), ordered by run id and iteration.
     */
    private static List<String> sweep(SparkSession spark, String name, int partitions) {
        failedAttempts.set(0);
        try (ReportLocation location = ReportLocation.prepare(dir.resolve(name).toString(), false, false,
                new Configuration(), "--out")) {
            SparkSweep.run(spark, spec, location, SweepOptions.defaults().withPartitions(partitions));
            List<String> rows = new ArrayList<>();
            for (Row r : spark.read().parquet(dir.resolve(name).resolve("runs").toString()).drop("elapsed_ms")
                    .orderBy("run_id").collectAsList()) {
                rows.add(r.toString());
            }
            for (Row r : spark.read().parquet(dir.resolve(name).resolve("trajectories").toString())
                    .orderBy("run_id", "iteration").collectAsList()) {
                rows.add("path " + r.toString().substring(1));
            }
            return rows;
        }
    }

    @Test
    void anyNumberOfTasksGivesTheSameRows() {
        for (int partitions : new int[] {1, 3, 17}) {
            assertThat(sweep(twoCores(), "p" + partitions, partitions)).isEqualTo(reference);
        }
        assertThat(failedAttempts.get()).isZero();
    }

    @Test
    void oneCoreGivesTheSameRowsAsTwo() {
        assertThat(sweepAlone("local[1]", "one-core", 0, b -> { })).isEqualTo(reference);
    }

    @Test
    void aRetriedTaskGivesTheSameRows() {
        // local[2,4]: two cores, up to four attempts per task; the hook fails every chunk's first task halfway.
        List<String> rows = sweepAlone("local[2,4]", "retried", 3,
                b -> b.config("spark.gdsweep.test.failFirstAttempt", "true"));
        assertThat(rows).isEqualTo(reference);
        // Three chunks, each with a first attempt that failed and was retried.
        assertThat(failedAttempts.get()).isEqualTo(3);
    }
}
