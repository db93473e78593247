package dev.gdsweep.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gdsweep.cli.Main;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * A driver killed with SIGKILL at several points: the output holds the previous complete report or
 * none, never one that looks complete, and {@code --resume} finishes the sweep with rows identical to
 * an uninterrupted run.
 */
class CrashAndResumeIT {

    /**
     * 6 chunks of 100 slow runs (every run takes all 100,000 iterations), so there is time to kill: the kills come
     * after at most 3 chunks, with chunks left. Each chunk is a Spark job and a commit, so more, smaller chunks
     * only made every sweep and resume longer.
     */
    static final String SPEC = """
            name: crash
            loss: {function: rosenbrock}
            learning_rate: {values: [1.0e-6, 2.0e-6, 4.0e-6]}
            initial_weights: {random: {count: 200, min: [-2, -2], max: [2, 2], seed: 9}}
            stopping: {max_iterations: 100000, gradient_tolerance: 1.0e-12}
            limits: {chunk_runs: 100}
            record: {trajectories: 0}
            """;

    static final long CHUNK_RUNS = 100;

    static SweepSpec spec;
    static List<RunRecord> expected;

    @TempDir
    static Path dir;

    static Path specFile;

    @BeforeAll
    static void reference() throws IOException {
        specFile = Files.writeString(dir.resolve("crash.yaml"), SPEC);
        spec = SpecLoader.load(specFile, List.of(), DataResolver.NONE);
        expected = LocalSweep.run(spec);
    }

