package dev.gdsweep.html;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.gdsweep.grid.LearningRates;
import dev.gdsweep.refine.Refinement;
import dev.gdsweep.refine.RefinementStop;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.store.ReportInfo;
import dev.gdsweep.store.ReportLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads what the page shows of a refinement from a report's tables, with Spark: the
 * {@code refinement_summary} rows (one per configuration), counts over the {@code refinement} rows and the
 * runs of every round, and two bounded samples for the pictures: at most {@link #MAX_BRACKETS} brackets and
 * {@link #MAX_RATES} rates (every grid rate, and a deterministic sample of the refined ones beyond that).
 */
final class RefinementTables {

    static final long MAX_BRACKETS = 200_000;
    static final long MAX_RATES = 20_000;

    private static final String[] GROUP = {"loss_config", "optimizer_config", "schedule", "batch_size"};

    private RefinementTables() {}

    /**
     * What the refinement of the report in {@code dir} found; null when the spec does not refine or the
     * sweep stopped before its refinement tables were written.
     *
     * @param severalSettings whether configurations are named with their loss setting first, as in the summary
     * @param stability the stability row of each configuration, by name: for its 2/λ_max
     */
    static RefinementData read(SparkSession spark, SweepSpec spec, String dir, boolean severalSettings,
            Map<String, SummaryRow> stability) {
        if (!spec.refines() || !exists(spark, dir + "/" + ReportLayout.REFINEMENT_SUMMARY)
                || !exists(spark, dir + "/" + ReportLayout.REFINEMENT)) {
            return null;
        }
        Dataset<Row> starts = spark.read().parquet(dir + "/" + ReportLayout.REFINEMENT);
        Dataset<Row> runs = spark.read().parquet(dir + "/" + ReportLayout.RUNS);
        Column lo = col("boundary_lo");
        Column note = col("boundary_note");
        Map<String, Row> startCounts = byGroup(starts.groupBy(group())
                .agg(count(lit(1)).as("starts"), count(lo).as("bracketed"),
                        sum(when(lo.isNotNull().and(note.isNull()), 1).otherwise(0)).as("pinned"),
                        sum(when(lo.isNull().and(note.equalTo(Refinement.EVERY_RATE)), 1).otherwise(0)).as("everywhere"),
                        sum(when(lo.isNull().and(note.equalTo(Refinement.NO_RATE)), 1).otherwise(0)).as("nowhere"),
                        min(when(lo.isNotNull(), note)).as("wider"))
                .collectAsList());
        Map<String, Row> runCounts = byGroup(runs.groupBy(group())
                .agg(count(lit(1)).as("runs"), max(col("round")).as("rounds")).collectAsList());

        double tolerance = spec.refine().tolerance();
        LearningRates gridRates = spec.grid().learningRates();
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < gridRates.count(); i++) {
            from = Math.min(from, gridRates.get(i));
            to = Math.max(to, gridRates.get(i));
        }
        Long uniform = RefinementData.uniformRuns(from, to, tolerance, spec.initialPoints().count());

        List<RefinementData.Configuration> configurations = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        long total = 0;
        int rounds = 0;
        for (Row r : spark.read().parquet(dir + "/" + ReportLayout.REFINEMENT_SUMMARY).collectAsList()) {
            String key = key(r);
            String name = name(r, severalSettings);
            names.put(key, name);
            Row s = startCounts.get(key);
            Row n = runCounts.get(key);
            long runsHere = n == null ? 0 : n.<Long>getAs("runs");
            int roundsHere = n == null || n.getAs("rounds") == null ? 0 : n.<Integer>getAs("rounds");
            total += runsHere;
            rounds = Math.max(rounds, roundsHere);
            SummaryRow stable = stability.get(name);
            configurations.add(new RefinementData.Configuration(name, r.<Long>getAs("starts"),
                    s == null ? 0 : s.<Long>getAs("bracketed"), s == null ? 0 : s.<Long>getAs("pinned"),
                    s == null ? 0 : s.<Long>getAs("everywhere"), s == null ? 0 : s.<Long>getAs("nowhere"),
                    s == null ? null : s.<String>getAs("wider"),
                    r.getAs("every_start_learning_rate"), r.getAs("learning_rate_90"), r.getAs("learning_rate_50"),
                    r.getAs("fastest_median_learning_rate"), r.getAs("fastest_median_iterations"),
                    stable == null ? null : stable.medianCriticalRate(), roundsHere, runsHere, uniform));
        }

        Dataset<Row> bracketed = starts.where(lo.isNotNull());
        long bracketCount = bracketed.count();
        if (bracketCount > MAX_BRACKETS) {
            long stride = (bracketCount + MAX_BRACKETS - 1) / MAX_BRACKETS;
            bracketed = bracketed.where(pmod(xxhash64(col("initial_weights")), lit(stride)).equalTo(0));
        }
        List<RefinementData.Bracket> brackets = new ArrayList<>();
        for (Row r : bracketed.select(columns("boundary_lo", "boundary_hi")).collectAsList()) {
            brackets.add(new RefinementData.Bracket(names.getOrDefault(key(r), name(r, severalSettings)),
                    r.<Double>getAs("boundary_lo"), r.<Double>getAs("boundary_hi")));
        }

        Dataset<Row> rates = runs.groupBy(columns("learning_rate"))
                .agg(min(col("round")).as("round"), count(lit(1)).as("runs"),
                        sum(when(col("stop_reason").equalTo("gradient_tolerance"), 1).otherwise(0)).as("converged"));
        long rateCount = rates.count();
        if (rateCount > MAX_RATES) {
            long stride = (rateCount + MAX_RATES - 1) / MAX_RATES;
            rates = rates.where(col("round").equalTo(0)
                    .or(pmod(xxhash64(col("learning_rate")), lit(stride)).equalTo(0)));
        }
        List<RefinementData.RateOutcome> outcomes = new ArrayList<>();
        for (Row r : rates.orderBy(columns("learning_rate")).collectAsList()) {
            outcomes.add(new RefinementData.RateOutcome(names.getOrDefault(key(r), name(r, severalSettings)),
                    r.<Double>getAs("learning_rate"), r.<Integer>getAs("round"), r.<Long>getAs("runs"),
                    r.<Long>getAs("converged")));
        }
        int roundsRun = rounds;
        String stopped = ReportInfo.refinementStoppedBy(fileSystem(spark, dir), new Path(dir))
                .flatMap(RefinementStop::of)
                .map(stop -> stop.sentence(roundsRun, spec.refine(), Fmt::number))
                .orElse(null);
        return new RefinementData(rounds, total, tolerance, configurations, brackets, outcomes, stopped);
    }

    private static boolean exists(SparkSession spark, String path) {
        try {
            return fileSystem(spark, path).exists(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileSystem fileSystem(SparkSession spark, String path) {
        try {
            return new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Row> byGroup(List<Row> rows) {
        Map<String, Row> out = new HashMap<>();
        for (Row r : rows) {
            out.put(key(r), r);
        }
        return out;
    }

    /** A configuration's group columns as one key. */
    private static String key(Row r) {
        return r.getAs("loss_config") + "\n" + r.getAs("optimizer_config") + "\n" + r.getAs("schedule") + "\n"
                + r.<Integer>getAs("batch_size");
    }

    /** The configuration as the summary names it (its loss setting first when there are several). */
    private static String name(Row r, boolean severalSettings) {
        String optimizer = r.getAs("optimizer_config");
        return SummaryRow.configuration(severalSettings ? r.getAs("loss_config") + ", " + optimizer : optimizer,
                r.getAs("schedule"), r.<Integer>getAs("batch_size"));
    }

    private static Column[] group() {
        return columns();
    }

    /** The group columns, then {@code more}. */
    private static Column[] columns(String... more) {
        Column[] out = new Column[GROUP.length + more.length];
        for (int i = 0; i < GROUP.length; i++) {
            out[i] = col(GROUP[i]);
        }
        for (int i = 0; i < more.length; i++) {
            out[GROUP.length + i] = col(more[i]);
        }
        return out;
    }
}
