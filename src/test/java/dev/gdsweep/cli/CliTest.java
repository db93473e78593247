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
        assertThat(r.out()).contains("patience: 3");
        assertThat(r.out()).contains("divergence_loss: 1.0E12");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateAnswersQuicklyForABillionRuns() throws IOException {
        String huge = SPEC.replace("count: 3}}", "count: [1000, 1000]}}").replace("count: 5", "count: 1000");
        Result r = execute("validate", spec(huge).toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("1000000000 = 1000 learning rates x 1000000 initial points");
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