    @AfterAll
    static void noSessionLeft() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    /** Starts a child sweep and kills it once {@code chunks} chunks are committed (0: once it has the lock). */
    private static void killDuring(Path out, int chunks, String... extra) throws Exception {
        Process child = startUntil(out, chunks, extra);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        child.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a child sweep and returns it, alive, once {@code chunks} chunks are committed (0: once locked). */
    private static Process startUntil(Path out, int chunks, String... extra) throws Exception {
        Path work = out.resolveSibling("." + out.getFileName() + ".gdsweep-work");
        Path lock = out.resolveSibling("." + out.getFileName() + ".gdsweep-lock");
        List<String> args = new ArrayList<>(List.of("run", specFile.toString(), "--out", out.toString(),
                "--master", "local[1]", "--no-report", "--quiet"));
        args.addAll(List.of(extra));
        Process child = ChildSweep.start(dir.resolve(out.getFileName() + ".log"), args.toArray(String[]::new));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && child.isAlive()) {
                boolean reached = chunks == 0 ? Files.exists(lock) : committed(work) >= chunks;
                if (reached) {
                    break;
                }
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as("the sweep ended before it could be killed; see its log").isTrue();
            return child;
        } catch (Throwable e) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Whether this process ignores the signal (Linux: the SigIgn mask of /proc/self/status), as its children then do. */
    private static boolean ignoredHere(String signal) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        int number = switch (signal) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(signal);
        };
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16) >>> (number - 1) & 1) == 1)
                .orElse(false);
    }

    private static long committed(Path work) throws IOException {
        Path markers = work.resolve("_chunks");
        if (!Files.isDirectory(markers)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(markers)) {
            return s.count();
        }
    }

    private static CommandLineResult resume(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", specFile.toString(), "--out", out.toString(),
                "--master", "local[2]", "--resume", "--no-report", "--quiet"));
        args.addAll(List.of(extra));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(stdout));
        cl.setErr(new PrintWriter(stderr));
        int code = cl.execute(args.toArray(String[]::new));
        return new CommandLineResult(code, stdout.toString(), stderr.toString());
    }

    record CommandLineResult(int code, String out, String err) {}

    private static void assertRowsEqualTheReference(Path out) {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(out.resolve("runs").toString()).orderBy("run_id").collectAsList();
            assertThat(rows).hasSize(expected.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                RunRecord r = expected.get(i);
                assertThat(row.getLong(row.fieldIndex("run_id"))).isEqualTo(r.runId());
                assertThat(row.getDouble(row.fieldIndex("final_loss"))).isEqualTo(r.result().finalLoss());
                assertThat(row.getLong(row.fieldIndex("iterations"))).isEqualTo(r.result().iterations());
                assertThat(row.getString(row.fieldIndex("status"))).isEqualTo(r.result().status().name());
                assertThat(row.getDouble(row.fieldIndex("gradient_norm"))).isEqualTo(r.result().gradientNorm());
                List<Object> w = row.getList(row.fieldIndex("final_weights"));
                assertThat(w).containsExactly(r.result().finalWeights()[0], r.result().finalWeights()[1]);
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void killedAfterSomeChunksResumesToIdenticalRows() throws Exception {
        Path out = dir.resolve("after-chunks");
        killDuring(out, 3);

        assertThat(out).doesNotExist(); // nothing that looks like a report
        CommandLineResult r = resume(out);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Resumed: \\d+ runs were taken over");
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(out.resolve("report.yaml"))).contains("complete: true")
                .doesNotContain("runs_resumed: 0");
        assertRowsEqualTheReference(out);
    }

    /** Issue 19: SIGINT and SIGTERM exited silently and left the lock behind. */
    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalSaysHowFarTheSweepGotReleasesTheLockAndKeepsTheCommittedRuns(String signal, int exitCode)
            throws Exception {
        assumeFalse(ignoredHere(signal), "SIG" + signal + " is ignored by this JVM (a job started in the background "
                + "from a non-interactive shell ignores SIGINT), and so by the sweep it starts: nothing to test");
        Path out = dir.resolve("signal-" + signal);
        Path work = out.resolveSibling("." + out.getFileName() + ".gdsweep-work");
        Process child = startUntil(out, 2);
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the sweep ignored SIG" + signal).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String log = Files.readString(dir.resolve(out.getFileName() + ".log"));

        assertThat(child.exitValue()).as(log).isEqualTo(exitCode);
        long committedRuns = committed(work) * CHUNK_RUNS;
        assertThat(committedRuns).isGreaterThanOrEqualTo(2 * CHUNK_RUNS);
        assertThat(log).contains("interrupted: " + committedRuns + " of 600 runs committed; rerun with --resume");
        assertThat(out.resolveSibling("." + out.getFileName() + ".gdsweep-lock")).doesNotExist();
        assertThat(out).doesNotExist();

        CommandLineResult r = resume(out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Resumed: " + committedRuns + " runs were taken over");
        assertRowsEqualTheReference(out);
    }

    @Test
    void killedBeforeAnyChunkResumesFromScratch() throws Exception {
        Path out = dir.resolve("at-start");
        killDuring(out, 0);

        CommandLineResult r = resume(out);
        assertThat(r.code()).as(r.err()).isZero();
        assertRowsEqualTheReference(out);
    }

    @Test
    void aKilledOverwriteLeavesThePreviousReportWhole() throws Exception {
        Path out = dir.resolve("previous");
        CommandLineResult first = resume(out); // nothing to resume: a plain full sweep
        assertThat(first.code()).as(first.err()).isZero();
        String before = Files.readString(out.resolve("report.yaml"));

        killDuring(out, 2, "--overwrite");

        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(out.resolve("report.yaml"))).isEqualTo(before);
        assertRowsEqualTheReference(out);
    }

    @Test
    void aTimeBudgetPublishesAPartialReportThatResumeFinishes() throws Exception {
        Path out = dir.resolve("budget");
        CommandLineResult partial = resume(out, "--set", "limits.max_seconds=1.0e-9");

        assertThat(partial.code()).as(partial.err()).isZero();
        assertThat(partial.out()).contains("PARTIAL: the time budget (limits.max_seconds) ran out after 100 of 600 runs");
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(Files.readString(out.resolve("report.yaml"))).contains("complete: false")
                .contains("runs_written: 100");

        CommandLineResult rest = resume(out);
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("Resumed: 100 runs were taken over");
        assertThat(Files.readString(out.resolve("report.yaml"))).contains("complete: true");
        assertRowsEqualTheReference(out);
    }
}
