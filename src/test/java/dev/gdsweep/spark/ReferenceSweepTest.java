package dev.gdsweep.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.console.SummaryPrinter;
import dev.gdsweep.html.HtmlReportBuilder;
import dev.gdsweep.loss.model.ModelLoss;
import dev.gdsweep.report.SeaLevel;
import dev.gdsweep.report.SweepReport;
import dev.gdsweep.spec.LossSpec;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.store.ReportLayout;
import dev.gdsweep.store.ReportLocation;
import dev.gdsweep.sweep.ReferenceOptimum;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reference optimum of convex models on Spark: spark.ml's parameters make its objective the
 * product's (its raw answer already has a vanishing gradient under the product's loss), and a sweep
 * writes {@code reference/}, the runs' {@code loss_gap} and {@code distance_to_minimum}, and the
 * summary's {@code reference_loss}. On data of its own: three features on different scales.
 */
class ReferenceSweepTest extends SparkTestBase {

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeData() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        StringBuilder csv = new StringBuilder("a,b,c,target,kind,species\n");
        for (int i = 0; i < 150; i++) {
            double a = gaussian(rnd);
            double b = gaussian(rnd);
            double c = gaussian(rnd);
            double score = a - 0.6 * b + 0.3 * c + 1.2 * gaussian(rnd);
            String kind = score > 0.2 ? "yes" : "no";
            String species = i < 3 ? "s" + i : score < -0.8 ? "s0" : score < 0.8 ? "s1" : "s2";
            csv.append(String.format(Locale.ROOT, "%.6f,%.4f,%.2f,%.6f,%s,%s%n", 5 + a, 100 + 30 * b, 2000 + 400 * c,
                    3 + 2 * a - b + 0.5 * gaussian(rnd), kind, species));
        }
        Files.writeString(data.resolve("rows.csv"), csv);
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static SweepSpec spec(String model, String label, String l2, boolean standardize, String extra) {
        return SpecLoader.parse("""
                name: reference
                loss:
                  model: MODEL
                  data:
                    path: PATH
                    label: LABEL
                    features: [a, b, c]
                    standardize: STD
                    validation_fraction: 0.2
                    seed: 3
                  l2: L2
                EXTRA
                learning_rate: {values: [0.1, 3, 1000]}
                initial_weights: {zeros: true}
                stopping: {max_iterations: 2000}
                """.replace("MODEL", model).replace("PATH", data.resolve("rows.csv").toString())
                .replace("LABEL", label).replace("STD", String.valueOf(standardize)).replace("L2", l2)
                .replace("EXTRA", extra), "spec.yaml", "s", List.of(), new HadoopDataResolver(new Configuration()));
    }

    @ParameterizedTest
    @CsvSource({
        "linear_regression, target, 0, false", "linear_regression, target, 0.1, false",
        "linear_regression, target, 0.1, true",
        "logistic_regression, kind, 0, false", "logistic_regression, kind, 0.01, true",
        "softmax_regression, species, 0, true", "softmax_regression, species, 0.01, false"})
    void sparkMlSolvesTheProductsObjectiveAndTheReferenceIsCertified(String model, String label, double l2,
            boolean standardize) {
        LossSpec.Model loss = (LossSpec.Model) spec(model, label, String.valueOf(l2), standardize, "").loss();
        ModelLoss objective = loss.build();
        double[] raw = MllibReference.rawWeights(spark, loss);
        double[] gradient = new double[objective.dimension()];
        objective.valueAndGradient(raw, gradient);
        double independent = ReferenceOptimum.solve(objective).loss();

        Reference reference = MllibReference.compute(spark, loss);

        // The mapping of regParam (and the layout) is right: spark.ml's own answer is already at the bottom.
        assertThat(norm(gradient)).as("gradient at spark.ml's answer").isLessThan(1e-5);
        assertThat(objective.value(raw)).isCloseTo(independent, within(1e-9 * independent));
        assertThat(reference.certified()).isTrue();
        assertThat(reference.optimum().gradientNorm()).isLessThan(ReferenceOptimum.CERTIFIED_GRADIENT_NORM);
        assertThat(reference.loss()).isCloseTo(independent, within(1e-12 * independent));
        assertThat(reference.solver()).startsWith("spark.ml ");
        assertThat(reference.lossConfig()).isEqualTo(loss.config());
    }

