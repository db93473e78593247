package dev.gdsweep.spark;

import static org.apache.spark.sql.functions.col;

import dev.gdsweep.console.ProgressDisplay;
import dev.gdsweep.refine.ConfigurationResult;
import dev.gdsweep.refine.Outcome;
import dev.gdsweep.refine.Refinement;
import dev.gdsweep.refine.RoundPlan;
import dev.gdsweep.refine.StartResult;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.store.ReportLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The refinement phase of a sweep on Spark: after the grid's chunks (round 0), each round the driver
 * plans is one Spark job over its new runs, committed as one chunk numbered after the grid's, so
 * {@code --resume} replays the committed rounds from their rows and computes only the rest. Then the
 * {@code refinement} and {@code refinement_summary} tables are written.
 */
final class RefinementRounds {

    private static final String[] OUTCOME = {"run_id", "status", "iterations"};

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final SweepSpec spec;
    private final ReportLocation location;
    private final ShippedSpec shipped;
    private final int partitions;
    private final ProgressDisplay progress;

    RefinementRounds(SparkSession spark, SweepSpec spec, ReportLocation location, ShippedSpec shipped, int partitions,
            ProgressDisplay progress) {
        this.progress = progress;
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.spec = spec;
        this.location = location;
        this.shipped = shipped;
        this.partitions = partitions;
    }

    /**
     * Runs the rounds after the grid's {@code gridChunks} chunks, skipping the committed ones (their rows
     * are read back); {@code outOfTime} is asked before a round that is not committed yet.
     */
    Refinement run(int gridChunks, Set<Integer> committed, BooleanSupplier outOfTime, java.util.function.Consumer<String> describe)
            throws IOException {
        Refinement refinement = new Refinement(spec.grid(), spec.refine());
        for (Row r : runs().where(col("round").equalTo(0)).select(columns()).collectAsList()) {
            refinement.observe(r.getLong(0), outcome(r));
        }
        while (true) {
            int chunk = gridChunks + refinement.rounds();
            boolean done = committed.contains(chunk);
            if (!done && outOfTime.getAsBoolean()) {
                refinement.outOfTime();
                break;
            }
            RoundPlan plan = refinement.nextRound();
            if (plan == null) {
                break;
            }
            if (!done) {
                describe.accept("refinement round " + plan.round() + ", " + plan.runs() + " runs");
                writeRound(chunk, plan);
                committed.add(chunk);
            }
            for (Row r : runs().where(col("run_id").geq(plan.firstRunId()).and(col("run_id").lt(plan.endRunId())))
                    .select(columns()).collectAsList()) {
                refinement.observe(plan, (int) (r.getLong(0) - plan.firstRunId()), outcome(r));
            }
        }
        return refinement;
    }

    /** The runs table as it is now: read anew, as a dataset lists its files when it is made. */
    private Dataset<Row> runs() {
        return spark.read().schema(RunSchema.SCHEMA).parquet(location.workPath(dev.gdsweep.store.ReportLayout.RUNS));
    }

    private void writeRound(int chunk, RoundPlan plan) throws IOException {
        int tasks = partitions > 0 ? partitions : Partitioning.partitions(plan.runs(), jsc.defaultParallelism());
        tasks = Math.max(1, Math.min(tasks, plan.runs()));
        try (LiveRuns done = LiveRuns.start(spark.sparkContext(), "gdsweep round " + plan.round() + " runs done")) {
            progress.runs("refinement round " + plan.round(), plan.runs(), 0, done);
            JavaRDD<Row> rows = jsc.parallelize(RoundRuns.dealt(plan, tasks), tasks)
                    .mapPartitions(new RoundRuns(shipped, done.accumulator()));
            spark.createDataFrame(rows, RunSchema.SCHEMA).write().mode(SaveMode.Overwrite)
                    .parquet(location.chunkScratch(chunk));
        }
        location.commitRound(chunk, plan.firstRunId(), plan.endRunId());
    }

    /** Writes the refinement's two tables into the work directory. */
    void writeTables(Refinement refinement) {
        List<Row> starts = new ArrayList<>();
        for (StartResult r : refinement.startResults()) {
            starts.add(RefinementSchema.toRow(spec, r));
        }
        spark.createDataFrame(starts, RefinementSchema.STARTS).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(location.workPath(RefinementSchema.REFINEMENT));
        List<Row> configurations = new ArrayList<>();
        for (ConfigurationResult r : refinement.configurationResults()) {
            configurations.add(RefinementSchema.toRow(spec, r));
        }
        spark.createDataFrame(configurations, RefinementSchema.CONFIGURATIONS).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(location.workPath(RefinementSchema.SUMMARY));
    }

    private static org.apache.spark.sql.Column[] columns() {
        org.apache.spark.sql.Column[] out = new org.apache.spark.sql.Column[OUTCOME.length];
        for (int i = 0; i < OUTCOME.length; i++) {
            out[i] = col(OUTCOME[i]);
        }
        return out;
    }

    private static Outcome outcome(Row r) {
        return Outcome.of(r.getString(1), r.getLong(2));
    }
}
