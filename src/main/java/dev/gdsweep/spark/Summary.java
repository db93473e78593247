package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.gdsweep.report.SummaryRow;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code summary} table, one row per loss setting, optimizer configuration, schedule, batch size
 * and learning rate (in grid order), computed by Spark from the written runs:
 * <ul>
 *   <li>{@code runs}, {@code converged}, {@code plateaued}, {@code diverged}, {@code max_iterations},
 *       {@code max_time}, {@code failed}: counts by status ({@code plateaued}: status {@code PLATEAU});</li>
 *   <li>{@code converged_fraction} = converged / runs;</li>
 *   <li>{@code median_converged_iterations}: median of {@code iterations} over converged runs (null if none);</li>
 *   <li>{@code min_final_loss}, {@code median_nondiverged_loss}: of {@code final_loss} over runs that did not
 *       diverge or fail (and whose loss is finite);</li>
 *   <li>{@code best_validation_loss}: the smallest validation loss of those runs (models with a
 *       validation set; null otherwise);</li>
 *   <li>{@code best_run_id}: the run that did not diverge with the smallest final loss, the smallest
 *       run id on ties (null if every run diverged).</li>
 * </ul>
 * and, per loss setting, optimizer configuration, schedule and batch size (repeated on each of its rows), the
 * stability boundary:
 * <ul>
 *   <li>{@code largest_stable_learning_rate}: the largest learning rate at which every run was stable: it
 *       did not diverge, and did not stop at the iteration or time cap with its loss above where it
 *       started (such a run is on its way out, only slower than the divergence bound);</li>
 *   <li>{@code smallest_diverging_learning_rate}: the smallest at which some run diverged;</li>
 *   <li>{@code median_critical_learning_rate}: the median of 2/λ_max over its converged and plateaued
 *       runs, the theoretical boundary where they stopped.</li>
 * </ul>
 * With a reference optimum (convex models), {@code reference_loss}: its loss, per loss setting.
 * Medians interpolate between the two middle values when the count is even. {@link #fromRow} reads a row
 * back, by column name, as a {@link SummaryRow}; also a row of a report written before the two medians were
 * renamed for the runs they aggregate ({@code median_iterations}, {@code median_final_loss}).
 */
public final class Summary {

    /** The median of {@code iterations} over the converged runs; {@code median_iterations} in older reports. */
    public static final String MEDIAN_CONVERGED_ITERATIONS = "median_converged_iterations";
    /** The median of {@code final_loss} over the runs that did not diverge or fail; {@code median_final_loss} before. */
    public static final String MEDIAN_NONDIVERGED_LOSS = "median_nondiverged_loss";

    /** The columns of one configuration: the stability boundary is per configuration. */
    private static final List<String> CONFIGURATION = List.of("loss_config", "optimizer_config", "schedule",
            "batch_size");

    private Summary() {}

    /** The summary table's columns, in order (what {@link #rows} returns and the table holds). */
    public static final StructType SCHEMA = new StructType()
            .add("loss_params", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true))
            .add("loss_config", DataTypes.StringType)
            .add("optimizer", DataTypes.StringType)
            .add("optimizer_params", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true))
            .add("optimizer_config", DataTypes.StringType)
            .add("schedule", DataTypes.StringType)
            .add("batch_size", DataTypes.IntegerType)
            .add("learning_rate", DataTypes.DoubleType)
            .add("runs", DataTypes.LongType)
            .add("converged", DataTypes.LongType)
            .add("plateaued", DataTypes.LongType)
            .add("diverged", DataTypes.LongType)
            .add("max_iterations", DataTypes.LongType)
            .add("max_time", DataTypes.LongType)
            .add("failed", DataTypes.LongType)
            .add("converged_fraction", DataTypes.DoubleType)
            .add(MEDIAN_CONVERGED_ITERATIONS, DataTypes.DoubleType)
            .add("min_final_loss", DataTypes.DoubleType)
            .add(MEDIAN_NONDIVERGED_LOSS, DataTypes.DoubleType)
            .add("best_run_id", DataTypes.LongType)
            .add("best_validation_loss", DataTypes.DoubleType)
            .add("largest_stable_learning_rate", DataTypes.DoubleType)
            .add("smallest_diverging_learning_rate", DataTypes.DoubleType)
            .add("median_critical_learning_rate", DataTypes.DoubleType)
            .add("reference_loss", DataTypes.DoubleType);

    /**
     * The summary's rows, in grid order, from {@code perRate}, the rows of {@link #perRate} of {@code runs},
     * collected; with {@code reference_loss}, the last column: the certified reference optimum's loss of each
     * row's loss setting (null for a setting without one), from {@code referenceLosses} by {@code loss_config}.
     * Spark aggregates the runs per learning rate ({@link #perRate}); the driver then fills in the columns that
     * span a configuration's rates, the critical rates' medians from the values themselves when there are few
     * ({@link #criticalRatesOnDriver}), else from {@link #criticalRates}. A summary has a row per rate, not per
     * run, so the driver holds no more than the table itself; one query plan with windows and joins cost seconds
     * of Spark's planning on every sweep.
     */
    public static List<Row> rows(List<Row> perRate, Dataset<Row> runs, Map<String, Double> referenceLosses) {
        List<Row> rates = new ArrayList<>(perRate);
        long criticalValues = rates.stream().mapToLong(r -> r.<Long>getAs(CRITICAL_RATES)).sum();
        Map<List<Object>, Double> critical = criticalValues <= DRIVER_MEDIAN_VALUES ? criticalRatesOnDriver(runs)
                : byConfiguration(criticalRates(runs));
        // Over a configuration's rates: the largest with no unstable run, the smallest with a diverged one.
        Map<List<Object>, Double> largestStable = new HashMap<>();
        Map<List<Object>, Double> smallestDiverging = new HashMap<>();
        for (Row r : rates) {
            double rate = r.<Double>getAs("learning_rate");
            if (r.<Long>getAs("unstable") == 0) {
                largestStable.merge(configurationOf(r), rate, Math::max);
            }
            if (r.<Long>getAs("diverged") > 0) {
                smallestDiverging.merge(configurationOf(r), rate, Math::min);
            }
        }
        rates.sort(Comparator.comparingLong(r -> r.<Long>getAs("first_run_id")));
        List<Row> out = new ArrayList<>(rates.size());
        for (Row r : rates) {
            List<Object> configuration = configurationOf(r);
            long runCount = r.<Long>getAs("runs");
            long converged = r.<Long>getAs("converged");
            String lossConfig = r.getAs("loss_config");
            out.add(new GenericRowWithSchema(new Object[] {
                    r.getAs("loss_params"), lossConfig, r.getAs("optimizer"), r.getAs("optimizer_params"),
                    r.getAs("optimizer_config"), r.getAs("schedule"), r.getAs("batch_size"), r.getAs("learning_rate"),
                    runCount, converged, r.getAs("plateaued"), r.getAs("diverged"), r.getAs("max_iterations"),
                    r.getAs("max_time"), r.getAs("failed"), (double) converged / runCount,
                    r.getAs(MEDIAN_CONVERGED_ITERATIONS), r.getAs("min_final_loss"), r.getAs(MEDIAN_NONDIVERGED_LOSS),
                    r.getAs("best_run_id"), r.getAs("best_validation_loss"), largestStable.get(configuration),
                    smallestDiverging.get(configuration), critical.get(configuration),
                    lossConfig == null ? null : referenceLosses.get(lossConfig)}, SCHEMA));
        }
        return out;
    }

    /** The summary table of {@code rows} ({@link #rows}), as one partition in their order, ready to write. */
    public static Dataset<Row> table(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, SCHEMA).coalesce(1);
    }

    /**
     * One row per loss setting, optimizer configuration, schedule, batch size and learning rate, in no particular
     * order: the loss setting's and optimizer's names and parameters, {@code first_run_id}, the counts by status,
     * the medians and minima, the best run, {@code unstable}, the runs that were not stable (see
     * {@link #unstable}), the medians the recommendation reads ({@link RecommendationRates}), and what the sweep's
     * best run is chosen from ({@value #AT_MINIMUM}, {@value #BEST_MOVED_RUN}, {@value #BEST_MOVED_LOSS}).
     */
    static Dataset<Row> perRate(Dataset<Row> runs) {
        Column settled = col("status").notEqual(lit("DIVERGED")).and(col("status").notEqual(lit("FAILED")))
                .and(not(isnan(col("final_loss"))))
                .and(abs(col("final_loss")).notEqual(lit(Double.POSITIVE_INFINITY)));
        Column settledLoss = when(settled, col("final_loss"));
        Column convergedIterations = when(col("status").equalTo("CONVERGED"), col("iterations"));
        Column moved = settled.and(col("iterations").gt(0));
        return runs.groupBy(col("loss_config"), col("optimizer_config"), col("schedule"), col("batch_size"),
                        col("learning_rate"))
                .agg(first(col("loss_params")).as("loss_params"),
                        first(col("optimizer")).as("optimizer"),
                        first(col("optimizer_params")).as("optimizer_params"),
                        min(col("run_id")).as("first_run_id"),
                        count(lit(1)).as("runs"),
                        countStatus("CONVERGED").as("converged"),
                        countStatus("PLATEAU").as("plateaued"),
                        countStatus("DIVERGED").as("diverged"),
                        countStatus("MAX_ITERATIONS").as("max_iterations"),
                        countStatus("MAX_TIME").as("max_time"),
                        countStatus("FAILED").as("failed"),
                        median(convergedIterations).as(MEDIAN_CONVERGED_ITERATIONS),
                        min(settledLoss).as("min_final_loss"),
                        min(when(settled, col("validation_loss"))).as("best_validation_loss"),
                        median(settledLoss).as(MEDIAN_NONDIVERGED_LOSS),
                        sum(when(unstable(), 1L).otherwise(0L)).as("unstable"),
                        min_by(when(settled, col("run_id")), when(settled, struct(col("final_loss"), col("run_id"))))
                                .as("best_run_id"),
                        RecommendationRates.stoppedIterations(),
                        RecommendationRates.stoppedValidationLoss(),
                        sum(when(settled.and(col("iterations").equalTo(0)), 1L).otherwise(0L)).as(AT_MINIMUM),
                        count(when(stoppedWithCriticalRate(), lit(1))).as(CRITICAL_RATES),
                        min_by(when(moved, col("run_id")), when(moved, struct(col("final_loss"), col("run_id"))))
                                .as(BEST_MOVED_RUN),
                        min(when(moved, col("final_loss"))).as(BEST_MOVED_LOSS));
    }

    /** Of a rate's runs that did not diverge or fail: those that started at a minimum (0 iterations). */
    static final String AT_MINIMUM = "started_at_minimum";
    /**
     * Of a rate's runs that did not diverge or fail and took a step: the run id of the one with the smallest final
     * loss (the smallest run id on ties); null if none. Its id only: a model's weights can be long.
     */
    static final String BEST_MOVED_RUN = "best_moved_run_id";
    /** The final loss of {@value #BEST_MOVED_RUN}. */
    static final String BEST_MOVED_LOSS = "best_moved_loss";

    /** A row's configuration: its loss setting, optimizer configuration, schedule and batch size (nulls kept). */
    static List<Object> configurationOf(Row r) {
        return Arrays.asList(r.getAs("loss_config"), r.getAs("optimizer_config"), r.getAs("schedule"),
                r.getAs("batch_size"));
    }

    /** The summary table at {@code path}, in grid order (it is written as one partition, in that order). */
    public static List<SummaryRow> read(SparkSession spark, String path) {
        List<SummaryRow> out = new ArrayList<>();
        for (Row r : spark.read().parquet(path).collectAsList()) {
            out.add(fromRow(r));
        }
        return out;
    }

    /** A row of the summary table, read by column name. */
    public static SummaryRow fromRow(Row r) {
        return new SummaryRow(
                // A report written before loss settings were an axis has no loss_config column.
                Arrays.asList(r.schema().fieldNames()).contains("loss_config") ? r.getAs("loss_config") : "",
                r.getAs("optimizer_config"),
                r.getAs("schedule"),
                r.<Integer>getAs("batch_size"),
                r.<Double>getAs("learning_rate"),
                r.<Long>getAs("runs"),
                r.<Long>getAs("converged"),
                // A report written before PLATEAU was a status counted plateaus as converged.
                Arrays.asList(r.schema().fieldNames()).contains("plateaued") ? r.<Long>getAs("plateaued") : 0L,
                r.<Long>getAs("diverged"),
                r.<Long>getAs("max_iterations"),
                r.<Long>getAs("max_time"),
                r.<Long>getAs("failed"),
                r.<Double>getAs("converged_fraction"),
                either(r, MEDIAN_CONVERGED_ITERATIONS, "median_iterations"),
                r.getAs("min_final_loss"),
                either(r, MEDIAN_NONDIVERGED_LOSS, "median_final_loss"),
                r.getAs("best_run_id"),
                r.getAs("largest_stable_learning_rate"),
                r.getAs("smallest_diverging_learning_rate"),
                r.getAs("median_critical_learning_rate"));
    }

    /** Column {@code name} of {@code r}, or {@code oldName} in a report written before the column was renamed. */
    private static Double either(Row r, String name, String oldName) {
        return r.getAs(Arrays.asList(r.schema().fieldNames()).contains(name) ? name : oldName);
    }

    private static Column[] columns() {
        return CONFIGURATION.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    /**
     * {@code median_critical_learning_rate} per configuration: the median of {@code critical_learning_rate} over
     * its converged and plateaued runs (null without any), as {@code median} computes it (the middle value, or
     * the mean of the two middle values, {@code 0.5 a + 0.5 b}), but with memory that does not grow with the
     * number of runs. A configuration spans every learning rate and start, so its group is the whole grid:
     * {@code median} keeps each distinct value of a group in one task's heap (an exact percentile's buffer,
     * outside Spark's memory manager), which ran a 10^7-run sweep out of a 1 GB driver in local mode. Here
     * Spark sorts each configuration's values (an external sort, which spills), numbers them, and keeps the one
     * or two values at the middle ranks.
     */
    static Dataset<Row> criticalRates(Dataset<Row> runs) {
        Dataset<Row> stopped = criticalRateValues(runs);
        // The ranks of the middle: floor and ceil of (n - 1) / 2, 0-based, per configuration.
        Dataset<Row> middle = stopped.groupBy(columns()).agg(count(lit(1)).as("n"))
                .withColumn("lower", floor(col("n").minus(1).divide(2)).plus(1))
                .withColumn("upper", ceil(col("n").minus(1).divide(2)).plus(1));
        Dataset<Row> ranked = stopped
                .withColumn("rank", row_number().over(Window.partitionBy(columns()).orderBy(col("value"))))
                .join(broadcast(middle), CollectionConverters.asScala(CONFIGURATION).toSeq())
                .where(col("rank").equalTo(col("lower")).or(col("rank").equalTo(col("upper"))));
        Column lower = min_by(col("value"), col("rank"));
        Column upper = max_by(col("value"), col("rank"));
        // A configuration without any is left out: the summary's left join gives it null, as median did.
        return ranked.groupBy(columns())
                .agg(when(lower.equalTo(upper), lower).otherwise(lit(0.5).multiply(lower).plus(lit(0.5).multiply(upper)))
                        .as("median_critical_learning_rate"));
    }

    /**
     * At most this many critical rates (over the whole grid) are collected to the driver, whose medians it then
     * takes itself (about 15 MB at most): a query less, and no sort, for all but the largest sweeps.
     */
    static final long DRIVER_MEDIAN_VALUES = 100_000;

    /** Of a rate's runs: how many converged or plateaued with a known critical learning rate. */
    static final String CRITICAL_RATES = "critical_rates";

    /**
     * The same medians as {@link #criticalRates}, to the bit, by configuration ({@link #configurationOf}), taken
     * on the driver from the values collected: each configuration's values sorted, and the one or two at the
     * middle ranks.
     */
    static Map<List<Object>, Double> criticalRatesOnDriver(Dataset<Row> runs) {
        Map<List<Object>, List<Double>> values = new HashMap<>();
        for (Row r : criticalRateValues(runs).collectAsList()) {
            values.computeIfAbsent(configurationOf(r), k -> new ArrayList<>()).add(r.getAs("value"));
        }
        Map<List<Object>, Double> out = new HashMap<>();
        values.forEach((configuration, v) -> {
            v.sort(Comparator.naturalOrder());
            double lower = v.get((v.size() - 1) / 2);
            double upper = v.get(v.size() / 2);
            out.put(configuration, lower == upper ? lower : 0.5 * lower + 0.5 * upper);
        });
        return out;
    }

    /** The medians of {@link #criticalRates} by configuration ({@link #configurationOf}). */
    private static Map<List<Object>, Double> byConfiguration(Dataset<Row> medians) {
        Map<List<Object>, Double> out = new HashMap<>();
        for (Row r : medians.collectAsList()) {
            out.put(configurationOf(r), r.getAs("median_critical_learning_rate"));
        }
        return out;
    }

    /** The critical learning rates ({@code value}) of the converged and plateaued runs, with their configuration. */
    private static Dataset<Row> criticalRateValues(Dataset<Row> runs) {
        return runs.where(stoppedWithCriticalRate()).select(columnsAnd(col("critical_learning_rate").as("value")));
    }

    /**
     * A run that converged or plateaued with a known critical learning rate: the values the medians are taken of,
     * and what {@value #CRITICAL_RATES} counts to decide where they are taken.
     */
    private static Column stoppedWithCriticalRate() {
        return col("status").isin("CONVERGED", "PLATEAU").and(col("critical_learning_rate").isNotNull());
    }

    private static Column[] columnsAnd(Column extra) {
        Column[] configuration = columns();
        Column[] out = java.util.Arrays.copyOf(configuration, configuration.length + 1);
        out[configuration.length] = extra;
        return out;
    }

    /** A run that diverged, or stopped at a cap with its loss grown above where it started. */
    private static Column unstable() {
        return col("status").equalTo("DIVERGED").or(col("status").isin("MAX_ITERATIONS", "MAX_TIME")
                .and(col("final_loss").gt(col("initial_loss")).or(isnan(col("final_loss")))));
    }

    private static Column countStatus(String status) {
        return sum(when(col("status").equalTo(status), 1L).otherwise(0L));
    }
}