    @Test
    void aSweepWritesTheReferenceTableTheLossGapAndTheSeaLevel() throws IOException {
        SweepSpec spec = spec("logistic_regression", "kind", "[0, 0.01]", true, "");
        SweepReport report;
        try (ReportLocation location = ReportLocation.prepare(dir.resolve("gap").toString(), false, false,
                new Configuration(), "--out")) {
            report = SparkSweep.run(spark, spec, location, SweepOptions.defaults().withPartitions(2)
                    .withHtml(HtmlReportBuilder::render));
        }

        List<Row> references = spark.read().parquet(dir.resolve("gap").resolve(ReportLayout.REFERENCE).toString())
                .orderBy("loss_config").collectAsList();
        assertThat(references).hasSize(2);
        Map<String, Double> seaLevel = new HashMap<>();
        for (Row r : references) {
            assertThat(r.<Boolean>getAs("certified")).isTrue();
            assertThat(r.<Boolean>getAs("unique")).isTrue();
            assertThat(RunSchema.doubles(r, "weights")).hasSize(4);
            assertThat(r.<String>getAs("solver")).isEqualTo("spark.ml LogisticRegression L-BFGS");
            seaLevel.put(r.getAs("loss_config"), r.getAs("loss"));
        }
        assertThat(seaLevel).containsOnlyKeys("logistic_regression(l2=0)", "logistic_regression(l2=0.01)");
        // The penalty raises the bottom.
        assertThat(seaLevel.get("logistic_regression(l2=0.01)")).isGreaterThan(seaLevel.get("logistic_regression(l2=0)"));

        List<Row> runs = spark.read().parquet(dir.resolve("gap").resolve(ReportLayout.RUNS).toString())
                .orderBy("run_id").collectAsList();
        String[] columns = runs.get(0).schema().fieldNames();
        assertThat(columns[columns.length - 1]).isEqualTo("loss_gap");
        int converged = 0;
        for (Row r : runs) {
            String status = r.getAs("status");
            if (status.equals("DIVERGED")) {
                assertThat(r.isNullAt(r.fieldIndex("loss_gap"))).isTrue();
                continue;
            }
            double gap = r.<Double>getAs("loss_gap");
            assertThat(gap).isEqualTo(r.<Double>getAs("final_loss") - seaLevel.get(r.<String>getAs("loss_config")));
            assertThat(gap).as("no run goes below the sea level").isGreaterThan(-1e-12);
            double distance = r.<Double>getAs("distance_to_minimum");
            if (status.equals("CONVERGED")) {
                converged++;
                // ‖∇L‖ ≤ 1e-6 at a strongly convex bottom: close in loss, and close in weights.
                assertThat(gap).isLessThan(1e-9);
                assertThat(distance).isLessThan(1e-3);
            } else {
                assertThat(distance).isPositive();
            }
        }
        assertThat(converged).isPositive();

        List<Row> summary = spark.read().parquet(dir.resolve("gap").resolve(ReportLayout.SUMMARY).toString())
                .collectAsList();
        for (Row r : summary) {
            assertThat(r.<Double>getAs("reference_loss")).isEqualTo(seaLevel.get(r.<String>getAs("loss_config")));
        }
        assertThat(Files.readString(dir.resolve("gap").resolve(ReportLayout.INFO))).contains("reference_loss:");
        assertThat(report.seaLevels()).extracting(SeaLevel::lossConfig)
                .containsExactly("logistic_regression(l2=0)", "logistic_regression(l2=0.01)");
        assertThat(report.seaLevels()).allMatch(SeaLevel::certified);
        StringWriter console = new StringWriter();
        SummaryPrinter.print(report, new PrintWriter(console));
        assertThat(console.toString()).contains("Sea level, logistic_regression(l2=0.01): loss "
                + SummaryPrinter.number(seaLevel.get("logistic_regression(l2=0.01)"))
                + " (spark.ml LogisticRegression L-BFGS, ");
        String page = Files.readString(dir.resolve("gap").resolve(ReportLayout.HTML));
        assertThat(page).contains("logistic_regression(l2=0.01), gd, constant at its best learning rate (η = ")
                .contains("spark.ml LogisticRegression L-BFGS: ");
    }

