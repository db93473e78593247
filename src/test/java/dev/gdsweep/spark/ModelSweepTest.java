package dev.gdsweep.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.engine.Status;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.SpecException;
import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models over real data sets, through the spec, on Spark: the data is read once and broadcast. */
class ModelSweepTest extends SparkTestBase {

    @TempDir
    Path dir;

    private static final String GRID = """
            learning_rate: {log: {from: 0.01, to: 10, count: 4}}
            initial_weights: {random: {count: 2, distribution: normal, scale: 0.1, seed: 5}}
            stopping: {max_iterations: 400, patience: 20}
            """;

    private SweepSpec parse(String loss) {
        return SpecLoader.parse("name: iris\nloss:\n" + loss + GRID, "spec.yaml", "s", List.of(),
                new HadoopDataResolver(new Configuration()));
    }

    private List<RunRecord> sparkRuns(SweepSpec spec, String name) {
        try (ReportLocation location = ReportLocation.prepare(dir.resolve(name).toString(), false, false,
                new Configuration(), "--out")) {
            SparkSweep.run(spark, spec, location, SweepOptions.defaults().withPartitions(3));
        }
        List<Row> rows = spark.read().parquet(dir.resolve(name).resolve(ReportLayout.RUNS).toString())
                .orderBy("run_id").collectAsList();
        List<RunRecord> expected = LocalSweep.run(spec);
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            SparkSweepTest.assertSameRun(rows.get(i), expected.get(i));
        }
        return expected;
    }

    @Test
    void csvLibsvmAndParquetCopiesOfIrisGiveIdenticalRuns() {
        // Parquet written by Spark from the CSV: a directory of part files, as users will have.
        String parquet = dir.resolve("iris.parquet").toString();
        spark.read().option("header", "true").option("inferSchema", "true").csv("conf/data/iris.csv")
                .coalesce(2).write().parquet(parquet);
        String data = "    standardize: true\n    validation_fraction: 0.3\n    seed: 2\n";
        SweepSpec csv = parse("  model: softmax_regression\n  data:\n    path: conf/data/iris.csv\n"
                + "    label: species\n" + data);
        SweepSpec libsvm = parse("  model: softmax_regression\n  data:\n    path: conf/data/iris.libsvm\n" + data);
        SweepSpec fromParquet = parse("  model: softmax_regression\n  data:\n    path: " + parquet + "\n"
                + "    format: parquet\n    label: species\n" + data);

        List<RunRecord> a = LocalSweep.run(csv);
        List<RunRecord> b = LocalSweep.run(libsvm);
        List<RunRecord> c = sparkRuns(fromParquet, "parquet");
        assertThat(a).hasSize(8);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).result()).isEqualTo(a.get(i).result());
            assertThat(c.get(i).result()).isEqualTo(a.get(i).result());
            assertThat(b.get(i).analysis()).isEqualTo(a.get(i).analysis());
            assertThat(c.get(i).analysis()).isEqualTo(a.get(i).analysis());
        }
    }

    @Test
    void validationColumnsAndTheSummarysBestValidationLoss() {
        SweepSpec spec = parse("""
                  model: logistic_regression
                  data:
                    path: conf/data/penguins.csv
                    label: sex
                    features: [bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g]
                    standardize: true
                    validation_fraction: 0.25
                    missing: drop
                  l2: 0.001
                """);
        List<RunRecord> runs = sparkRuns(spec, "validation");
        Row summary = spark.read().parquet(dir.resolve("validation").resolve(ReportLayout.SUMMARY).toString())
                .orderBy("learning_rate").first();
        double best = runs.stream().filter(r -> r.learningRate() == 0.01
                        && r.result().status() != Status.DIVERGED)
                .mapToDouble(r -> r.analysis().validationLoss()).min().orElseThrow();
        assertThat(summary.getDouble(summary.fieldIndex("best_validation_loss"))).isEqualTo(best);
        for (RunRecord r : runs) {
            if (r.result().status() == Status.DIVERGED) {
                continue;
            }
            // Sex from body measurements: far better than chance, far from perfect.
            assertThat(r.analysis().trainAccuracy()).isBetween(0.5, 1.0);
            assertThat(r.analysis().validationAccuracy()).isBetween(0.5, 1.0);
            assertThat(r.analysis().validationLoss()).isPositive();
            assertThat(r.analysis().sharpness()).isNull();
        }
        assertThat(runs.stream().mapToDouble(r -> r.analysis().validationAccuracy() == null ? 0
                : r.analysis().validationAccuracy()).max().orElseThrow()).isGreaterThan(0.8);
    }

    @Test
    void miniBatchSizesAreAnAxisAndGiveTheSameRowsOnSpark() {
        SweepSpec spec = SpecLoader.parse("""
                name: batches
                loss:
                  model: softmax_regression
                  data: {path: conf/data/iris.csv, label: species, standardize: true}
                batch_size: [full, 16]
                learning_rate: [0.1, 1.0]
                initial_weights: {random: {count: 3, distribution: normal, scale: 0.1, seed: 2}}
                stopping: {max_iterations: 300}
                """, "spec.yaml", "s", List.of(), new HadoopDataResolver(new Configuration()));
        assertThat(spec.grid().size()).isEqualTo(12);
        List<RunRecord> runs = sparkRuns(spec, "batches");
        assertThat(runs.subList(0, 6)).allSatisfy(r -> assertThat(r.batchSize()).isZero());
        assertThat(runs.subList(6, 12)).allSatisfy(r -> assertThat(r.batchSize()).isEqualTo(16));
        // Same start, same rate: full batch and mini-batches take different paths to similar losses.
        RunRecord full = runs.get(3);
        RunRecord batched = runs.get(9);
        assertThat(batched.initialWeights()).containsExactly(full.initialWeights());
        assertThat(batched.result().finalWeights()).isNotEqualTo(full.result().finalWeights());
        assertThat(batched.analysis().trainAccuracy()).isGreaterThan(0.8);
        assertThatThrownBy(() -> SpecLoader.parse("""
                loss: {function: booth}
                batch_size: [full, 8]
                learning_rate: 0.1
                initial_weights: {points: [[0, 0]]}
                """, "spec.yaml", "s", List.of(), new LocalDataResolver()))
                .hasMessage("spec.yaml:2: batch_size[1]: mini-batches need a model over data (loss: {model: ...}); "
                        + "use full, got 8");
        assertThatThrownBy(() -> SpecLoader.parse("""
                loss: {model: softmax_regression, data: {path: conf/data/iris.csv, label: species}}
                batch_size: 151
                learning_rate: 0.1
                initial_weights: {zeros: true}
                """, "spec.yaml", "s", List.of(), new LocalDataResolver()))
                .hasMessage("spec.yaml:2: batch_size: must be full or a number of rows from 1 to the 150 training "
                        + "rows, got 151");
    }

    @Test
    void aModelsPathsFullBatchAndMiniBatchAreRecordedInTheChunkTasksAsAReRunRecordsThem() {
        SweepSpec spec = SpecLoader.parse("""
                name: model-paths
                loss:
                  model: softmax_regression
                  data: {path: conf/data/iris.csv, label: species, standardize: true, validation_fraction: 0.2}
                batch_size: [full, 16]
                learning_rate: {log: {from: 0.01, to: 10, count: 4}}
                initial_weights: {random: {count: 3, distribution: normal, scale: 0.1, seed: 5}}
                stopping: {max_iterations: 300, patience: 20}
                record: {trajectories: 12, every: 4}
                limits: {chunk_runs: 10}
                """, "spec.yaml", "s", List.of(), new HadoopDataResolver(new Configuration()));
        RecordedPaths progress = new RecordedPaths();
        try (ReportLocation location = ReportLocation.prepare(dir.resolve("paths").toString(), false, false,
                new Configuration(), "--out")) {
            SparkSweep.run(spark, spec, location, SweepOptions.defaults().withPartitions(2).withProgress(progress));
        }

        assertThat(progress.recorded()).isEqualTo(dev.gdsweep.sweep.Trajectories.select(spec.grid(), spec.record()).size())
                .isPositive();
        SparkSweepTest.assertPathsAreAReRun(dir.resolve("paths"), spec);
    }

    @Test
    void anL2AxisSharesOneBroadcastOfTheDataAndGivesTheRowsOfEachL2Alone() {
        String model = "  model: softmax_regression\n  data: {path: conf/data/iris.csv, label: species, standardize: true,"
                + " validation_fraction: 0.3, seed: 2}\n  l2: L2\n";
        SweepSpec axis = parse(model.replace("L2", "[0, 0.01]"));
        List<RunRecord> rows = sparkRuns(axis, "l2-axis");

        assertThat(rows).hasSize(16);
        for (int s = 0; s < 2; s++) {
            List<RunRecord> alone = LocalSweep.run(parse(model.replace("L2", s == 0 ? "0" : "0.01")));
            for (int i = 0; i < alone.size(); i++) {
                RunRecord r = rows.get(8 * s + i);
                assertThat(r.lossConfig()).isEqualTo(alone.get(i).lossConfig());
                assertThat(r.result()).isEqualTo(alone.get(i).result());
                assertThat(r.analysis()).isEqualTo(alone.get(i).analysis());
            }
        }
        assertThat(rows.get(15).lossParams()).containsEntry("l2", 0.01);
    }

    @Test
    void linearRegressionOnAnscombeReachesTheLeastSquaresLine() {
        SweepSpec spec = SpecLoader.parse("""
                loss:
                  model: linear_regression
                  data: {path: conf/data/anscombe.csv, label: y, features: [x]}
                learning_rate: [0.01]
                initial_weights: {zeros: true}
                stopping: {max_iterations: 200000, gradient_tolerance: 1.0e-10}
                """, "spec.yaml", "s", List.of(), new LocalDataResolver());
        RunRecord run = LocalSweep.run(spec).get(0);
        // Anscombe's quartet: every series has the same least-squares line, y = 3.00 + 0.500x.
        // The normal equations over all 44 rows, solved here in closed form.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        try {
            for (String line : Files.readAllLines(Path.of("conf/data/anscombe.csv")).subList(1, 45)) {
                String[] cells = line.split(",");
                double x = Double.parseDouble(cells[1]);
                double y = Double.parseDouble(cells[2]);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        assertThat(run.result().status()).isEqualTo(Status.CONVERGED);
        assertThat(run.result().finalWeights()).containsExactly(new double[] {slope, intercept}, within(1e-6));
        assertThat(slope).isCloseTo(0.5, within(0.01));
    }

    @Test
    void dataMistakesAreSpecErrorsWithFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,x\n3,oops,y\n");
        assertThatThrownBy(() -> parse("  model: logistic_regression\n  data: {path: " + bad + ", label: label, "
                + "features: [a, b]}\n"))
                .isInstanceOf(SpecException.class)
                .hasMessage(bad + ":3: b: not a number, got \"oops\"");
        assertThatThrownBy(() -> parse("  model: logistic_regression\n  data: {path: conf/data/iris.csv, label: "
                + "species}\n"))
                .hasMessageContaining("logistic regression needs 2 classes, but the label 'species' has 3 "
                        + "(setosa, versicolor, virginica); use model: softmax_regression");
        assertThatThrownBy(() -> parse("  model: softmax_regression\n  data: {path: " + dir.resolve("none.csv")
                + ", label: y}\n"))
                .hasMessage(dir.resolve("none.csv") + ": data file not found");
        assertThatThrownBy(() -> parse("  model: softmax_regression\n  hidden: [4]\n  data: {path: conf/data/iris.csv, "
                + "label: species}\n"))
                .hasMessage("spec.yaml:4: loss.hidden: only for model: mlp");
    }
}
