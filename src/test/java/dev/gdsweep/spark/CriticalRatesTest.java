package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The summary's {@code median_critical_learning_rate}: the same doubles as Spark's {@code median}, computed
 * without an aggregate that holds a whole configuration's values in one task's heap.
 */
class CriticalRatesTest extends SparkTestBase {

    private static final StructType SCHEMA = new StructType()
            .add("loss_config", DataTypes.StringType, false)
            .add("optimizer_config", DataTypes.StringType, false)
            .add("schedule", DataTypes.StringType, false)
            .add("batch_size", DataTypes.IntegerType, false)
            .add("status", DataTypes.StringType, false)
            .add("critical_learning_rate", DataTypes.DoubleType, true);

    private static final String[] STATUSES = {"CONVERGED", "PLATEAU", "DIVERGED", "MAX_ITERATIONS", "FAILED"};

    @Test
    void theMediansAreMediansToTheBit() {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        // Counts odd and even, 1 and 2 among them; ties, zero and infinity; statuses that do not count; nulls.
        int[] counts = {1, 2, 3, 4, 7, 10, 101, 250, 999};
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                String status = i == 0 ? "CONVERGED" : STATUSES[random.nextInt(STATUSES.length)];
                Double value = switch (random.nextInt(12)) {
                    case 0 -> i == 0 ? 1.0 : null;
                    case 1 -> 0.0;
                    case 2 -> Double.POSITIVE_INFINITY;
                    case 3, 4 -> 0.25 * (1 + random.nextInt(4)); // ties
                    default -> Math.exp(random.nextGaussian());
                };
                rows.add(RowFactory.create(c % 2 == 0 ? "" : "a=" + c, "gd-" + c, c < 4 ? "constant" : "step", c % 3,
                        status, value));
            }
        }
        // One configuration whose runs all diverged: no median (null in the summary).
        rows.add(RowFactory.create("none", "gd", "constant", 0, "DIVERGED", 1.5));
        Dataset<Row> runs = spark.createDataFrame(rows, SCHEMA).repartition(3);

        Map<String, Double> expected = byConfiguration(runs.groupBy("loss_config", "optimizer_config", "schedule",
                "batch_size").agg(median(when(col("status").isin("CONVERGED", "PLATEAU"),
                        col("critical_learning_rate"))).as("median_critical_learning_rate")));
        Map<String, Double> actual = byConfiguration(Summary.criticalRates(runs));

        Map<String, Double> onDriver = new HashMap<>();
        Summary.criticalRatesOnDriver(runs).forEach((k, v) -> onDriver.put(k.get(0) + "|" + k.get(1) + "|" + k.get(2)
                + "|" + k.get(3), v));

        expected.values().removeIf(v -> v == null);
        assertThat(expected).hasSize(counts.length);
        assertSameBits(actual, expected);
        assertSameBits(onDriver, expected);
    }

    private static void assertSameBits(Map<String, Double> actual, Map<String, Double> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertThat(Double.doubleToRawLongBits(actual.get(e.getKey())))
                    .as(e.getKey() + ": " + actual.get(e.getKey()) + " vs " + e.getValue())
                    .isEqualTo(Double.doubleToRawLongBits(e.getValue()));
        }
    }

    @Test
    void noAggregateHoldsAConfigurationsValues() {
        Dataset<Row> runs = spark.createDataFrame(List.of(
                RowFactory.create("", "gd", "constant", 0, "CONVERGED", 0.5)), SCHEMA);
        Dataset<Row> medians = Summary.criticalRates(runs);
        medians.collectAsList();
        // percentile (median) keeps every distinct value of its group on the heap of one task, outside Spark's
        // memory manager; collect_list and collect_set too. A configuration's group is the whole grid.
        String plan = medians.queryExecution().executedPlan().toString().toLowerCase(Locale.ROOT);
        assertThat(plan).doesNotContain("percentile", "median(", "collect_list", "collect_set");
    }

    private static Map<String, Double> byConfiguration(Dataset<Row> medians) {
        Map<String, Double> out = new HashMap<>();
        for (Row r : medians.collectAsList()) {
            out.put(r.getAs("loss_config") + "|" + r.getAs("optimizer_config") + "|" + r.getAs("schedule") + "|"
                    + r.getAs("batch_size"), r.getAs("median_critical_learning_rate"));
        }
        return out;
    }
}
