package dev.gdsweep.cli;

import static dev.gdsweep.cli.CliTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job run under run ids, listed, re-run idempotently and compared with gates, through the CLI: four
 * sweeps on Spark. The run id options alone are {@link CliTest}'s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledJobIT {

    @TempDir
    static Path dir;

    static Path job;
    static Path spec;

    @BeforeAll
    static void writeJob() throws IOException {
        job = dir.resolve("job");
        spec = Files.writeString(dir.resolve("job.yaml"), """
                name: job-${RUN_ID}
                loss: {function: himmelblau}
                learning_rate: {values: [0.001, 0.01, 0.02]}
                initial_weights: {grid: {min: [-5, -5], max: [5, 5], count: 5}}
                stopping: {max_iterations: 2000}
                output: {path: "%s"}
                gates: {max_converged_fraction_drop: 0.05}
                record: {trajectories: 0}
                """.formatted(job));
    }

    private static Result run(String runId, String... extra) {
        String[] args = Stream.concat(Stream.of("run", spec.toString(), "--run-id", runId, "--master", "local[2]",
                "--quiet", "--no-report"), Stream.of(extra)).toArray(String[]::new);
        return execute(args);
    }

    @Test
    @Order(1)
    void eachRunIdGetsItsOwnReportAndARerunReplacesIt() throws IOException {
        Result first = run("2026-11-28T0300Z");
        assertThat(first.code()).as(first.err()).isZero();
        Path report = job.resolve("run_id=2026-11-28T0300Z");
        assertThat(report.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(report.resolve("spec.yaml"))).contains("name: job-2026-11-28T0300Z");

        // A scheduler's retry of the same run id replaces exactly that run, without --overwrite.
        Path stale = report.resolve("runs").resolve("chunk-00099-part-00000-first-attempt.parquet");
        Files.writeString(stale, "from the first attempt");
        Result retry = run("2026-11-28T0300Z");
        assertThat(retry.code()).as(retry.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(report.resolve("_SUCCESS")).exists();
        try (Stream<Path> entries = Files.list(job)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("run_id=2026-11-28T0300Z");
        }
    }

    @Test
    @Order(2)
    void aSecondRunPassesTheGatesAgainstThePreviousOne() {
        Result second = run("2026-11-29T0300Z");
        assertThat(second.code()).as(second.err()).isZero();

        Result compare = execute("compare", job.toString(), "--baseline", "previous", "--candidate",
                "2026-11-29T0300Z", "--master", "local[1]");
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("Baseline 2026-11-28T0300Z, candidate 2026-11-29T0300Z")
                .contains("Gates passed.").doesNotContain("The specs differ");

        // A compare step scheduled after the sweep, which cannot know its run id.
        Result latest = execute("compare", job.toString(), "--baseline", "previous", "--candidate", "latest",
                "--master", "local[1]");
        assertThat(latest.code()).as(latest.err()).isZero();
        assertThat(latest.out()).contains("Baseline 2026-11-28T0300Z, candidate 2026-11-29T0300Z");

        Result runs = execute("runs", job.toString());
        assertThat(runs.out()).containsPattern("2026-11-28T0300Z\\s+complete\\s+\\S+\\s+75\\s+75")
                .containsPattern("2026-11-29T0300Z\\s+complete");
    }

    @Test
    @Order(3)
    void aRegressionCrossesTheGateAndExitsThree() {
        // Fewer iterations: fewer runs converge at the small learning rate.
        Result worse = run("2026-11-30T0300Z", "--set", "stopping.max_iterations=300");
        assertThat(worse.code()).as(worse.err()).isZero();

        Result compare = execute("compare", job.toString(), "--baseline", "2026-11-29T0300Z", "--candidate",
                "2026-11-30T0300Z", "--master", "local[1]");
        assertThat(compare.code()).isEqualTo(ExitCodes.GATE_CROSSED);
        assertThat(compare.out()).contains("GATE CROSSED: max_converged_fraction_drop = 0.05, but gd, constant, lr 0.001")
                .contains("The specs differ: stopping.max_iterations (");

        // A gate given on the command line wins over the spec's.
        Result lenient = execute("compare", job.toString(), "--baseline", "2026-11-29T0300Z", "--candidate",
                "2026-11-30T0300Z", "--max-converged-fraction-drop", "1", "--master", "local[1]");
        assertThat(lenient.code()).isZero();
    }

    @Test
    @Order(4)
    void unknownRunsAreBadInputAndAFirstRunHasNothingToCompare() {
        Result unknown = execute("compare", job.toString(), "--baseline", "nope", "--candidate", "2026-11-29T0300Z");
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("--baseline: no run 'nope'");
        Result first = execute("compare", job.toString(), "--baseline", "previous", "--candidate", "2026-11-28T0300Z");
        assertThat(first.code()).isZero();
        assertThat(first.out()).contains("No complete run before 2026-11-28T0300Z: nothing to compare.");
    }
}
