package dev.gdsweep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.cli.Main;
import dev.gdsweep.store.Checksums;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every path of {@code gdsweep run} that replaces, moves or deletes (publish, overwrite of a report,
 * overwrite refused, resume of a partial report, a failed sweep and its resume, a scheduled retry),
 * played in a home directory full of a user's files: the spec and its data beside the output, files
 * in the output's parent and above. After each step every user file is still there, byte for byte
 * (SHA-256), and everything new is a report or gdsweep's own file beside one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserFilesIT {

    @TempDir
    static Path root;

    static Path home;
    static Path project;
    static Path reports;
    static Path spec;
    static Map<Path, String> userFiles;

    @BeforeAll
    static void aHomeFullOfFiles() throws IOException {
        home = Files.createDirectories(root.resolve("home"));
        project = Files.createDirectories(home.resolve("project"));
        reports = Files.createDirectories(project.resolve("reports"));
        Path data = Files.createDirectories(project.resolve("data"));
        Files.writeString(home.resolve("diary.txt"), "dear diary");
        Files.writeString(home.resolve(".config"), "theme: dark\n");
        byte[] photo = new byte[64 * 1024];
        new Random(19).nextBytes(photo);
        Files.write(home.resolve("photo.jpg"), photo);
        Files.writeString(project.resolve("README.md"), "# my project\n");
        Files.write(Files.createDirectories(project.resolve("lib")).resolve("tools.jar"), photo);
        Files.writeString(reports.resolve("keep.txt"), "a file beside the reports");
        Files.writeString(data.resolve("points.csv"), "x,y\n0,1\n1,3\n2,5\n3,7.5\n4,8.5\n");
        Files.writeString(data.resolve("notes.txt"), "where the points come from");
        spec = Files.writeString(project.resolve("sweep.yaml"), """
                name: user-files
                loss:
                  model: linear_regression
                  data: {path: %s, label: y, features: [x]}
                learning_rate: {values: [0.01, 0.02, 0.05]}
                initial_weights: {points: [[0, 0], [1, 1]]}
                stopping: {max_iterations: 200}
                limits: {chunk_runs: 2}
                record: {trajectories: 0}
                output: {path: %s}
                """.formatted(data.resolve("points.csv"), reports.resolve("from-spec")));
        userFiles = Checksums.of(root);
    }

    @AfterAll
    static void noSessionLeft() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    record Outcome(int code, String out, String err) {}

    private static Outcome run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--master", "local[1]", "--no-report",
                "--quiet"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Outcome(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    /** No user file changed or vanished, and all that is new is a report or gdsweep's own, beside one. */
    private static void userFilesUntouched(String after) throws IOException {
        Map<Path, String> now = Checksums.of(root);
        for (Map.Entry<Path, String> f : userFiles.entrySet()) {
            assertThat(now.get(f.getKey())).as("%s after %s", f.getKey(), after).isEqualTo(f.getValue());
        }
        for (Path file : now.keySet()) {
            if (!userFiles.containsKey(file)) {
                Path p = root.resolve(file);
                Path top = reports.relativize(p).getName(0);
                assertThat(p.startsWith(reports) && top.toString().matches("\\.?(r\\d|job)(\\.gdsweep-work)?"))
                        .as("%s written by %s, outside the outputs", p, after).isTrue();
            }
        }
        try (Stream<Path> besides = Files.list(reports)) {
            assertThat(besides.map(p -> p.getFileName().toString()))
                    .as("a lock or a replaced report left behind after %s", after)
                    .noneMatch(name -> name.contains("gdsweep-lock") || name.contains("gdsweep-old"));
        }
    }

    @Test
    @Order(1)
    void publishAndOverwriteAReport() throws IOException {
        Outcome first = run("--out", reports.resolve("r1").toString());
        assertThat(first.code()).as(first.err()).isZero();
        userFilesUntouched("a first sweep");

        Outcome again = run("--out", reports.resolve("r1").toString(), "--overwrite");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(reports.resolve("r1").resolve("_SUCCESS")).exists();
        userFilesUntouched("--overwrite of a report");
    }

    @Test
    @Order(2)
    void overwriteOfAnythingButAReportIsRefused() throws IOException {
        for (Path out : List.of(root, home, project, project.resolve("data"), project.resolve("lib"), reports,
                reports.resolve("keep.txt"), spec, project.resolve("data").resolve("points.csv"))) {
            Outcome r = run("--out", out.toString(), "--overwrite");
            assertThat(r.code()).as("--out %s --overwrite: %s", out, r.err()).isEqualTo(2);
            assertThat(r.err()).as("--out %s --overwrite", out).startsWith("error: --out: output ")
                    .containsAnyOf("is not a gdsweep report", "of this sweep", "is an existing file");
            userFilesUntouched("--out " + out + " --overwrite");
        }
    }

    @Test
    @Order(3)
    void aPartialReportIsResumed() throws IOException {
        String out = reports.resolve("r2").toString();
        Outcome partial = run("--out", out, "--set", "limits.max_seconds=1.0e-9");
        assertThat(partial.code()).as(partial.err()).isZero();
        assertThat(partial.out()).contains("PARTIAL");
        userFilesUntouched("a partial sweep");

        Outcome rest = run("--out", out, "--resume");
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("Resumed: 2 runs were taken over");
        userFilesUntouched("--resume of a partial report");
    }

    @Test
    @Order(4)
    void aFailedSweepLeavesItsWorkAndTheResumeFinishesIt() throws IOException {
        String out = reports.resolve("r3").toString();
        System.setProperty("spark.gdsweep.test.failFirstAttempt", "true");
        Outcome failed;
        try {
            failed = run("--out", out);
        } finally {
            System.clearProperty("spark.gdsweep.test.failFirstAttempt");
        }
        assertThat(failed.code()).as(failed.out()).isEqualTo(1);
        assertThat(reports.resolve(".r3.gdsweep-work")).isDirectory();
        userFilesUntouched("a failed sweep");

        Outcome resumed = run("--out", out, "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(reports.resolve(".r3.gdsweep-work")).doesNotExist();
        userFilesUntouched("--resume of a failed sweep");
    }

    @Test
    @Order(5)
    void aScheduledRetryReplacesItsRun() throws IOException {
        String job = reports.resolve("job").toString();
        for (int attempt = 0; attempt < 2; attempt++) {
            Outcome r = run("--out", job, "--run-id", "2026-12-01T0300Z");
            assertThat(r.code()).as(r.err()).isZero();
            userFilesUntouched("a scheduled run, attempt " + attempt);
        }
        assertThat(reports.resolve("job").resolve("run_id=2026-12-01T0300Z").resolve("_SUCCESS")).exists();
    }
}
