package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.col;

import dev.gdsweep.report.BestRun;
import dev.gdsweep.html.HtmlReportBuilder;
import dev.gdsweep.store.ReportInfo;
import dev.gdsweep.html.HtmlReport;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.ModelData;
import dev.gdsweep.spec.SpecLoader;
import org.apache.spark.broadcast.Broadcast;
import dev.gdsweep.spec.SpecWriter;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.Trajectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs a sweep on Spark: the run ids are spread over chunks and tasks, each executor computes its runs
 * and writes them as Parquet, each chunk is committed when its job succeeds, and the summary is
 * aggregated by Spark from what was written. Nothing per run is collected on the driver.
 */
public final class SparkSweep {

    private SparkSweep() {}

    /**
     * Runs the sweep chunk by chunk into the location's work directory, then publishes the report.
     *
     * @param partitions tasks per chunk, or 0 to choose from the chunk size and the parallelism
     * @param resume continue from the chunks an interrupted sweep committed
     */
    public static SweepReport run(SparkSession spark, SweepSpec spec, ReportLocation location, int partitions,
            boolean resume) {
        return run(spark, spec, location, partitions, resume, false);
    }

    /**
     * @param html also render report.html (before publishing, so a published report always has
     *     the page that belongs to it)
     */
    public static SweepReport run(SparkSession spark, SweepSpec spec, ReportLocation location, int partitions,
            boolean resume, boolean html) {
        return run(spark, spec, location, partitions, resume, html, null);
    }

    /** Shows progress: {@code progress} is given the total, the resumed count and a live count of runs done. */
    public static SweepReport run(SparkSession spark, SweepSpec spec, ReportLocation location, int partitions,
            boolean resume, boolean html, ProgressFactory progress) {
        long start = System.nanoTime();
        long runs = spec.grid().size();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        boolean failFirstAttempt = spark.sparkContext().getConf().getBoolean(PartitionRuns.FAIL_FIRST_ATTEMPT, false);
        String specYaml = SpecWriter.toYaml(spec);
        int chunks = (int) Math.min(Integer.MAX_VALUE, (runs + spec.limits().chunkRuns() - 1) / spec.limits().chunkRuns());
        AutoCloseable shown = () -> { };
        try {
            Set<Integer> done = location.begin(specYaml, resume,
                    previous -> SpecLoader.parse(previous, "spec.yaml", "sweep", List.of(),
                            new HadoopDataResolver(HadoopConfs.fromSpark())).sameRunsAs(spec));
            long resumed = 0;
            for (int c : done) {
                resumed += chunkEnd(runs, chunks, c) - chunkStart(runs, chunks, c);
            }
            long written = resumed;
            int tasks = 0;
            LongAccumulator doneHere = spark.sparkContext().longAccumulator("gdsweep runs done");
            // A model's data is read once on the driver and shipped once per executor.
            Broadcast<ModelData> data = spec.loss() instanceof LossSpec.Model model ? jsc.broadcast(model.data()) : null;
            if (progress != null) {
                shown = progress.start(runs, resumed, doneHere::value);
            }
            boolean progressed = false;
            for (int c = 0; c < chunks; c++) {
                if (done.contains(c)) {
                    continue;
                }
                // Out of budget: publish what is done, marked partial. One chunk always runs, so that
                // repeated --resume under a tight budget still finishes.
                if (progressed && (System.nanoTime() - start) / 1e9 >= spec.limits().maxSeconds()) {
                    break;
                }
                progressed = true;
                long from = chunkStart(runs, chunks, c);
                long to = chunkEnd(runs, chunks, c);
                int p = partitions > 0 ? partitions : Partitioning.partitions(to - from, jsc.defaultParallelism());
                tasks += p;
                List<Integer> ids = IntStream.range(0, p).boxed().toList();
                JavaRDD<Row> rows = jsc.parallelize(ids, p)
                        .mapPartitions(new PartitionRuns(specYaml, runs, from, to, p, failFirstAttempt, doneHere, data));
                spark.sparkContext().setJobDescription("gdsweep " + spec.name() + ": chunk " + (c + 1) + " of "
                        + chunks + ", " + (to - from) + " runs");
                spark.createDataFrame(rows, RunSchema.SCHEMA)
                        .write().mode(SaveMode.Overwrite).parquet(location.chunkScratch(c));
                location.commitChunk(c);
                done.add(c);
                written += to - from;
            }
            closeQuietly(shown);

            List<Long> recorded = Trajectories.select(spec.grid(), spec.record());
            spark.sparkContext().setJobDescription("gdsweep " + spec.name() + ": " + recorded.size() + " trajectories");
            // A few tasks per core, each a fair share of long and short runs, so no core waits on another.
            int trajectoryTasks = Math.max(1,
                    Math.min(recorded.size(), Partitioning.TASKS_PER_CORE * jsc.defaultParallelism()));
            JavaRDD<Row> paths = jsc.parallelize(Trajectories.dealt(recorded, trajectoryTasks), trajectoryTasks)
                    .mapPartitions(new TrajectoryRuns(specYaml, Trajectories.every(spec, recorded.size()), data));
            spark.createDataFrame(paths, TrajectoryRuns.SCHEMA)
                    .write().mode(SaveMode.Overwrite).parquet(location.workPath(ReportLayout.TRAJECTORIES));

            Dataset<Row> writtenRuns = spark.read().schema(RunSchema.SCHEMA).parquet(location.workPath(ReportLayout.RUNS));
            spark.sparkContext().setJobDescription("gdsweep " + spec.name() + ": summary");
            Summary.of(writtenRuns).coalesce(1)
                    .write().mode(SaveMode.ErrorIfExists).parquet(location.workPath(ReportLayout.SUMMARY));
            List<SummaryRow> summary = readSummary(spark, location.workPath(ReportLayout.SUMMARY));
            Optional<BestRun> best = bestRun(writtenRuns, summary);
            double seconds = (System.nanoTime() - start) / 1e9;
            ReportInfo info = new ReportInfo(written == runs, runs, written, resumed, chunks, done.size(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), seconds,
                    spec.loss() instanceof LossSpec.Model m ? m.data().facts(m.dataSpec().path()) : null);
            location.writeText(ReportLayout.INFO, info.toYaml());
            String page = null;
            if (html) {
                spark.sparkContext().setJobDescription("gdsweep " + spec.name() + ": report.html");
                HtmlReportBuilder.render(spark, spec, specYaml, location.workDirectory());
                page = location.displayPath() + "/" + HtmlReport.HTML_FILE;
            }
            location.publish();
            return new SweepReport(location.displayPath(), runs, tasks, seconds, summary, best, info, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(shown);
            spark.sparkContext().setJobDescription(null);
        }
    }

    /** Starts the progress display of a sweep. */
    @FunctionalInterface
    public interface ProgressFactory {
        AutoCloseable start(long total, long resumed, java.util.function.LongSupplier doneHere);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Progress display only.
        }
    }

