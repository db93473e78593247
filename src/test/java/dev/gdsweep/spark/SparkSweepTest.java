package dev.gdsweep.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.compare.Comparison;
import dev.gdsweep.console.SummaryPrinter;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.report.BestRun;
import dev.gdsweep.report.SummaryRow;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.SpecException;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SpecWriter;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.grid.Spread;
import dev.gdsweep.html.HtmlReportBuilder;
import dev.gdsweep.sweep.Chunks;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunComputer;
import dev.gdsweep.sweep.Trajectories;
import dev.gdsweep.sweep.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkSweepTest extends SparkTestBase {

    /** Learning rates from slow to diverging, starts inside and outside the usual domain. */
    static final String SPEC = """
            name: spark-himmelblau
            loss: {function: himmelblau}
            learning_rate: {values: [0.001, 0.005, 0.01, 0.02, 0.04]}
            initial_weights:
              random: {count: 40, min: [-6, -6], max: [6, 6], seed: 3}
            stopping: {max_iterations: 3000, gradient_tolerance: 1.0e-6}
            """;

    static SweepSpec spec;
    static List<RunRecord> expected;

    @TempDir
    Path dir;

    /**
     * The spec's sweep with the tasks chosen per chunk, run once for the class: the rows, the summary, the paths
     * and the page read it (the page only adds report.html and its pictures).
     */
    @TempDir
    static Path shared;

    static SweepReport sharedReport;

    @BeforeAll
    static void computeReferenceAndSweep() {
        spec = SpecLoader.parse(SPEC, "spec.yaml", "x", List.of(), DataResolver.NONE);
        expected = LocalSweep.run(spec);
        sharedReport = sweep(shared, spec, "report", 0, false);
    }

    private SweepReport sweep(String name, int partitions) {
        return sweep(spec, name, partitions, false);
    }

    private SweepReport sweep(SweepSpec s, String name, int partitions, boolean overwrite) {
        return sweep(dir, s, name, partitions, overwrite);
    }

    private static SweepReport sweep(Path dir, SweepSpec s, String name, int partitions, boolean overwrite) {
        try (ReportLocation location = ReportLocation.prepare(dir.resolve(name).toString(), overwrite, false,
                new Configuration(), "--out")) {
            return SparkSweep.run(spark, s, location, SweepOptions.defaults().withPartitions(partitions));
        }
    }

    private List<Row> runs(String name) {
        return runs(dir.resolve(name));
    }

    private static List<Row> runs(Path report) {
        return spark.read().parquet(report.resolve(ReportLayout.RUNS).toString()).orderBy("run_id").collectAsList();
    }

    @Test
    void theReferenceSweepCoversEveryOutcome() {
        // Guards the other tests: they would prove little on a sweep where every run converged.
        assertThat(expected.stream().map(r -> r.result().status()).distinct())
                .contains(Status.CONVERGED, Status.DIVERGED, Status.MAX_ITERATIONS);
    }

    @Test
    void sparkRowsEqualThePureJavaRunnerInEveryColumnButTiming() {
        List<Row> rows = runs(shared.resolve("report"));

        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertSameRun(rows.get(i), expected.get(i));
        }
    }

    @Test
    void rowsDoNotDependOnTheNumberOfTasks() {
        for (int partitions : new int[] {1, 3, 7}) {
            sweep("p" + partitions, partitions);
            List<Row> rows = runs("p" + partitions);
            assertThat(rows).hasSize(expected.size());
            for (int i = 0; i < rows.size(); i++) {
                assertSameRun(rows.get(i), expected.get(i));
            }
        }
    }

    @Test
    void theRunsTableHasTheContractedSchema() {
        sweep("schema", 2);
        StructType schema = spark.read().parquet(dir.resolve("schema").resolve(ReportLayout.RUNS).toString()).schema();
        Map<String, String> types = Arrays.stream(schema.fields())
                .collect(Collectors.toMap(f -> f.name(), f -> f.dataType().simpleString()));
        assertThat(types).containsAllEntriesOf(Map.ofEntries(
                Map.entry("sweep", "string"),
                Map.entry("run_id", "bigint"),
                Map.entry("loss_params", "map<string,double>"),
                Map.entry("loss_config", "string"),
                Map.entry("optimizer", "string"),
                Map.entry("optimizer_params", "map<string,double>"),
                Map.entry("schedule", "string"),
                Map.entry("learning_rate", "double"),
                Map.entry("initial_weights", "array<double>"),
                Map.entry("final_weights", "array<double>"),
                Map.entry("initial_loss", "double"),
                Map.entry("final_loss", "double"),
                Map.entry("best_loss", "double"),
                Map.entry("iterations", "bigint"),
                Map.entry("status", "string"),
                Map.entry("stop_reason", "string"),
                Map.entry("gradient_norm", "double"),
                Map.entry("elapsed_ms", "double")));
    }

    @Test
    void theSummaryMatchesOneComputedFromTheReferenceRuns() {
        SweepReport report = sharedReport;
        Map<Double, List<RunRecord>> byRate = expected.stream()
                .collect(Collectors.groupingBy(RunRecord::learningRate, TreeMap::new, Collectors.toList()));

        assertThat(report.summary()).hasSize(byRate.size());
        int i = 0;
        for (Map.Entry<Double, List<RunRecord>> e : byRate.entrySet()) {
            SummaryRow row = report.summary().get(i++);
            List<RunResult> results = e.getValue().stream().map(RunRecord::result).toList();
            long converged = results.stream().filter(r -> r.status() == Status.CONVERGED).count();
            long diverged = results.stream().filter(r -> r.status() == Status.DIVERGED).count();
            List<RunRecord> settled = e.getValue().stream()
                    .filter(r -> r.result().status() != Status.DIVERGED).toList();

            assertThat(row.learningRate()).isEqualTo(e.getKey());
            assertThat(row.runs()).isEqualTo(results.size());
            assertThat(row.converged()).isEqualTo(converged);
            assertThat(row.diverged()).isEqualTo(diverged);
            assertThat(row.maxIterations()).isEqualTo(results.size() - converged - diverged);
            assertThat(row.convergedFraction()).isEqualTo((double) converged / results.size());
            double[] iterations = results.stream().filter(r -> r.status() == Status.CONVERGED)
                    .mapToDouble(RunResult::iterations).toArray();
            if (iterations.length == 0) {
                assertThat(row.medianIterations()).isNull();
            } else {
                assertThat(row.medianIterations()).isCloseTo(median(iterations), within(1e-9));
            }
            if (settled.isEmpty()) {
                assertThat(row.bestRunId()).isNull();
                continue;
            }
            double[] losses = settled.stream().mapToDouble(r -> r.result().finalLoss()).toArray();
            assertThat(row.minFinalLoss()).isEqualTo(Arrays.stream(losses).min().getAsDouble());
            assertThat(row.medianFinalLoss()).isCloseTo(median(losses), within(1e-12 * (1 + median(losses))));
            RunRecord best = settled.stream()
                    .min(Comparator.comparingDouble((RunRecord r) -> r.result().finalLoss())
                            .thenComparingLong(RunRecord::runId))
                    .get();
            assertThat(row.bestRunId()).isEqualTo(best.runId());
        }
        assertThat(report.smallestDivergingRate()).isPresent();
        double firstDiverging = expected.stream().filter(r -> r.result().status() == Status.DIVERGED)
                .mapToDouble(RunRecord::learningRate).min().getAsDouble();
        assertThat(report.smallestDivergingRate().getAsDouble()).isEqualTo(firstDiverging);
        RunRecord bestOverall = expected.stream().filter(r -> r.result().status() != Status.DIVERGED)
                .min(Comparator.comparingDouble((RunRecord r) -> r.result().finalLoss())
                        .thenComparingLong(RunRecord::runId)).get();
        assertThat(report.best()).isPresent();
        assertThat(report.best().get().runId()).isEqualTo(bestOverall.runId());
    }

    @Test
    void theBestRunLeavesOutAndCountsStartsAtAMinimumAndIsTheRowOfTheRunsTable() {
        // Two starts on Himmelblau's minimum (3, 2), at two rates: 0 iterations, loss 0, so they would be best.
        SweepSpec atMinimum = SpecLoader.parse("""
                name: spark-at-minimum
                loss: {function: himmelblau}
                learning_rate: {values: [0.005, 0.01]}
                initial_weights: {points: [[3, 2], [0, 0], [-2, 3], [4, 4]]}
                stopping: {max_iterations: 3000, gradient_tolerance: 1.0e-6}
                """, "spec.yaml", "x", List.of(), DataResolver.NONE);
        SweepReport report = sweep(atMinimum, "at-minimum", 0, false);

        List<Row> rows = runs("at-minimum");
        List<Row> moved = rows.stream().filter(r -> r.<Long>getAs("iterations") > 0
                && !r.<String>getAs("status").equals("DIVERGED")).toList();
        Row best = moved.stream().min(Comparator.comparingDouble((Row r) -> r.<Double>getAs("final_loss"))
                .thenComparingLong(r -> r.<Long>getAs("run_id"))).orElseThrow();
        assertThat(rows.stream().filter(r -> r.<Long>getAs("iterations") == 0)).hasSize(2);
        assertThat(report.best()).isPresent();
        BestRun b = report.best().get();
        assertThat(b.startsAtMinimum()).isEqualTo(2);
        assertThat(b.runId()).isEqualTo(best.<Long>getAs("run_id"));
        assertThat(b.finalLoss()).isEqualTo(best.<Double>getAs("final_loss"));
        assertThat(b.learningRate()).isEqualTo(best.<Double>getAs("learning_rate"));
        assertThat(b.iterations()).isEqualTo(best.<Long>getAs("iterations"));
        assertThat(b.finalWeights()).containsExactly(doubles(best, "final_weights"));
    }

    @Test
    void theSummaryMediansAreNamedForTheRunsTheyAggregateAndOldNamesStillRead() {
        String summaryPath = shared.resolve("report").resolve(ReportLayout.SUMMARY).toString();
        Dataset<Row> written = spark.read().parquet(summaryPath);
        assertThat(written.columns()).contains("median_converged_iterations", "median_nondiverged_loss")
                .doesNotContain("median_iterations", "median_final_loss");

        // A report written before the rename: the same table under the old names.
        String oldPath = dir.resolve("old").resolve(ReportLayout.SUMMARY).toString();
        written.withColumnRenamed("median_converged_iterations", "median_iterations")
                .withColumnRenamed("median_nondiverged_loss", "median_final_loss")
                .coalesce(1).write().parquet(oldPath);
        List<SummaryRow> old = Summary.read(spark, oldPath);
        List<SummaryRow> current = Summary.read(spark, summaryPath);

        assertThat(old).isEqualTo(current);
        assertThat(old).anySatisfy(r -> assertThat(r.medianIterations()).isNotNull())
                .anySatisfy(r -> assertThat(r.medianFinalLoss()).isNotNull());
        // compare reads both sides the same way: an old report against a new one matches every rate.
        Comparison c = Comparison.of(old, current);
        assertThat(c.rows()).hasSize(current.size());
        assertThat(c.onlyInBaseline()).isEmpty();
        assertThat(c.onlyInCandidate()).isEmpty();
    }

    @Test
    void aReportIsCompleteWithItsSpecAndLeavesNoStagingBehind() throws IOException {
        sweep("layout", 0);
        Path report = dir.resolve("layout");

        assertThat(report.resolve(ReportLayout.SUCCESS)).exists();
        assertThat(report.resolve(ReportLayout.SUMMARY)).isDirectory();
        String yaml = Files.readString(report.resolve(ReportLayout.SPEC));
        assertThat(yaml).isEqualTo(SpecWriter.toYaml(spec));
        SweepSpec reloaded = SpecLoader.parse(yaml, "spec.yaml", "x", List.of(), DataResolver.NONE);
        assertThat(LocalSweep.run(reloaded).get(17).sameOutcome(expected.get(17))).isTrue();
        try (Stream<Path> siblings = Files.list(dir)) {
            // Neither the work directory nor the lock outlives a finished sweep.
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("layout");
        }
        assertThat(Files.readString(report.resolve(ReportLayout.INFO))).contains("complete: true")
                .contains("runs_total: 200").contains("runs_written: 200").contains("runs_resumed: 0");
    }

    @Test
    void aPrintedLogRangeRateFindsItsRunsInAQuery() {
        SweepSpec logRange = SpecLoader.parse("""
                name: readable
                loss: {function: quadratic, params: {diag: [1, 10]}}
                learning_rate: {log: {from: 1.0e-4, to: 1, count: 9}}
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 2}}
                stopping: {max_iterations: 200}
                record: {trajectories: 0}
                """, "spec.yaml", "x", List.of(), DataResolver.NONE);
        SweepReport report = sweep(logRange, "readable", 0, false);
        spark.read().parquet(dir.resolve("readable").resolve(ReportLayout.RUNS).toString())
                .createOrReplaceTempView("readable_runs");

        // The rate a user reads in the log range's middle, typed back as a literal.
        assertThat(spark.sql("SELECT * FROM readable_runs WHERE learning_rate = 0.01").count()).isEqualTo(4);
        // Every rate the console prints finds its 4 runs (one per start).
        assertThat(report.summary()).hasSize(9);
        for (SummaryRow row : report.summary()) {
            String printed = SummaryPrinter.rate(row.learningRate());
            assertThat(spark.sql("SELECT * FROM readable_runs WHERE learning_rate = " + printed).count())
                    .as("learning_rate = %s", printed).isEqualTo(4);
        }
    }

    @Test
    void anExistingReportIsReplacedOnlyWithOverwrite() throws IOException {
        sweep("again", 0);
        // A run file of an earlier sweep: a report's own part, which a replaced report must not keep.
        Path marker = dir.resolve("again").resolve(ReportLayout.RUNS).resolve("chunk-00099-part-00000-old.parquet");
        Files.writeString(marker, "old");

        assertThatThrownBy(() -> ReportLocation.prepare(dir.resolve("again").toString(), false, false,
                new Configuration(), "--out"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("already exists and is not empty; pass --overwrite");

        sweep(spec, "again", 0, true);
        assertThat(marker).doesNotExist();
        assertThat(dir.resolve("again").resolve(ReportLayout.SUCCESS)).exists();
    }

    @Test
    void anOutputPathThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> ReportLocation.prepare(file.toString(), true, false, new Configuration(), "--out"))
                .isInstanceOf(SpecException.class)
                .hasMessage("--out: output path '" + file + "' is an existing file; give a directory path");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void optimizerAndScheduleAxesFanOutAndSummarizeInGridOrder() {
        SweepSpec multi = SpecLoader.parse("""
                name: optimizers
                loss: {function: rosenbrock}
                optimizer: [gd, {name: momentum, momentum: 0.9}, adam]
                schedule: [constant, inverse_sqrt]
                learning_rate: {values: [0.0005, 0.002]}
                initial_weights: {random: {count: 10, min: [-2, -2], max: [2, 2], seed: 5}}
                stopping: {max_iterations: 2000}
                """, "spec.yaml", "x", List.of(), DataResolver.NONE);
        List<RunRecord> reference = LocalSweep.run(multi);
        SweepReport report = sweep(multi, "multi", 3, false);

        List<Row> rows = runs("multi");
        assertThat(rows).hasSize(120);
        for (int i = 0; i < rows.size(); i++) {
            assertSameRun(rows.get(i), reference.get(i));
        }
        assertThat(report.summary()).hasSize(12);
        assertThat(report.summary()).extracting(r -> r.optimizerConfig() + " " + r.schedule() + " " + r.learningRate())
                .startsWith("gd constant 5.0E-4", "gd constant 0.002", "gd inverse_sqrt 5.0E-4")
                .endsWith("adam(beta1=0.9, beta2=0.999, epsilon=1e-08) inverse_sqrt 0.002");
        for (SummaryRow row : report.summary()) {
            long converged = reference.stream()
                    .filter(r -> r.optimizer().label().equals(row.optimizerConfig())
                            && r.schedule().label().equals(row.schedule())
                            && r.learningRate() == row.learningRate()
                            && r.result().status() == Status.CONVERGED)
                    .count();
            assertThat(row.runs()).isEqualTo(10);
            assertThat(row.converged()).isEqualTo(converged);
        }
        Row summaryRow = spark.read().parquet(dir.resolve("multi").resolve(ReportLayout.SUMMARY).toString()).first();
        assertThat(summaryRow.<String, Double>getJavaMap(summaryRow.fieldIndex("optimizer_params"))).isEmpty();
    }

    @Test
    void aLossAxisIsTheSlowestAxisAndEachSettingsRowsAreThoseOfTheSettingAlone() throws IOException {
        String steep = """
                name: steep
                loss: {function: rosenbrock, params: {b: B}}
                optimizer: [gd, {name: momentum, momentum: 0.9}]
                learning_rate: {log: {from: 1.0e-4, to: 1.0e-2, count: 3}}
                initial_weights: {random: {count: 6, min: [-2, -2], max: [2, 2], seed: 5}}
                stopping: {max_iterations: 2000}
                """;
        SweepSpec axes = SpecLoader.parse(steep.replace("B", "[10, 100, 1000]"), "spec.yaml", "x", List.of(),
                DataResolver.NONE);
        SweepReport report = sweep(axes, "steep", 3, false);

        List<Row> rows = runs("steep");
        assertThat(rows).hasSize(3 * 2 * 3 * 6);
        int perSetting = 2 * 3 * 6;
        String[] b = {"10", "100", "1000"};
        for (int s = 0; s < b.length; s++) {
            List<RunRecord> alone = LocalSweep.run(SpecLoader.parse(steep.replace("B", b[s]), "spec.yaml", "x",
                    List.of(), DataResolver.NONE));
            for (RunRecord r : alone) {
                RunRecord shifted = new RunRecord(r.sweep(), s * perSetting + r.runId(), r.lossConfig(), r.lossParams(),
                        r.optimizer(), r.schedule(), r.batchSize(), r.learningRate(), r.initialWeights(), r.result(),
                        r.analysis(), r.elapsedMs());
                assertSameRun(rows.get(s * perSetting + (int) r.runId()), shifted);
            }
        }
        // One summary row per loss setting, optimizer and rate, in grid order; the stability boundary per setting.
        assertThat(report.summary()).hasSize(3 * 2 * 3);
        assertThat(report.summary()).extracting(SummaryRow::lossConfig).containsSubsequence(
                "rosenbrock(a=1, b=10)", "rosenbrock(a=1, b=100)", "rosenbrock(a=1, b=1000)");
        assertThat(report.summary().get(0).lossConfig()).isEqualTo("rosenbrock(a=1, b=10)");
        List<RunRecord> reference = LocalSweep.run(axes);
        for (SummaryRow row : report.summary()) {
            List<RunRecord> of = reference.stream()
                    .filter(r -> r.lossConfig().equals(row.lossConfig())
                            && r.optimizer().label().equals(row.optimizerConfig())
                            && r.learningRate() == row.learningRate())
                    .toList();
            assertThat(row.runs()).isEqualTo(6);
            assertThat(row.diverged()).isEqualTo(of.stream().filter(r -> r.result().status() == Status.DIVERGED).count());
        }
        Row first = spark.read().parquet(dir.resolve("steep").resolve(ReportLayout.SUMMARY).toString()).first();
        assertThat(first.<String, Double>getJavaMap(first.fieldIndex("loss_params")))
                .isEqualTo(Map.of("a", 1.0, "b", 10.0));
        assertThat(report.byConfiguration().keySet()).first()
                .isEqualTo("rosenbrock(a=1, b=10), gd, schedule constant");

        // The page: each setting a configuration of its own, and the stability against b.
        Path page = dir.resolve("steep");
        HtmlReportBuilder.render(spark, axes, SpecWriter.toYaml(axes), new org.apache.hadoop.fs.Path(page.toUri()));
        String html = Files.readString(page.resolve("report.html"));
        assertThat(page.resolve("report-images").resolve("stability-against-loss-setting.png")).exists();
        assertThat(html).contains("Largest stable learning rate against b")
                .contains("rosenbrock(a=1, b=1000), momentum(momentum=0.9), constant");
    }

    @Test
    void aPluginThatThrowsGivesFailedRowsWithTheirErrorAndTheSweepCompletes() {
        SweepSpec throwing = SpecLoader.parse("""
                loss: {class: dev.gdsweep.plugin.ThrowsBeyondOne}
                learning_rate: [0.1, 0.5]
                initial_weights: {random: {count: 30, min: [-2, -2], max: [2, 2], seed: 2}}
                """, "spec.yaml", "failing", List.of(), DataResolver.NONE);
        List<RunRecord> reference = LocalSweep.run(throwing);
        SweepReport report = sweep(throwing, "failing", 2, false);

        List<Row> rows = runs("failing");
        assertThat(rows).hasSize(60);
        for (int i = 0; i < rows.size(); i++) {
            assertSameRun(rows.get(i), reference.get(i));
            Row row = rows.get(i);
            String error = row.getString(row.fieldIndex("error"));
            if (row.getString(row.fieldIndex("status")).equals("FAILED")) {
                assertThat(error).startsWith("java.lang.IllegalStateException: weights outside [-1, 1]");
            } else {
                assertThat(error).isNull();
            }
        }
        long failed = reference.stream().filter(r -> r.result().status() == Status.FAILED).count();
        assertThat(failed).isPositive();
        assertThat(report.summary().stream().mapToLong(SummaryRow::failed).sum()).isEqualTo(failed);
    }

    @Test
    void recordedTrajectoriesEqualARerunOfTheEngine() {
        List<Long> selected = Trajectories.select(spec.grid(), spec.record());
        List<Row> rows = spark.read().parquet(shared.resolve("report").resolve(ReportLayout.TRAJECTORIES).toString())
                .orderBy("run_id", "iteration").collectAsList();

        assertThat(rows.stream().map(r -> r.getLong(0)).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(selected);
        RunComputer computer = new RunComputer(spec);
        int i = 0;
        for (long id : selected.stream().sorted().toList()) {
            for (Trajectories.Step step : Trajectories.record(computer, id, 1)) {
                Row row = rows.get(i++);
                assertThat(row.getLong(0)).isEqualTo(id);
                assertThat(row.getLong(1)).isEqualTo(step.iteration());
                assertThat((Double) row.getDouble(2)).isEqualTo((Double) step.loss());
                assertThat(doubles(row, "weights")).containsExactly(step.weights());
            }
            // The last step is where the run in the runs table ended.
            RunRecord r = expected.get((int) id);
            assertThat(doubles(rows.get(i - 1), "weights")).containsExactly(r.result().finalWeights());
        }
        assertThat(i).isEqualTo(rows.size());
    }

    /** Momentum and Adam, two schedules, in lanes: 80 runs in 3 chunks, 64 of them recorded. */
    static final String OPTIMIZERS = """
            name: recorded-optimizers
            loss: {function: rosenbrock}
            optimizer: [{name: momentum, momentum: 0.9}, adam]
            schedule: [constant, inverse_sqrt]
            learning_rate: {log: {from: 1.0e-4, to: 0.3, count: 4}}
            initial_weights: {random: {count: 5, min: [-2, -2], max: [2, 2], seed: 3}}
            stopping: {max_iterations: 2000, patience: 20, min_delta: 1.0e-9}
            """;

    @Test
    void theChunkTasksRecordEveryPathOnceAndItIsTheRerunsPath() {
        SweepSpec s = SpecLoader.parse(OPTIMIZERS + "limits: {chunk_runs: 30}\n", "spec.yaml", "x", List.of(),
                DataResolver.NONE);
        int selected = Trajectories.select(s.grid(), s.record()).size();
        assertThat(selected).isEqualTo(64);

        // Every path comes from the chunk tasks: none is run again.
        assertThat(sweepRecording(dir.resolve("optimizers"), s, false, 3)).isEqualTo(selected);
        assertPathsAreAReRun(dir.resolve("optimizers"), s);
    }

    @Test
    void aPartialSweepAndItsResumeHaveEveryPathOnce() {
        // One chunk of the three, then the time budget is out: a partial report, resumed without the budget.
        SweepSpec partial = SpecLoader.parse(OPTIMIZERS + "limits: {chunk_runs: 30, max_seconds: 0.001}\n",
                "spec.yaml", "x", List.of(), DataResolver.NONE);
        SweepSpec whole = SpecLoader.parse(OPTIMIZERS + "limits: {chunk_runs: 30}\n", "spec.yaml", "x", List.of(),
                DataResolver.NONE);
        List<Long> selected = Trajectories.select(whole.grid(), whole.record());
        Spread spread = new Spread(whole.grid().size());
        long firstChunk = Chunks.of(whole.grid().size(), 30).end(0);
        long inFirstChunk = LongStream.range(0, firstChunk).map(spread::runId).filter(selected::contains).count();
        assertThat(inFirstChunk).isBetween(1L, (long) selected.size() - 1);
        Path out = dir.resolve("resumed");

        // The paths of the chunks the budget left out are run again, as before: the table is whole.
        assertThat(sweepRecording(out, partial, false, 2)).isEqualTo(inFirstChunk);
        assertThat(spark.read().parquet(out.resolve(ReportLayout.RUNS).toString()).count()).isEqualTo(firstChunk);
        assertPathsAreAReRun(out, whole);

        // On resume, the first chunk's runs are not computed again: their paths are run again, once.
        assertThat(sweepRecording(out, whole, true, 2)).isEqualTo(selected.size() - inFirstChunk);
        assertThat(spark.read().parquet(out.resolve(ReportLayout.RUNS).toString()).count()).isEqualTo(80);
        assertPathsAreAReRun(out, whole);
    }

    /**
     * Sweeps {@code s} into {@code out}; returns how many paths the chunk tasks recorded (the paths phase
     * counts them as done).
     */
    private static long sweepRecording(Path out, SweepSpec s, boolean resume, int partitions) {
        RecordedPaths progress = new RecordedPaths();
        try (ReportLocation location = ReportLocation.prepare(out.toString(), false, resume, new Configuration(),
                "--out")) {
            SparkSweep.run(spark, s, location, SweepOptions.defaults().withPartitions(partitions).withResume(resume)
                    .withProgress(progress));
        }
        return progress.recorded();
    }

    /**
     * The report's trajectories table is what running each selected run again with an observer gives, as the
     * paths job did before the chunk tasks recorded them: the same schema, and row for row the same values,
     * each path once.
     */
    static void assertPathsAreAReRun(Path report, SweepSpec s) {
        List<Long> selected = Trajectories.select(s.grid(), s.record());
        long every = Trajectories.every(s, selected.size());
        RunComputer computer = new RunComputer(s);
        List<Trajectories.Step> expected = new java.util.ArrayList<>();
        List<Row> rerun = new java.util.ArrayList<>();
        for (long id : selected.stream().sorted().toList()) {
            for (Trajectories.Step step : Trajectories.record(computer, id, every)) {
                expected.add(step);
                rerun.add(TrajectorySchema.toRow(step));
            }
        }
        String rerunTable = report.resolveSibling(report.getFileName() + "-rerun-paths").toString();
        // The table as the paths job wrote it (its schema does not depend on how many rows it has).
        spark.createDataFrame(rerun.subList(0, 1), TrajectorySchema.SCHEMA).write().mode("overwrite")
                .parquet(rerunTable);
        Dataset<Row> table = spark.read().parquet(report.resolve(ReportLayout.TRAJECTORIES).toString());
        assertThat(table.schema()).isEqualTo(spark.read().parquet(rerunTable).schema());

        List<Row> rows = table.orderBy("run_id", "iteration").collectAsList();
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            Trajectories.Step got = TrajectorySchema.fromRow(rows.get(i));
            Trajectories.Step want = expected.get(i);
            assertThat(got.runId()).isEqualTo(want.runId());
            assertThat(got.iteration()).isEqualTo(want.iteration());
            assertThat(Double.doubleToRawLongBits(got.loss())).isEqualTo(Double.doubleToRawLongBits(want.loss()));
            assertThat(got.weights()).containsExactly(want.weights());
            assertThat(Double.doubleToRawLongBits(got.gradientNorm()))
                    .isEqualTo(Double.doubleToRawLongBits(want.gradientNorm()));
        }
    }

    @Test
    void theObservedDivergenceBoundaryBracketsTheTheoreticalOne() {
        SweepSpec quadratic = SpecLoader.parse("""
                loss: {function: quadratic, params: {diag: [1, 10]}}
                learning_rate: {linear: {from: 0.02, to: 0.3, count: 15}}
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 4}}
                stopping: {max_iterations: 5000, gradient_tolerance: 1.0e-8}
                """, "spec.yaml", "boundary", List.of(), DataResolver.NONE);
        SweepReport report = sweep(quadratic, "boundary", 0, false);
        SummaryRow row = report.summary().get(0);

        // 2 / max(diag) = 0.2: no run diverges at 0.2 or below, some do at 0.22.
        assertThat(row.largestStableRate()).isLessThanOrEqualTo(0.2).isCloseTo(0.2, within(1e-12));
        assertThat(row.smallestDivergingRate()).isGreaterThan(0.2).isCloseTo(0.22, within(1e-12));
        assertThat(row.medianCriticalRate()).isCloseTo(0.2, within(1e-6));
        assertThat(report.summary()).allSatisfy(r -> assertThat(r.largestStableRate()).isEqualTo(row.largestStableRate()));
        List<Row> runs = spark.read().parquet(dir.resolve("boundary").resolve(ReportLayout.RUNS).toString())
                .where("status = 'CONVERGED' AND learning_rate < 0.19").collectAsList();
        assertThat(runs).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getDouble(r.fieldIndex("sharpness"))).isCloseTo(10.0, within(1e-5));
            assertThat(r.getInt(r.fieldIndex("minimum"))).isZero();
        });
    }

    @Test
    void theHtmlReportIsSelfContainedAndItsImagesDecode() throws IOException {
        Path report = shared.resolve("report");
        HtmlReportBuilder.render(spark, spec, SpecWriter.toYaml(spec),
                new org.apache.hadoop.fs.Path(report.toUri()));

        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
        java.util.regex.Matcher links = java.util.regex.Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"")
                .matcher(html);
        int images = 0;
        while (links.find()) {
            Path target = report.resolve(links.group(1));
            assertThat(target).exists();
            if (links.group(1).endsWith(".png")) {
                java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(target.toFile());
                assertThat(image).isNotNull();
                assertThat(image.getWidth()).isGreaterThan(300);
                images++;
            }
        }
        // Loss and convergence charts, three contour panels, the basin map, loss curves.
        assertThat(images).isGreaterThanOrEqualTo(7);
        assertThat(html).contains("spark-himmelblau");
    }

    @Test
    void thePageASweepDrawsFromWhatItHoldsIsThePageItsTablesGiveInAnyRowOrder() throws IOException {
        // The sweep draws its page from the summary and the paths its tasks recorded, in hand.
        Path report = dir.resolve("drawn");
        try (ReportLocation location = ReportLocation.prepare(report.toString(), false, false, new Configuration(),
                "--out")) {
            SparkSweep.run(spark, spec, location, SweepOptions.defaults().withHtml(HtmlReportBuilder::render));
        }
        Map<String, String> drawn = pageFiles(report);
        assertThat(drawn).containsKey("report.html").hasSizeGreaterThan(7);

        // `gdsweep report` draws it again from the tables, the runs rewritten in reverse order.
        Path runs = report.resolve(ReportLayout.RUNS);
        Path reversed = dir.resolve("reversed-runs");
        spark.read().parquet(runs.toString()).orderBy(org.apache.spark.sql.functions.desc("run_id")).coalesce(1)
                .write().parquet(reversed.toString());
        try (Stream<Path> files = Files.list(runs)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        try (Stream<Path> files = Files.list(reversed)) {
            for (Path f : files.toList()) {
                Files.move(f, runs.resolve(f.getFileName()));
            }
        }
        assertThat(spark.read().parquet(runs.toString()).first().<Long>getAs("run_id")).isEqualTo(spec.grid().size() - 1);
        HtmlReportBuilder.render(spark, spec, Files.readString(report.resolve("spec.yaml")),
                new org.apache.hadoop.fs.Path(report.toUri()));

        assertThat(pageFiles(report)).isEqualTo(drawn);
    }

    /** report.html and each picture, by name: a digest of its bytes. */
    private static Map<String, String> pageFiles(Path report) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> pictures = Files.list(report.resolve("report-images"))) {
            for (Path p : Stream.concat(Stream.of(report.resolve("report.html")), pictures).toList()) {
                try {
                    files.put(p.getFileName().toString(), java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return files;
    }

    static void assertSameRun(Row row, RunRecord r) {
        RunResult x = r.result();
        assertThat(row.getString(row.fieldIndex("sweep"))).isEqualTo(r.sweep());
        assertThat(row.getLong(row.fieldIndex("run_id"))).isEqualTo(r.runId());
        assertThat(row.getString(row.fieldIndex("loss_config"))).isEqualTo(r.lossConfig());
        assertThat(row.<String, Double>getJavaMap(row.fieldIndex("loss_params"))).isEqualTo(r.lossParams());
        assertThat(row.getString(row.fieldIndex("optimizer"))).isEqualTo(r.optimizer().optimizer().label());
        assertThat(row.<String, Double>getJavaMap(row.fieldIndex("optimizer_params")))
                .isEqualTo(r.optimizer().params());
        assertThat(row.getString(row.fieldIndex("optimizer_config"))).isEqualTo(r.optimizer().label());
        assertThat(row.getString(row.fieldIndex("schedule"))).isEqualTo(r.schedule().label());
        assertThat((Double) row.getDouble(row.fieldIndex("learning_rate"))).isEqualTo((Double) r.learningRate());
        assertThat(doubles(row, "initial_weights")).containsExactly(r.initialWeights());
        assertThat(doubles(row, "final_weights")).containsExactly(x.finalWeights());
        assertThat((Double) row.getDouble(row.fieldIndex("initial_loss"))).isEqualTo((Double) x.initialLoss());
        assertThat((Double) row.getDouble(row.fieldIndex("final_loss"))).isEqualTo((Double) x.finalLoss());
        assertThat((Double) row.getDouble(row.fieldIndex("best_loss"))).isEqualTo((Double) x.bestLoss());
        assertThat(row.getLong(row.fieldIndex("iterations"))).isEqualTo(x.iterations());
        assertThat(row.getString(row.fieldIndex("status"))).isEqualTo(x.status().name());
        assertThat(row.getString(row.fieldIndex("stop_reason"))).isEqualTo(x.stopReason().label());
        assertThat((Double) row.getDouble(row.fieldIndex("gradient_norm"))).isEqualTo((Double) x.gradientNorm());
        assertThat(row.getString(row.fieldIndex("error"))).isEqualTo(x.error());
        assertThat(row.getBoolean(row.fieldIndex("oscillating"))).isEqualTo(x.oscillating());
        assertThat(row.getLong(row.fieldIndex("loss_increases"))).isEqualTo(x.lossIncreases());
        assertThat(row.isNullAt(row.fieldIndex("minimum")) ? null : row.getInt(row.fieldIndex("minimum")))
                .isEqualTo(r.analysis().minimum());
        assertThat(row.isNullAt(row.fieldIndex("sharpness")) ? null : row.getDouble(row.fieldIndex("sharpness")))
                .isEqualTo(r.analysis().sharpness());
        assertThat(row.getDouble(row.fieldIndex("elapsed_ms"))).isNotNegative();
    }

    static double[] doubles(Row row, String column) {
        return RunSchema.doubles(row, column);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