    @Test
    void aResumedSweepMeasuresEveryChunkFromTheReferenceItsFirstAttemptWrote() {
        // One chunk of 2 runs, then the time budget is out: a partial report, resumed without the budget.
        SweepSpec partial = spec("logistic_regression", "kind", "0.01", false,
                "limits: {chunk_runs: 2, max_seconds: 0.001}");
        SweepSpec whole = spec("logistic_regression", "kind", "0.01", false, "limits: {chunk_runs: 2}");
        Path out = dir.resolve("resumed");
        try (ReportLocation location = ReportLocation.prepare(out.toString(), false, false, new Configuration(),
                "--out")) {
            assertThat(SparkSweep.run(spark, partial, location, SweepOptions.defaults().withPartitions(1)).info()
                    .complete()).isFalse();
        }
        Row first = spark.read().parquet(out.resolve(ReportLayout.REFERENCE).toString()).first();

        SweepReport resumed;
        try (ReportLocation location = ReportLocation.prepare(out.toString(), false, true, new Configuration(),
                "--out")) {
            resumed = SparkSweep.run(spark, whole, location, SweepOptions.defaults().withPartitions(1).withResume(true));
        }

        assertThat(resumed.info().complete()).isTrue();
        assertThat(resumed.info().runsResumed()).isBetween(1L, 5L); // the first chunk, kept
        Row again = spark.read().parquet(out.resolve(ReportLayout.REFERENCE).toString()).first();
        // Read back, not fitted again: even spark.ml's time is the first attempt's.
        assertThat(again).isEqualTo(first);
        double seaLevel = first.<Double>getAs("loss");
        List<Row> runs = spark.read().parquet(out.resolve(ReportLayout.RUNS).toString()).where("status != 'DIVERGED'")
                .collectAsList();
        assertThat(runs).isNotEmpty();
        for (Row r : runs) {
            assertThat(r.<Double>getAs("loss_gap")).isEqualTo(r.<Double>getAs("final_loss") - seaLevel);
        }
    }

    @Test
    void referenceNoneAndAnMlpHaveNoReference() {
        run(spec("logistic_regression", "kind", "0.01", true, "  reference: none"), "none");
        run(spec("mlp", "kind", "0.01", true, "  hidden: [2]"), "mlp");

        for (String name : new String[] {"none", "mlp"}) {
            assertThat(dir.resolve(name).resolve(ReportLayout.REFERENCE)).doesNotExist();
            assertThat(spark.read().parquet(dir.resolve(name).resolve(ReportLayout.RUNS).toString())
                    .where("loss_gap IS NOT NULL").count()).isZero();
            assertThat(spark.read().parquet(dir.resolve(name).resolve(ReportLayout.SUMMARY).toString())
                    .where("reference_loss IS NOT NULL").count()).isZero();
        }
    }

    private SweepReport run(SweepSpec spec, String name) {
        try (ReportLocation location = ReportLocation.prepare(dir.resolve(name).toString(), false, false,
                new Configuration(), "--out")) {
            return SparkSweep.run(spark, spec, location, SweepOptions.defaults().withPartitions(2));
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
