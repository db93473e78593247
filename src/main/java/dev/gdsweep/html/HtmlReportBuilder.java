package dev.gdsweep.html;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.pmod;

import dev.gdsweep.grid.InitialPoints;
import dev.gdsweep.grid.Lattice;
import dev.gdsweep.grid.RandomPoints;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Minimum;
import dev.gdsweep.report.Recommendation;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepFacts;
import dev.gdsweep.spark.Reference;
import dev.gdsweep.spark.RecommendationRates;
import dev.gdsweep.spark.RunRow;
import dev.gdsweep.spark.RunSchema;
import dev.gdsweep.spark.Summary;
import dev.gdsweep.spark.TrajectorySchema;
import dev.gdsweep.spec.LossAxis;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.sweep.Trajectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a report's tables with Spark and renders {@code report.html} with its pictures. The driver
 * collects at most {@link #MAX_RUNS} runs (a deterministic sample by run id beyond that) and about
 * {@link #PATH_ROWS} rows of each recorded path, {@link #MAX_TRAJECTORY_ROWS} in all. The grid's pictures are
 * drawn from the spec's grid (round 0); a refining sweep's other rounds are read by {@link RefinementTables}.
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
        return render(spark, spec, specYaml, dir, null);
    }

    /**
     * As {@link #render(SparkSession, SweepSpec, String, org.apache.hadoop.fs.Path)}, for a sweep that has just
     * written the tables in {@code dir}: {@code facts} holds its summary and recommendation (null: read them), and
     * its runs have {@link RunSchema#SCHEMA}.
     */
    public static String render(SparkSession spark, SweepSpec spec, String specYaml, org.apache.hadoop.fs.Path dir,
            SweepFacts facts) throws IOException {
        ReportData data = read(spark, spec, specYaml, dir.toString(), facts);
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

    static ReportData read(SparkSession spark, SweepSpec spec, String specYaml, String dir, SweepFacts facts) {
        List<SummaryRow> summary = facts != null ? facts.summary()
                : Summary.read(spark, dir + "/" + ReportLayout.SUMMARY);
        // With several loss settings, each is drawn as a configuration of its own, named by the setting first.
        boolean severalSettings = SummaryRow.severalLossSettings(summary);
        List<SettingStability> settingStability = severalSettings ? settingStability(spec, summary) : List.of();
        if (severalSettings) {
            summary = summary.stream().map(HtmlReportBuilder::namedBySetting).toList();
        }
        // The pictures of one landscape (contour maps, basins) show the best configuration's loss setting.
        LossSpec shown = spec.loss();
        if (severalSettings) {
            Optional<String> best = LearningRateRoles.bestConfiguration(summary);
            Optional<String> setting = summary.stream().filter(r -> best.filter(r.configuration()::equals).isPresent())
                    .map(SummaryRow::lossConfig).findFirst();
            for (long i = 0; i < spec.losses().count() && setting.isPresent(); i++) {
                if (spec.losses().get(i).config().equals(setting.get())) {
                    shown = spec.losses().get(i);
                    break;
                }
            }
        }
        Loss loss = null;
        try {
            loss = shown.create(spec.dimension());
        } catch (RuntimeException e) {
            // A plugin whose jar is not on this classpath: the report goes without contour maps and minima.
        }
        List<KnownMinimum> minima = new ArrayList<>();
        if (loss != null) {
            for (Minimum m : loss.knownMinima()) {
                minima.add(new KnownMinimum(m.global() ? "global" : "local", m.point()));
            }
        }

        // The stability columns repeat on every row of a configuration: its first row stands for it.
        Map<String, SummaryRow> stability = new LinkedHashMap<>();
        for (SummaryRow r : summary) {
            stability.putIfAbsent(r.configuration(), r);
        }

        // A report written by an older version may have other columns: its schema is read from its files.
        Dataset<Row> allRuns = facts != null
                ? spark.read().schema(RunSchema.SCHEMA).parquet(dir + "/" + ReportLayout.RUNS)
                : spark.read().parquet(dir + "/" + ReportLayout.RUNS);
        // From every run of every round, before any sampling.
        List<Recommendation> recommendations = facts != null ? facts.recommendations()
                : Recommendation.of(RecommendationRates.of(allRuns), spec.recommend().minShare());
        // The pictures of the grid are made of its own runs, like the summary; refinement has its own section.
        Dataset<Row> runs = RunSchema.gridRuns(allRuns);
        // The summary counts every run of the grid, so they need not be counted again.
        long total = summary.stream().mapToLong(SummaryRow::runs).sum();
        if (total > MAX_RUNS) {
            long stride = (total + MAX_RUNS - 1) / MAX_RUNS;
            runs = runs.where(pmod(col("run_id"), org.apache.spark.sql.functions.lit(stride)).equalTo(0));
        }
        List<RunPoint> points = new ArrayList<>();
        for (Row row : runs.select(columns(RunSchema.READ_COLUMNS)).collectAsList()) {
            RunRow r = RunSchema.fromRow(row);
            String configuration = SummaryRow.configuration(
                    severalSettings ? r.lossConfig() + ", " + r.optimizerConfig() : r.optimizerConfig(), r.schedule(),
                    r.batchSize());
            points.add(new RunPoint(r.runId(), configuration, r.learningRate(), r.initialWeights(), r.finalWeights(),
                    r.status(), r.finalLoss(), r.iterations(), r.minimum()));
        }

        // In run order: Spark returns the rows in the order of its files and tasks, which differs between two runs
        // of one spec, and the pictures draw later points over earlier ones.
        points.sort(Comparator.comparingLong(RunPoint::runId));

        Map<Long, List<TrajectoryStep>> trajectories = facts != null && facts.paths() != null ? thinPaths(facts.paths())
                : readPaths(spark, dir + "/" + ReportLayout.TRAJECTORIES);

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
                new ArrayList<>(stability.values()), settingLabel(spec), settingStability,
                RefinementTables.read(spark, spec, dir, severalSettings, stability),
                Reference.readSeaLevels(spark, dir), recommendations)
                .withModelRates(spec.loss() instanceof LossSpec.Model ? modelRates(runs, severalSettings) : List.of());
    }

    /**
     * A model sweep's fit per configuration and rate: the medians of the final (training) loss, the validation
     * loss and the accuracies over the runs that did not diverge or fail. Empty when the runs have none of the
     * model columns (a landscape, or a report written before them).
     */
    static List<ModelRate> modelRates(Dataset<Row> runs, boolean severalSettings) {
        List<String> names = Arrays.asList(runs.columns());
        if (!names.containsAll(List.of("validation_loss", "train_accuracy", "validation_accuracy"))) {
            return List.of();
        }
        Column settled = org.apache.spark.sql.functions.not(col("status").isin("DIVERGED", "FAILED"));
        List<ModelRate> out = new ArrayList<>();
        boolean model = false;
        for (Row r : runs.groupBy("loss_config", "optimizer_config", "schedule", "batch_size", "learning_rate")
                .agg(count(lit(1)).as("runs"), count(when(settled, lit(1))).as("settled"),
                        median(when(settled, col("final_loss"))).as("train_loss"),
                        median(when(settled, col("validation_loss"))).as("validation_loss"),
                        median(when(settled, col("train_accuracy"))).as("train_accuracy"),
                        median(when(settled, col("validation_accuracy"))).as("validation_accuracy"))
                .orderBy("loss_config", "optimizer_config", "schedule", "batch_size", "learning_rate")
                .collectAsList()) {
            String optimizer = r.getAs("optimizer_config");
            String configuration = SummaryRow.configuration(
                    severalSettings ? r.<String>getAs("loss_config") + ", " + optimizer : optimizer,
                    r.getAs("schedule"), r.<Integer>getAs("batch_size"));
            ModelRate m = new ModelRate(configuration, r.<Double>getAs("learning_rate"), r.<Long>getAs("runs"),
                    r.<Long>getAs("settled"), r.getAs("train_loss"), r.getAs("validation_loss"),
                    r.getAs("train_accuracy"), r.getAs("validation_accuracy"));
            model |= m.validationLoss() != null || m.trainAccuracy() != null || m.validationAccuracy() != null;
            out.add(m);
        }
        return model ? out : List.of();
    }

    /** The row with its loss setting at the head of its optimizer configuration, so it names its configuration. */
    private static SummaryRow namedBySetting(SummaryRow r) {
        return new SummaryRow(r.lossConfig(), r.lossConfig() + ", " + r.optimizerConfig(), r.schedule(), r.batchSize(),
                r.learningRate(), r.runs(), r.converged(), r.plateaued(), r.diverged(), r.maxIterations(), r.maxTime(), r.failed(),
                r.convergedFraction(), r.medianIterations(), r.minFinalLoss(), r.medianFinalLoss(), r.bestRunId(),
                r.largestStableRate(), r.smallestDivergingRate(), r.medianCriticalRate());
    }

    /** What the loss settings are drawn against: the one loss axis's setting when it is a number; else their position. */
    private static String settingLabel(SweepSpec spec) {
        return drawnAxis(spec).map(LossAxis::setting).orElse("loss setting");
    }

    /** The loss axis whose values place the settings: the only one, when it is an axis of numbers. */
    private static Optional<LossAxis> drawnAxis(SweepSpec spec) {
        List<LossAxis> axes = spec.losses().axes();
        return axes.size() == 1 && !axes.get(0).vector() ? Optional.of(axes.get(0)) : Optional.empty();
    }

    /** The stability boundary per loss setting and configuration, the setting drawn at its value (or position). */
    private static List<SettingStability> settingStability(SweepSpec spec, List<SummaryRow> summary) {
        Optional<LossAxis> axis = drawnAxis(spec);
        Map<String, Double> place = new LinkedHashMap<>();
        for (long i = 0; i < spec.losses().count(); i++) {
            LossSpec setting = spec.losses().get(i);
            place.put(setting.config(), axis.isPresent() ? setting.settingValues().get(axis.get().setting())[0] : i + 1);
        }
        Map<String, SettingStability> out = new LinkedHashMap<>();
        for (SummaryRow r : summary) {
            Double value = place.get(r.lossConfig());
            if (value != null) {
                out.putIfAbsent(r.lossConfig() + "\n" + r.configuration(), new SettingStability(r.configuration(),
                        r.lossConfig(), value, r.largestStableRate(), r.medianCriticalRate()));
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The recorded paths, each thinned to about {@link #PATH_ROWS} rows (fewer when there are so many
     * paths that {@link #MAX_TRAJECTORY_ROWS} would be exceeded) by {@link PathSample}: one small
     * aggregate to size each path, then one filtered read. Ordered by run id, then iteration.
     */
    static Map<Long, List<TrajectoryStep>> readPaths(SparkSession spark, String path) {
        Dataset<Row> steps = spark.read().schema(TrajectorySchema.SCHEMA).parquet(path);
        List<Row> sizes = steps.groupBy("run_id")
                .agg(count(lit(1)).as("steps"), min(when(col("iteration").gt(0), col("iteration"))).as("stride"),
                        max(col("iteration")).as("last"))
                .collectAsList();
        if (sizes.isEmpty()) {
            return new LinkedHashMap<>();
        }
        long budget = pathBudget(sizes.size());
        List<Row> samples = new ArrayList<>();
        for (Row r : sizes) {
            Long stride = r.getAs("stride");
            PathSample s = PathSample.of(r.<Long>getAs("run_id"), r.<Long>getAs("steps"), stride == null ? 1 : stride,
                    r.<Long>getAs("last"), budget);
            samples.add(RowFactory.create(s.runId(), s.head(), s.keepEvery(), s.last()));
        }
        Dataset<Row> plan = spark.createDataFrame(samples, new org.apache.spark.sql.types.StructType()
                .add("run_id", "long").add("head", "long").add("keep_every", "long").add("last", "long"));
        Column keep = col("iteration").lt(col("head"))
                .or(pmod(col("iteration"), col("keep_every")).equalTo(0))
                .or(col("iteration").equalTo(col("last")));
        List<Trajectories.Step> kept = new ArrayList<>();
        for (Row r : steps.join(broadcast(plan), "run_id").where(keep)
                .select(columns(List.of(TrajectorySchema.SCHEMA.fieldNames()))).collectAsList()) {
            kept.add(TrajectorySchema.fromRow(r));
        }
        kept.sort(Comparator.comparingLong(Trajectories.Step::runId).thenComparingLong(Trajectories.Step::iteration));
        Map<Long, List<TrajectoryStep>> paths = new LinkedHashMap<>();
        for (Trajectories.Step s : kept) {
            paths.computeIfAbsent(s.runId(), k -> new ArrayList<>())
                    .add(new TrajectoryStep(s.iteration(), s.loss(), s.weights(), s.gradientNorm()));
        }
        return paths;
    }

    /** The rows read of each path when there are {@code paths} of them. */
    private static long pathBudget(int paths) {
        return Math.max(8, Math.min(PATH_ROWS, MAX_TRAJECTORY_ROWS / paths));
    }

    /**
     * The paths a sweep has in hand, thinned exactly as {@link #readPaths} thins the table written from them: the
     * same steps, in run and iteration order.
     */
    static Map<Long, List<TrajectoryStep>> thinPaths(List<Trajectories.RecordedPath> recorded) {
        List<Trajectories.RecordedPath> paths = recorded.stream().filter(p -> p.size() > 0)
                .sorted(Comparator.comparingLong(Trajectories.RecordedPath::runId)).toList();
        long budget = pathBudget(Math.max(1, paths.size()));
        Map<Long, List<TrajectoryStep>> out = new LinkedHashMap<>();
        for (Trajectories.RecordedPath p : paths) {
            long[] iterations = p.iterations();
            // As the table's aggregate: the smallest positive iteration is the stride, the largest the last.
            long stride = Arrays.stream(iterations).filter(k -> k > 0).min().orElse(1);
            long last = Arrays.stream(iterations).max().getAsLong();
            PathSample sample = PathSample.of(p.runId(), iterations.length, stride, last, budget);
            int d = p.weights().length / iterations.length;
            List<TrajectoryStep> kept = new ArrayList<>();
            for (int i = 0; i < iterations.length; i++) {
                if (sample.keeps(iterations[i])) {
                    kept.add(new TrajectoryStep(iterations[i], p.losses()[i],
                            Arrays.copyOfRange(p.weights(), i * d, (i + 1) * d), p.gradientNorms()[i]));
                }
            }
            kept.sort(Comparator.comparingLong(TrajectoryStep::iteration));
            out.put(p.runId(), kept);
        }
        return out;
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(n -> col(n)).toArray(Column[]::new);
    }
}
