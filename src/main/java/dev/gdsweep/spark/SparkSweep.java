package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.col;

import dev.gdsweep.report.BestRun;
import dev.gdsweep.report.ReportLayout;
import dev.gdsweep.report.ReportLocation;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.SpecWriter;
import dev.gdsweep.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a sweep on Spark: the run ids are spread over tasks, each executor computes its runs and
 * writes them as Parquet, and the summary is aggregated by Spark from what was written. Nothing per
 * run is collected on the driver.
 */
public final class SparkSweep {

    private SparkSweep() {}

    /**
     * @param partitions number of tasks, or 0 to choose from the grid size and the parallelism
     */
    public static SweepReport run(SparkSession spark, SweepSpec spec, ReportLocation location, int partitions) {
        long start = System.nanoTime();
        long runs = spec.grid().size();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int tasks = partitions > 0 ? partitions : Partitioning.partitions(runs, jsc.defaultParallelism());
        String specYaml = SpecWriter.toYaml(spec);
        try {
            List<Integer> ids = IntStream.range(0, tasks).boxed().toList();
            JavaRDD<Row> rows = jsc.parallelize(ids, tasks).mapPartitions(new PartitionRuns(specYaml, runs, tasks));
            spark.sparkContext().setJobDescription("gdsweep " + spec.name() + ": " + runs + " runs");
            spark.createDataFrame(rows, RunSchema.SCHEMA)
                    .write().mode(SaveMode.ErrorIfExists).parquet(location.stagingPath(ReportLayout.RUNS));

            Dataset<Row> written = spark.read().parquet(location.stagingPath(ReportLayout.RUNS));
            spark.sparkContext().setJobDescription("gdsweep " + spec.name() + ": summary");
            Summary.of(written).coalesce(1)
                    .write().mode(SaveMode.ErrorIfExists).parquet(location.stagingPath(ReportLayout.SUMMARY));
            List<SummaryRow> summary = readSummary(spark, location.stagingPath(ReportLayout.SUMMARY));
            Optional<BestRun> best = bestRun(written, summary);
            location.writeStagingText(ReportLayout.SPEC, specYaml);
            location.publish();
            double seconds = (System.nanoTime() - start) / 1e9;
            return new SweepReport(location.displayPath(), runs, tasks, seconds, summary, best);
        } catch (IOException e) {
            location.abandon();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            location.abandon();
            throw e;
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    static List<SummaryRow> readSummary(SparkSession spark, String path) {
        List<SummaryRow> out = new ArrayList<>();
        // One partition, written in grid order: reading it back keeps that order.
        for (Row r : spark.read().parquet(path).collectAsList()) {
            out.add(new SummaryRow(
                    r.getString(r.fieldIndex("optimizer_config")),
                    r.getString(r.fieldIndex("schedule")),
                    r.getDouble(r.fieldIndex("learning_rate")),
                    r.getLong(r.fieldIndex("runs")),
                    r.getLong(r.fieldIndex("converged")),
                    r.getLong(r.fieldIndex("diverged")),
                    r.getLong(r.fieldIndex("max_iterations")),
                    r.getDouble(r.fieldIndex("converged_fraction")),
                    nullableDouble(r, "median_iterations"),
                    nullableDouble(r, "min_final_loss"),
                    nullableDouble(r, "median_final_loss"),
                    r.isNullAt(r.fieldIndex("best_run_id")) ? null : r.getLong(r.fieldIndex("best_run_id"))));
        }
        return out;
    }

    private static Double nullableDouble(Row r, String name) {
        int i = r.fieldIndex(name);
        return r.isNullAt(i) ? null : r.getDouble(i);
    }

    private static Optional<BestRun> bestRun(Dataset<Row> runs, List<SummaryRow> summary) {
        Optional<SummaryRow> bestRate = summary.stream()
                .filter(s -> s.bestRunId() != null)
                .min(Comparator.comparingDouble(SummaryRow::minFinalLoss).thenComparingLong(SummaryRow::bestRunId));
        if (bestRate.isEmpty()) {
            return Optional.empty();
        }
        Row r = runs.where(col("run_id").equalTo(bestRate.get().bestRunId())).first();
        return Optional.of(new BestRun(
                r.getLong(r.fieldIndex("run_id")),
                r.getString(r.fieldIndex("optimizer_config")) + ", schedule " + r.getString(r.fieldIndex("schedule")),
                r.getDouble(r.fieldIndex("learning_rate")),
                doubles(r.getList(r.fieldIndex("initial_weights"))),
                doubles(r.getList(r.fieldIndex("final_weights"))),
                r.getDouble(r.fieldIndex("final_loss")),
                r.getLong(r.fieldIndex("iterations")),
                r.getString(r.fieldIndex("status"))));
    }

    static double[] doubles(List<Object> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }
}
