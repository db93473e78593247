package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.gdsweep.report.Recommendation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The evidence of the recommendation, aggregated by Spark from the runs of every round: per loss setting,
 * configuration and learning rate, the runs, how many converged, plateaued and diverged, and the medians
 * (see {@link Recommendation.Rate}). Only rates that every start ran are kept (a refinement places some rates for one start
 * alone, where a share of starts means nothing): a rate whose run count is the configuration's largest.
 */
public final class RecommendationRates {

    private RecommendationRates() {}

    /** The rates, in grid order (by the first run id of each). */
    public static List<Recommendation.Rate> of(Dataset<Row> runs) {
        List<String> columns = Arrays.asList(runs.columns());
        Column converged = col("status").equalTo("CONVERGED");
        Column stopped = col("status").isin("CONVERGED", "PLATEAU");
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
                        median(when(converged, col("iterations"))).as("median_iterations"),
                        median(when(stopped, col("iterations"))).as("median_stopped_iterations"),
                        median(when(stopped, col("validation_loss"))).as("median_validation_loss"))
                .withColumn("starts", max(col("runs")).over(Window.partitionBy(col("loss_config"),
                        col("optimizer_config"), col("schedule"), col("batch_size"))))
                .where(col("runs").equalTo(col("starts")))
                .orderBy("first_run_id");
        List<Recommendation.Rate> out = new ArrayList<>();
        for (Row r : rates.collectAsList()) {
            out.add(new Recommendation.Rate(r.getAs("loss_config"), r.getAs("optimizer_config"), r.getAs("schedule"),
                    r.<Integer>getAs("batch_size"), r.<Double>getAs("learning_rate"), r.<Long>getAs("runs"),
                    r.<Long>getAs("converged"), r.<Long>getAs("plateaued"), r.<Long>getAs("diverged"),
                    r.getAs("median_iterations"), r.getAs("median_stopped_iterations"),
                    r.getAs("median_validation_loss")));
        }
        return out;
    }
}
