package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gdsweep run} end to end, Spark included: what a user types and what they get. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsASweepPrintsTheSummaryAndWritesACompleteReport() throws IOException {
        Path spec = Files.writeString(dir.resolve("quadratic.yaml"), CliTest.SPEC);
        Path out = dir.resolve("report");

        CliTest.Result r = CliTest.execute("run", spec.toString(), "--out", out.toString(), "--master", "local[2]",
                "--set", "stopping.max_iterations=3000", "--timings");

        assertThat(r.code()).as(r.err()).isZero();
        // --timings: each phase once, in the order the sweep goes through them, after the summary.
        assertThat(r.out()).containsPattern("\\n  JVM start and checks +\\d+\\.\\d\\d s +\\d+\\.\\d%\\n");
        assertThat(r.out().indexOf("Time by phase:")).isGreaterThan(r.out().indexOf("Open: "));
        assertThat(r.out().substring(r.out().indexOf("Time by phase:")).lines().map(l -> l.strip().split(" {2,}")[0])
                .toList()).containsExactly("Time by phase:", "JVM start and checks", "starting Spark", "grid", "paths",
                        "summary", "report", "stopping Spark", "total");
        assertThat(r.out()).contains("Sweep cli: 45 runs (5 learning rates x 9 initial points) of quadratic");
        // diag [1, 10]: divergence starts above lr = 2/10. At 0.2 the steep coordinate flips sign forever
        // (out of iterations), at 0.25 it grows; the 3 starts with w2 = 0 converge at every rate.
        // Columns: runs, converged, plateau, diverged, max_iter.
        assertThat(r.out()).containsPattern("\\n0\\.2\\s+9\\s+3\\s+0\\s+0\\s+6\\s");
        assertThat(r.out()).containsPattern("\\n0\\.25\\s+9\\s+3\\s+0\\s+6\\s+0\\s");
        // Every start converges at 0.05, 0.1 and 0.15; the largest of them takes the fewest steps.
        assertThat(r.out()).contains("Recommended: lr 0.15 (gd, schedule constant): 100% of starts converge, "
                + "median 86 iterations; some runs diverge from lr 0.25 on");
        assertThat(r.out()).contains("Divergence: from learning rate 0.25 on, some runs diverged");
        assertThat(r.out()).contains("Best run: ");
        assertThat(r.out()).contains("Report: " + out);
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(out.resolve("spec.yaml"))).contains("max_iterations: 3000");
        // report.yaml keeps the pick for other tools.
        assertThat(Files.readString(out.resolve("report.yaml"))).contains("recommendation:\n  learning_rate: 0.15")
                .contains("  rule: fewest_median_iterations\n").contains("  converged_share: 1.0\n")
                .contains("  median_iterations: 86.0\n");
        assertThat(r.out()).contains("Open: " + out.resolve("report.html"));
        assertThat(out.resolve("report.html")).exists();

        // The report command re-renders the page of an existing report.
        Files.delete(out.resolve("report.html"));
        CliTest.Result again = CliTest.execute("report", out.toString(), "--master", "local[1]");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(out.resolve("report.html")).exists();
    }

    @Test
    void reportRefusesADirectoryThatIsNotAReport() throws IOException {
        Path notAReport = Files.createDirectories(dir.resolve("something"));
        CliTest.Result r = CliTest.execute("report", notAReport.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: " + notAReport + ": not a complete gdsweep report: it needs _SUCCESS, "
                + "spec.yaml, runs/ and summary/ (written by `gdsweep run`)" + System.lineSeparator());
        CliTest.Result missing = CliTest.execute("report", dir.resolve("nothing").toString());
        assertThat(missing.err()).contains("no such report directory");
    }
}
