package dev.gdsweep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/gdsweep-submit's command line, against a stand-in spark-submit that prints what it was given
 * (one argument per line) and SPARK_SUBMIT_OPTS. ClusterIT runs it against a real cluster.
 */
class GdsweepSubmitIT {

    static final Path SCRIPT = Path.of("bin/gdsweep-submit").toAbsolutePath();

    @TempDir
    static Path dir;

    static Path sparkHome;
    static String jar;

    @BeforeAll
    static void fakeSparkHome() throws Exception {
        jar = Path.of(System.getProperty("gdsweep.thinJar", "target/missing-thin.jar")).toAbsolutePath().toString();
        sparkHome = dir.resolve("spark");
        Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, """
                #!/usr/bin/env bash
                # As the driver JVM does when spark-submit adds the Vector API module.
                [ -z "${FAKE_INCUBATOR_NOTE:-}" ] || echo "WARNING: Using incubator modules: jdk.incubator.vector" >&2
                echo "SPARK_SUBMIT_OPTS=${SPARK_SUBMIT_OPTS:-}"
                for a in "$@"; do echo "arg:$a"; done
                """);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Result(int code, String out, String err) {

        List<String> args() {
            return out.lines().filter(l -> l.startsWith("arg:")).map(l -> l.substring(4)).toList();
        }
    }

    static Result submit(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("GDSWEEP_"));
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("GDSWEEP_JAR", jar); // never a Maven build from inside the build
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue() == null) {
                pb.environment().remove(e.getKey());
            } else {
                pb.environment().put(e.getKey(), e.getValue());
            }
        }
        Path out = dir.resolve("out.txt");
        Process p = pb.redirectOutput(out.toFile()).start();
        p.getOutputStream().close();
        // stderr read to its end: the script's stderr filter may still be writing when spark-submit exits.
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/gdsweep-submit did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), err.get(60, TimeUnit.SECONDS));
    }

    @Test
    void sparkSubmitOptionsComeFirstThenTheJarThenGdsweepsArguments() throws Exception {
        Result r = submit(Map.of(), "--master", "spark://host:7077", "--conf", "spark.executor.memory=2g",
                "--jars", "a.jar,b.jar", "--", "run", "conf/examples/himmelblau.yaml", "--out", "hdfs:///reports/x",
                "--set", "name=with space");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.args()).containsExactly("--master", "spark://host:7077", "--conf", "spark.executor.memory=2g",
                "--jars", "a.jar,b.jar", "--class", "dev.gdsweep.cli.Main", jar,
                "run", "conf/examples/himmelblau.yaml", "--out", "hdfs:///reports/x", "--set", "name=with space");
    }

    @Test
    void withoutDoubleDashTheFirstWordThatIsNoOptionIsTheCommand() throws Exception {
        Result r = submit(Map.of(), "--master=local[2]", "--verbose", "--deploy-mode", "client", "-c", "k=v",
                "--supervise", "validate", "spec.yaml", "--set", "a=1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.args()).containsExactly("--master=local[2]", "--verbose", "--deploy-mode", "client", "-c", "k=v",
                "--supervise", "--class", "dev.gdsweep.cli.Main", jar, "validate", "spec.yaml", "--set", "a=1");
    }

    @Test
    void theDriverLogsQuietlyUnlessToldOtherwise() throws Exception {
        Result quiet = submit(Map.of(), "functions");
        assertThat(quiet.out()).contains("SPARK_SUBMIT_OPTS=-Dlog4j2.configurationFile=\""
                + Path.of("conf/log4j2.properties").toAbsolutePath() + "\"");

        Result own = submit(Map.of("GDSWEEP_LOG4J", "/etc/my-log4j2.properties", "SPARK_SUBMIT_OPTS", "-Dx=1"),
                "functions");
        assertThat(own.out())
                .contains("SPARK_SUBMIT_OPTS=-Dlog4j2.configurationFile=\"/etc/my-log4j2.properties\" -Dx=1");

        Result spark = submit(Map.of("GDSWEEP_LOG4J", ""), "functions");
        assertThat(spark.out()).contains("SPARK_SUBMIT_OPTS=\n");
    }

    @Test
    void withoutSparkHomeItSaysSo() throws Exception {
        java.util.HashMap<String, String> env = new java.util.HashMap<>();
        env.put("SPARK_HOME", null);
        Result r = submit(env, "--master", "yarn", "run", "x.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("SPARK_HOME is not set");
        assertThat(r.args()).isEmpty();
    }

    @Test
    void withoutSparkSubmitInSparkHomeItSaysSo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-spark"));
        Result r = submit(Map.of("SPARK_HOME", empty.toString()), "run", "x.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no spark-submit in SPARK_HOME").contains(empty.toString());
    }

    @Test
    void refusesAClassAndAMissingCommand() throws Exception {
        Result clazz = submit(Map.of(), "--class", "x.Y", "run", "x.yaml");
        assertThat(clazz.code()).isEqualTo(2);
        assertThat(clazz.err()).contains("--class is set by this script");

        Result none = submit(Map.of(), "--master", "yarn");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("usage: gdsweep-submit").contains("missing the gdsweep command");

        Result dangling = submit(Map.of(), "--master");
        assertThat(dangling.code()).isEqualTo(2);
        assertThat(dangling.err()).contains("--master needs a value");
    }

    @Test
    void theDriversIncubatorNoteIsDroppedUnlessVerbose() throws Exception {
        Result quiet = submit(Map.of("FAKE_INCUBATOR_NOTE", "1"), "functions");
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.args()).contains("functions");

        Result verbose = submit(Map.of("FAKE_INCUBATOR_NOTE", "1"), "--verbose", "functions");
        assertThat(verbose.err()).isEqualTo("WARNING: Using incubator modules: jdk.incubator.vector\n");
    }

    @Test
    void aMissingJarGivenByGdsweepJarIsAnError() throws Exception {
        Result r = submit(Map.of("GDSWEEP_JAR", dir.resolve("nope.jar").toString()), "run", "x.yaml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("GDSWEEP_JAR=").contains("no such file");
    }
}
