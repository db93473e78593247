package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/gdsweep as a user first meets it: nothing on stderr that they cannot act on. */
class LauncherIT {

    static final Path LAUNCHER = Path.of("bin/gdsweep").toAbsolutePath();

    @BeforeAll
    static void builtByThisBuild() throws IOException {
        assertThat(Path.of("target/classpath.txt")).as("mvn package writes it").isRegularFile();
        assertThat(Path.of("target/launcher/jvm.flags")).as("mvn package writes it").isRegularFile();
        // The package phase of this build has just built what the launcher runs: mark it built, as the
        // launcher does after its own mvn package, so that it does not build again.
        Path stamp = Path.of("target/.launcher-built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
    }

    record Result(int code, String out, String err) {}

    static Result launch(Path dir, String... args) throws Exception {
        return launch(dir, Map.of(), args);
    }

    static Result launch(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GDSWEEP_"));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/gdsweep did not finish in 300 s");
        }
        return new Result(p.exitValue(), out, err.get(120, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void helpPrintsNothingOnStderr(@TempDir Path dir) throws Exception {
        Result r = launch(dir, "--help");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: gdsweep");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void verboseShowsTheJvmNoteOnce(@TempDir Path dir) throws Exception {
        Result r = launch(dir, "--verbose", "--help");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("Using incubator modules"))).hasSize(1);
        assertThat(r.out()).contains("Usage: gdsweep").doesNotContain("--verbose");
    }

    @Test
    void aBadSpecIsOneLineOnStderrAndExitTwo(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: q\nloss: {function: nope}\n");

        Result r = launch(dir, "validate", bad.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().lines()).singleElement().asString().startsWith("error: " + bad);
    }

    /**
     * The class-data archive: recorded by a warm-up sweep (its report in a temporary directory that is
     * removed), then mapped by the next start; GDSWEEP_CDS=0 starts without it.
     */
    @Test
    void recordsAClassArchiveThatTheNextStartMaps(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Result recorded = launch(dir, Map.of("GDSWEEP_CDS", "record", "TMPDIR", tmp.toString()), "--help");

        assertThat(recorded.code()).as(recorded.err()).isZero();
        assertThat(recorded.err()).contains("recording a class-data archive").doesNotContain("no class-data archive");
        assertThat(Path.of("target/launcher/gdsweep.jsa")).isRegularFile();
        try (var left = Files.list(tmp)) {
            assertThat(left).as("the warm-up's report is removed").isEmpty();
        }

        String classLog = "-Xlog:class+load=info";
        Result mapped = launch(dir, Map.of("GDSWEEP_JAVA_OPTS", classLog), "--help");
        assertThat(mapped.code()).as(mapped.err()).isZero();
        assertThat(mapped.out()).contains("dev.gdsweep.cli.Main source: shared objects file (top)");
        assertThat(mapped.err()).isEmpty();

        Result off = launch(dir, Map.of("GDSWEEP_CDS", "0", "GDSWEEP_JAVA_OPTS", classLog), "--help");
        assertThat(off.out()).contains("dev.gdsweep.cli.Main source: file:").doesNotContain("shared objects file (top)");
    }
}
