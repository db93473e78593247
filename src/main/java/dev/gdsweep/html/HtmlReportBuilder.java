package dev.gdsweep.html;

import dev.gdsweep.report.SweepReport;
import dev.gdsweep.store.ReportLayout;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.pmod;

import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.Lattice;
import dev.gdsweep.grid.RandomPoints;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Minimum;
import dev.gdsweep.spec.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a report's tables with Spark and renders {@code report.html} with its pictures. The driver
 * collects at most {@link #MAX_RUNS} runs (a deterministic sample by run id beyond that) and about
 * {@link #PATH_ROWS} rows of each recorded path, {@link #MAX_TRAJECTORY_ROWS} in all.
 */
public final class HtmlReportBuilder {

    static final long MAX_RUNS = 200_000;
    static final long MAX_TRAJECTORY_ROWS = 500_000;
    /** Rows read per path: twice what a chart draws of one path, so its own thinning has a choice. */
    static final long PATH_ROWS = 4_000;

    private HtmlReportBuilder() {}

    /**
     * Renders the report in {@code dir} (its runs, summary and trajectories already written) into
     * {@code dir/report.html}. Rendering goes to a local temporary folder first and is then copied in,
     * so any Hadoop file system works.
     *
     * @return the path of report.html
     */
    public static String render(SparkSession spark, SweepSpec spec, String specYaml, org.apache.hadoop.fs.Path dir)
            throws IOException {
        ReportData data = read(spark, spec, specYaml, dir.toString());
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path local = Files.createTempDirectory("gdsweep-report");
        try {
            HtmlReport.write(data, local);
            org.apache.hadoop.fs.Path images = new org.apache.hadoop.fs.Path(dir, HtmlReport.IMAGES_DIR);
            fs.delete(images, true);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.resolve(HtmlReport.IMAGES_DIR).toUri()),
                    images);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.resolve(HtmlReport.HTML_FILE).toUri()),
                    new org.apache.hadoop.fs.Path(dir, HtmlReport.HTML_FILE));
        } finally {
            try (var files = Files.walk(local)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return new org.apache.hadoop.fs.Path(dir, HtmlReport.HTML_FILE).toString();
    }

    static ReportData read(SparkSession spark, SweepSpec spec, String specYaml, String dir) {
        Loss loss = null;
        try {
            loss = spec.loss().create(spec.dimension());
        } catch (RuntimeException e) {
            // A plugin whose jar is not on this classpath: the report goes without contour maps and minima.
        }
        List<KnownMinimum> minima = new ArrayList<>();
        if (loss != null) {
            for (Minimum m : loss.knownMinima()) {
                minima.add(new KnownMinimum(m.global() ? "global" : "local", m.point()));
            }
        }

        List<SummaryEntry> summary = new ArrayList<>();
        Map<String, StabilityRow> stability = new LinkedHashMap<>();
        for (Row r : spark.read().parquet(dir + "/" + ReportLayout.SUMMARY).collectAsList()) {
            String optimizer = r.getString(r.fieldIndex("optimizer_config"));
            String schedule = r.getString(r.fieldIndex("schedule"))
                    + SweepReport.batchLabel(r.getInt(r.fieldIndex("batch_size")));
            summary.add(new SummaryEntry(optimizer, schedule, r.getDouble(r.fieldIndex("learning_rate")),
                    r.getLong(r.fieldIndex("runs")), r.getLong(r.fieldIndex("converged")),
                    r.getLong(r.fieldIndex("diverged")), r.getLong(r.fieldIndex("max_iterations")),
                    r.getDouble(r.fieldIndex("converged_fraction")), nullable(r, "median_iterations"),
                    nullable(r, "min_final_loss"), nullable(r, "median_final_loss"),
                    r.isNullAt(r.fieldIndex("best_run_id")) ? null : r.getLong(r.fieldIndex("best_run_id"))));
            String configuration = SummaryEntry.configurationOf(optimizer, schedule);
            stability.putIfAbsent(configuration, new StabilityRow(configuration,
                    nullable(r, "largest_stable_learning_rate"), nullable(r, "smallest_diverging_learning_rate"),
                    nullable(r, "median_critical_learning_rate")));
        }

        Dataset<Row> runs = spark.read().parquet(dir + "/" + ReportLayout.RUNS);
        long total = runs.count();
        if (total > MAX_RUNS) {
            long stride = (total + MAX_RUNS - 1) / MAX_RUNS;
            runs = runs.where(pmod(col("run_id"), org.apache.spark.sql.functions.lit(stride)).equalTo(0));
        }
        List<RunPoint> points = new ArrayList<>();
        for (Row r : runs.select("run_id", "optimizer_config", "schedule", "learning_rate", "initial_weights",
                "final_weights", "status", "final_loss", "iterations", "minimum", "batch_size").collectAsList()) {
            points.add(new RunPoint(r.getLong(0), SummaryEntry.configurationOf(r.getString(1),
                    r.getString(2) + SweepReport.batchLabel(r.getInt(10))),
                    r.getDouble(3), doubles(r.getList(4)), doubles(r.getList(5)), r.getString(6), r.getDouble(7),
                    r.getLong(8), r.isNullAt(9) ? null : r.getInt(9)));
        }

        Map<Long, List<TrajectoryStep>> trajectories = readPaths(spark, dir + "/" + ReportLayout.TRAJECTORIES);

        InitialPoints initial = spec.initialPoints();
        double[] min = null;
        double[] max = null;
        if (initial instanceof Lattice l) {
            min = l.min();
            max = l.max();
        } else if (initial instanceof RandomPoints p) {
            min = p.min();
            max = p.max();
        }
        Loss evaluator = loss;
        return new ReportData(spec.name(), spec.loss().name(), spec.dimension(), min, max, minima,
                evaluator == null ? null : evaluator::value, summary, points, trajectories, specYaml,
                new ArrayList<>(stability.values()));
    }

    /**
     * The recorded paths, each thinned to about {@link #PATH_ROWS} rows (fewer when there are so many
     * paths that {@link #MAX_TRAJECTORY_ROWS} would be exceeded) by {@link PathSample}: one small
     * aggregate to size each path, then one filtered read. Ordered by run id, then iteration.
     */
    static Map<Long, List<TrajectoryStep>> readPaths(SparkSession spark, String path) {
        Dataset<Row> steps = spark.read().schema(trajectorySchema()).parquet(path);
        List<Row> sizes = steps.groupBy("run_id")
                .agg(count(lit(1)), min(when(col("iteration").gt(0), col("iteration"))), max(col("iteration")))
                .collectAsList();
        if (sizes.isEmpty()) {
            return new LinkedHashMap<>();
        }
        long budget = Math.max(8, Math.min(PATH_ROWS, MAX_TRAJECTORY_ROWS / sizes.size()));
        List<Row> samples = new ArrayList<>();
        for (Row r : sizes) {
            long stride = r.isNullAt(2) ? 1 : r.getLong(2);
            PathSample s = PathSample.of(r.getLong(0), r.getLong(1), stride, r.getLong(3), budget);
            samples.add(RowFactory.create(s.runId(), s.head(), s.keepEvery(), s.last()));
        }
        Dataset<Row> plan = spark.createDataFrame(samples, new org.apache.spark.sql.types.StructType()
                .add("run_id", "long").add("head", "long").add("keep_every", "long").add("last", "long"));
        Column kept = col("iteration").lt(col("head"))
                .or(pmod(col("iteration"), col("keep_every")).equalTo(0))
                .or(col("iteration").equalTo(col("last")));
        List<Row> rows = new ArrayList<>(steps.join(broadcast(plan), "run_id").where(kept)
                .select("run_id", "iteration", "loss", "weights", "gradient_norm").collectAsList());
        rows.sort(Comparator.<Row>comparingLong(r -> r.getLong(0)).thenComparingLong(r -> r.getLong(1)));
        Map<Long, List<TrajectoryStep>> paths = new LinkedHashMap<>();
        for (Row r : rows) {
            paths.computeIfAbsent(r.getLong(0), k -> new ArrayList<>())
                    .add(new TrajectoryStep(r.getLong(1), r.getDouble(2), doubles(r.getList(3)), r.getDouble(4)));
        }
        return paths;
    }

    private static org.apache.spark.sql.types.StructType trajectorySchema() {
        return new org.apache.spark.sql.types.StructType()
                .add("run_id", "long").add("iteration", "long").add("loss", "double")
                .add("weights", "array<double>").add("gradient_norm", "double");
    }

    private static Double nullable(Row r, String name) {
        int i = r.fieldIndex(name);
        return r.isNullAt(i) ? null : r.getDouble(i);
    }

    /** An array<double> column's value, as Spark hands it back (a list of boxed numbers). */
    public static double[] doubles(List<Object> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
    }

    private static String point(double[] p) {
        return Arrays.stream(p).mapToObj(v -> String.format(Locale.ROOT, "%.4g", v))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
