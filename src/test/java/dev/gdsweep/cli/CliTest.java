package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.BuiltinLosses;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands that start no Spark, driven through picocli's execute() as a user would. */
class CliTest {

    static final String SPEC = """
            name: cli
            loss: {function: quadratic, params: {diag: [1, 10]}}
            learning_rate: {linear: {from: 0.05, to: 0.25, count: 5}}
            initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 3}}
            stopping: {max_iterations: 2000}
            """;

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path spec(String text) throws IOException {
        return Files.writeString(dir.resolve("spec.yaml"), text);
    }

    @Test
    void validatePrintsTheGridAndTheResolvedSpec() throws IOException {
        Result r = execute("validate", spec(SPEC).toString(), "--set", "stopping.patience=3");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("runs:            45 = 5 learning rates x 9 initial points");
        // 45 runs x (64 + 10 x 2) bytes; all 45 paths recorded, each at most 2,000 steps + 2 rows of 20 + 8 x 2 bytes.
        assertThat(r.out()).contains("report size:     up to ~4.2 MB: runs ~3.8 KB (45 x ~84 bytes), trajectories up"
                + " to 3.2 MB (45 paths x up to 2002 rows x ~36 bytes), summary, page and pictures ~1.0 MB"
                + System.lineSeparator() + "                   (from the bytes per row of the example reports; paths"
                + " that stop early are shorter)");
        assertThat(r.out()).contains("patience: 3");
        assertThat(r.out()).contains("divergence_loss: 1.0E12");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateStatesTheRecommendationsShareAndABadOneIsExitTwo() throws IOException {
        Result r = execute("validate", spec(SPEC).toString());

        assertThat(r.out()).contains("recommendation:  among the rates where at least 95% of the starts converge "
                + "(recommend.min_share 0.95)");
        assertThat(execute("validate", spec(SPEC + "recommend: {min_share: 0.9}\n").toString()).out())
                .contains("at least 90% of the starts converge (recommend.min_share 0.9)")
                .contains("recommend: {min_share: 0.9}\n");
        Path bad = spec(SPEC + "recommend: {min_share: 1.5}\n");
        Result refused = execute("validate", bad.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).startsWith("error: " + bad + ":").contains(": recommend.min_share: must be > 0 and <= 1")
                .contains("got 1.5");
    }

    @Test
    void validatePrintsTheLossSettingsAxisFirst() throws IOException {
        Result r = execute("validate", spec(SPEC.replace("diag: [1, 10]", "diag: [[1, 10], [1, 100]]")).toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("loss settings:   2: quadratic(diag=[1, 10]); quadratic(diag=[1, 100])");
        assertThat(r.out()).contains("runs:            90 = 2 loss settings x 5 learning rates x 9 initial points");
        assertThat(r.out()).contains("    diag:\n    - [1.0, 10.0]\n    - [1.0, 100.0]\n");
    }

    @Test
    void aGridOfLossSettingsOverTheLimitIsRefusedWithExitTwo() throws IOException {
        String huge = SPEC.replace("count: 3}}", "count: [1000, 1000]}}").replace("count: 5", "count: 1000")
                .replace("diag: [1, 10]", "diag: [[1, 10], [1, 100]]");
        Result r = execute("validate", spec(huge).toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("the grid has 2 loss settings x 1000 learning rates x 1000000 initial points = "
                + "2000000000 runs, more than limits.max_runs = 1000000000");
    }

    @Test
    void validateAnswersQuicklyForABillionRuns() throws IOException {
        String huge = SPEC.replace("count: 3}}", "count: [1000, 1000]}}").replace("count: 5", "count: 1000");
        Result r = execute("validate", spec(huge).toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1000000000 = 1000 learning rates x 1000000 initial points");
        // Issue 19: a sweep with raised limits gave no idea of what it would write.
        assertThat(r.out()).contains("report size:     up to ~84.0 GB: runs ~84.0 GB (1000000000 x ~84 bytes)");
    }

    // Issue 19: a column numeric but for one cell was left out of the features in silence.
    @Test
    void theDataLineNamesTheColumnsLeftOutForHavingNoNumbers() throws IOException {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "a,name,b,y\n1,x,2,10\n3,y,4,20\n5,z,7,35\n");
        String model = "loss: {model: linear_regression, data: {path: " + csv + ", label: y}}\n"
                + "learning_rate: 0.01\ninitial_weights: {zeros: true}\n";

        Result r = execute("validate", spec(model).toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("data:            " + csv + ": 3 rows, 2 features [a, b] (not used, no numbers "
                + "in them: name)");

        Files.writeString(csv, "a,name,b,y\n1,x,2,10\n3,y,4 4,20\n5,z,7,35\n");
        Result mixed = execute("validate", spec(model).toString());

        assertThat(mixed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(mixed.err()).startsWith("error: " + csv + ":3: b: not a number, got \"4 4\", in a column that "
                + "holds numbers (line 2: \"2\")");
    }

    @Test
    void aGridOverTheLimitIsRefusedWithExitTwo() throws IOException {
        String huge = SPEC.replace("count: 3}}", "count: [1000, 1001]}}").replace("count: 5", "count: 1000");
        Result r = execute("validate", spec(huge).toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("more than limits.max_runs = 1000000000");
    }

    @Test
    void aBadSpecGivesOneLineAndExitTwoWithoutAStackTrace() throws IOException {
        Path file = spec(SPEC.replace("max_iterations: 2000", "max_iterations: -5"));
        for (String command : new String[] {"validate", "run"}) {
            Result r = execute(command, file.toString());

            assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).isEqualTo("error: " + file + ":5: stopping.max_iterations: must be >= 0, got -5"
                    + System.lineSeparator());
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void runRefusesAnExistingReportBeforeStartingSpark() throws IOException {
        Path out = Files.createDirectories(dir.resolve("report"));
        Files.writeString(out.resolve("keep"), "x");
        Result r = execute("run", spec(SPEC).toString(), "--out", out.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--out: output directory '" + out + "' already exists and is not a gdsweep "
                + "report (it holds keep), so --overwrite cannot replace it: choose another output path, or move "
                + "those files away");
        assertThat(out.resolve("keep")).hasContent("x");
        assertThat(r.out()).doesNotContain("Sweep");
    }

    @Test
    void malformedOptionsAreUsageErrors() throws IOException {
        Path file = spec(SPEC);
        assertThat(execute("run", file.toString(), "--partitions", "many").code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(execute("run", file.toString(), "--set", "no-equals-sign").err())
                .contains("expected KEY=VALUE");
        assertThat(execute("validate").code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(execute("sweep-everything").code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(execute().code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void withoutACommandItNamesEveryCommand() {
        Result r = execute();
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("missing command: run, validate, functions, check-loss, report, runs, compare "
                + "or help" + System.lineSeparator());
    }

    @Test
    void badOptionValuesAreUsageErrorsThatNameTheOptionTheRuleAndTheValue() throws IOException {
        Path file = spec(SPEC);
        Result partitions = execute("run", file.toString(), "--partitions", "-1");
        assertThat(partitions.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(partitions.err()).startsWith("Invalid value for option '--partitions': must be >= 0 (0: from the "
                + "chunk size and the cores), got -1" + System.lineSeparator()).contains("Usage: gdsweep run");
        assertThat(execute("check-loss", file.toString(), "--points", "0").err())
                .startsWith("Invalid value for option '--points': must be >= 1, got 0");
        assertThat(execute("check-loss", file.toString(), "--tolerance", "NaN").err())
                .startsWith("Invalid value for option '--tolerance': must be > 0, got NaN");
        assertThat(execute("compare", dir.toString(), "--baseline", "a", "--candidate", "b",
                "--max-best-loss-increase", "-0.1").err())
                .startsWith("Invalid value for option '--max-best-loss-increase': must be a finite number >= 0, "
                        + "got -0.1");
        Result gate = execute("compare", dir.toString(), "--baseline", "a", "--candidate", "b",
                "--max-converged-fraction-drop", "Infinity");
        assertThat(gate.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(gate.err()).startsWith("Invalid value for option '--max-converged-fraction-drop': must be a "
                + "finite number >= 0, got Infinity");
    }

    @Test
    void zeroPartitionsMeansFromTheChunkSizeAndTheCores() throws IOException {
        Path out = Files.createDirectories(dir.resolve("report"));
        Files.writeString(out.resolve("keep"), "x");
        // Accepted: the run goes on to its next check, the output location, before Spark starts.
        Result r = execute("run", spec(SPEC).toString(), "--out", out.toString(), "--partitions", "0");

        assertThat(r.err()).contains("already exists and is not a gdsweep report");
    }

    @Test
    void aRunIdIsADirectoryUnderTheOutputPathOrUnderOut() throws IOException {
        Path file = spec(SPEC + "output: {path: " + dir.resolve("job") + "}\n");
        Result r = execute("validate", file.toString(), "--run-id", "2026-11-28T0300Z");
        assertThat(r.out()).contains("output:          " + dir.resolve("job/run_id=2026-11-28T0300Z"));
        Result out = execute("validate", file.toString(), "--run-id", "2026-11-28T0300Z", "--out",
                dir.resolve("elsewhere").toString());
        assertThat(out.out()).contains("output:          " + dir.resolve("elsewhere/run_id=2026-11-28T0300Z"));
        assertThat(execute("validate", file.toString(), "--out", dir.resolve("plain").toString()).out())
                .contains("output:          " + dir.resolve("plain") + System.lineSeparator());

        Result badId = execute("validate", file.toString(), "--run-id", "../escape");
        assertThat(badId.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badId.err()).contains("Invalid value for option '--run-id': must be letters, digits and . _ : + -");

        // now is the current UTC minute
        Result now = execute("validate", file.toString(), "--run-id", "now");
        assertThat(now.code()).as(now.err()).isZero();
        assertThat(now.out()).containsPattern("output: +.*/job/run_id=\\d{4}-\\d{2}-\\d{2}T\\d{4}Z");
    }

    @Test
    void aMissingSpecFileIsNamed() {
        Result r = execute("validate", dir.resolve("missing.yaml").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: " + dir.resolve("missing.yaml") + ": spec file not found"
                + System.lineSeparator());
    }

    @Test
    void functionsListsEveryBuiltIn() {
        Result r = execute("functions");
        assertThat(r.code()).isZero();
        for (String name : BuiltinLosses.names()) {
            assertThat(r.out()).contains(name + System.lineSeparator() + "  formula:");
        }
        assertThat(r.out()).contains("param:     b = 100.0: valley steepness, > 0");

        Result one = execute("functions", "himmelblau");
        assertThat(one.out()).startsWith("himmelblau").doesNotContain("rosenbrock");
        assertThat(execute("functions", "nope").code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void helpListsTheExitCodes() {
        Result r = execute("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("2   bad input");
    }
}
