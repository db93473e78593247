package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.gdsweep.report.Recommendation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The evidence of the recommendation, aggregated by Spark from the runs of every round: per loss setting,
 * configuration and learning rate, the runs, how many converged, plateaued and diverged, and the medians
 * (see {@link Recommendation.Rate}). Only rates that every start ran are kept (a refinement places some rates for one start
 * alone, where a share of starts means nothing): a rate whose run count is the configuration's largest.
 */
public final class RecommendationRates {

    /** The median of {@code iterations} over the runs that converged or stopped on a plateau. */
    static final String MEDIAN_STOPPED_ITERATIONS = "median_stopped_iterations";
    /** The median of {@code validation_loss} over the runs that converged or stopped on a plateau. */
    static final String MEDIAN_VALIDATION_LOSS = "median_validation_loss";

    private RecommendationRates() {}

    /** The rates of {@code runs}, in grid order (by the first run id of each). */
    public static List<Recommendation.Rate> of(Dataset<Row> runs) {
        List<String> columns = Arrays.asList(runs.columns());
        Column converged = col("status").equalTo("CONVERGED");
        // A report written before loss settings were an axis, or before validation losses, lacks the column.
        Column lossConfig = columns.contains("loss_config") ? col("loss_config") : lit("");
        Column validation = columns.contains("validation_loss") ? col("validation_loss") : lit(null).cast("double");
        Dataset<Row> rates = runs.withColumn("loss_config", lossConfig).withColumn("validation_loss", validation)
                .groupBy(col("loss_config"), col("optimizer_config"), col("schedule"), col("batch_size"),
                        col("learning_rate"))
                .agg(min(col("run_id")).as("first_run_id"),
                        count(lit(1)).as("runs"),
                        sum(when(converged, 1L).otherwise(0L)).as("converged"),
                        sum(when(col("status").equalTo("PLATEAU"), 1L).otherwise(0L)).as("plateaued"),
                        sum(when(col("status").equalTo("DIVERGED"), 1L).otherwise(0L)).as("diverged"),
                        median(when(converged, col("iterations"))).as(Summary.MEDIAN_CONVERGED_ITERATIONS),
                        stoppedIterations(),
                        stoppedValidationLoss());
        return of(rates.collectAsList());
    }

    /** {@value #MEDIAN_STOPPED_ITERATIONS}, an aggregate over a rate's runs. */
    static Column stoppedIterations() {
        return median(when(stopped(), col("iterations"))).as(MEDIAN_STOPPED_ITERATIONS);
    }

    /** {@value #MEDIAN_VALIDATION_LOSS}, an aggregate over a rate's runs. */
    static Column stoppedValidationLoss() {
        return median(when(stopped(), col("validation_loss"))).as(MEDIAN_VALIDATION_LOSS);
    }

    private static Column stopped() {
        return col("status").isin("CONVERGED", "PLATEAU");
    }

    /**
     * The rates of rows aggregated per rate, in any order, with the columns of {@link #of(Dataset)}'s aggregate
     * (the summary's per-rate rows have them too): those every start ran, in grid order.
     */
    static List<Recommendation.Rate> of(List<Row> perRate) {
        Map<List<Object>, Long> starts = new HashMap<>();
        for (Row r : perRate) {
            starts.merge(Summary.configurationOf(r), r.<Long>getAs("runs"), Math::max);
        }
        List<Row> kept = new ArrayList<>(perRate.stream()
                .filter(r -> r.<Long>getAs("runs").equals(starts.get(Summary.configurationOf(r)))).toList());
        kept.sort(Comparator.comparingLong(r -> r.<Long>getAs("first_run_id")));
        List<Recommendation.Rate> out = new ArrayList<>();
        for (Row r : kept) {
            out.add(new Recommendation.Rate(r.getAs("loss_config"), r.getAs("optimizer_config"), r.getAs("schedule"),
                    r.<Integer>getAs("batch_size"), r.<Double>getAs("learning_rate"), r.<Long>getAs("runs"),
                    r.<Long>getAs("converged"), r.<Long>getAs("plateaued"), r.<Long>getAs("diverged"),
                    r.getAs(Summary.MEDIAN_CONVERGED_ITERATIONS), r.getAs(MEDIAN_STOPPED_ITERATIONS),
                    r.getAs(MEDIAN_VALIDATION_LOSS)));
        }
        return out;
    }
}