    /** A fresh sweep with the default number of tasks. */
    public static SweepReport run(SparkSession spark, SweepSpec spec, ReportLocation location, int partitions) {
        return run(spark, spec, location, partitions, false);
    }

    static long chunkStart(long runs, int chunks, int c) {
        return PartitionRuns.start(runs, chunks, c);
    }

    static long chunkEnd(long runs, int chunks, int c) {
        return PartitionRuns.start(runs, chunks, c + 1L);
    }

    public static List<SummaryRow> readSummary(SparkSession spark, String path) {
        List<SummaryRow> out = new ArrayList<>();
        // One partition, written in grid order: reading it back keeps that order.
        for (Row r : spark.read().parquet(path).collectAsList()) {
            out.add(new SummaryRow(
                    r.getString(r.fieldIndex("optimizer_config")),
                    r.getString(r.fieldIndex("schedule")),
                    r.getInt(r.fieldIndex("batch_size")),
                    r.getDouble(r.fieldIndex("learning_rate")),
                    r.getLong(r.fieldIndex("runs")),
                    r.getLong(r.fieldIndex("converged")),
                    r.getLong(r.fieldIndex("diverged")),
                    r.getLong(r.fieldIndex("max_iterations")),
                    r.getLong(r.fieldIndex("max_time")),
                    r.getLong(r.fieldIndex("failed")),
                    r.getDouble(r.fieldIndex("converged_fraction")),
                    nullableDouble(r, "median_iterations"),
                    nullableDouble(r, "min_final_loss"),
                    nullableDouble(r, "median_final_loss"),
                    r.isNullAt(r.fieldIndex("best_run_id")) ? null : r.getLong(r.fieldIndex("best_run_id")),
                    nullableDouble(r, "largest_stable_learning_rate"),
                    nullableDouble(r, "smallest_diverging_learning_rate"),
                    nullableDouble(r, "median_critical_learning_rate")));
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
                r.getString(r.fieldIndex("optimizer_config")) + ", schedule " + r.getString(r.fieldIndex("schedule"))
                        + SweepReport.batchLabel(r.getInt(r.fieldIndex("batch_size"))),
                r.getDouble(r.fieldIndex("learning_rate")),
                HtmlReportBuilder.doubles(r.getList(r.fieldIndex("initial_weights"))),
                HtmlReportBuilder.doubles(r.getList(r.fieldIndex("final_weights"))),
                r.getDouble(r.fieldIndex("final_loss")),
                r.getLong(r.fieldIndex("iterations")),
                r.getString(r.fieldIndex("status"))));
    }

}
