package dev.gdsweep.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin application jar for spark-submit (target/gdsweep-VERSION-spark.jar): small, no Spark or
 * Scala inside, gdsweep's own libraries relocated, and a manifest that makes {@code java -jar} work for
 * the commands that need no Spark.
 */
class ThinJarIT {

    static Path jar;
    static List<String> entries;
    static String shaded;

    @BeforeAll
    static void open() throws IOException {
        jar = Path.of(System.getProperty("gdsweep.thinJar", "target/missing-thin.jar"));
        shaded = System.getProperty("gdsweep.shadedPackage", "dev.gdsweep.shaded").replace('.', '/') + "/";
        assertThat(jar).as("the thin jar (mvn package builds it)").isRegularFile();
        try (JarFile j = new JarFile(jar.toFile())) {
            entries = Collections.list(j.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    @Test
    void isSmall() throws IOException {
        assertThat(Files.size(jar)).as("size of " + jar + " in bytes").isLessThan(10L * 1024 * 1024);
    }

    @Test
    void holdsNoSparkScalaOrHadoop() {
        assertThat(entries).noneMatch(e -> e.startsWith("org/apache/spark/"))
                .noneMatch(e -> e.startsWith("scala/"))
                .noneMatch(e -> e.startsWith("org/apache/hadoop/"))
                .noneMatch(e -> e.startsWith("org/apache/parquet/"))
                .noneMatch(e -> e.endsWith("module-info.class"));
    }

    @Test
    void holdsGdsweepAndItsLibrariesRelocated() {
        assertThat(entries).contains("dev/gdsweep/cli/Main.class", "dev/gdsweep/engine/GradientDescent.class",
                shaded + "picocli/CommandLine.class",
                shaded + "snakeyaml/engine/v2/api/Load.class");
        // jfreechart and mustache.java are not on Spark's classpath: they stay where they are.
        assertThat(entries).anyMatch(e -> e.startsWith("org/jfree/chart/"))
                .contains("com/github/mustachejava/DefaultMustacheFactory.class");
        // The report page's template, read from the class path.
        assertThat(entries).contains("dev/gdsweep/html/report.mustache", "dev/gdsweep/html/report.js");
        assertThat(entries).as("unrelocated picocli or snakeyaml-engine")
                .noneMatch(e -> e.startsWith("picocli/"))
                .noneMatch(e -> e.startsWith("org/snakeyaml/"));
    }

    @Test
    void gdsweepClassesReferToTheRelocatedPackages() throws IOException {
        Pattern unrelocated = Pattern.compile("(?<![\\w/])(picocli/CommandLine|org/snakeyaml/engine/)");
        List<String> offenders = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(j.entries())) {
                if (e.getName().startsWith("dev/gdsweep/") && !e.getName().startsWith(shaded)
                        && e.getName().endsWith(".class")) {
                    try (InputStream in = j.getInputStream(e)) {
                        String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        if (unrelocated.matcher(constants).find()) {
                            offenders.add(e.getName());
                        }
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void manifestNamesTheMainClassAndOpensWhatSparkNeeds() throws IOException {
        Attributes main;
        try (JarFile j = new JarFile(jar.toFile())) {
            main = j.getManifest().getMainAttributes();
        }
        assertThat(main.getValue("Main-Class")).isEqualTo("dev.gdsweep.cli.Main");
        List<String> opens = Arrays.asList(main.getValue("Add-Opens").trim().split("\\s+"));
        // Every --add-opens of the JVM flags the build writes for bin/gdsweep (one list in the pom).
        Matcher m = Pattern.compile("--add-opens=(\\S+)=ALL-UNNAMED")
                .matcher(Files.readString(Path.of("target/launcher/jvm.flags")));
        List<String> flags = new ArrayList<>();
        while (m.find()) {
            flags.add(m.group(1));
        }
        assertThat(flags).isNotEmpty();
        assertThat(opens).containsExactlyInAnyOrderElementsOf(flags);
    }

    @Test
    void validateRunsWithJavaJarAndNoSparkOnTheClassPath(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("q.yaml"), """
                name: q
                loss: {function: quadratic, params: {diag: [1, 10]}}
                learning_rate: {log: {from: 1.0e-3, to: 0.3, count: 5}}
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 3}}
                """);
        Result r = javaJar(dir, "validate", spec.toString());
        assertThat(r.code()).as("java -jar THIN.jar validate, no Spark or Hadoop on the class path. Every command"
                + " class picocli registers is linked when the command line is built, so none may refer to Spark or"
                + " Hadoop types in its method signatures or in bytecode the verifier checks (keep such code in a"
                + " helper class called from call()). Output:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("q.yaml: OK")
                .contains("runs:            45 = 5 learning rates x 9 initial points").contains("# resolved spec");

        Result bad = javaJar(dir, "validate", spec.toString(), "--set", "stopping.max_iterations=-1");
        assertThat(bad.code()).as(bad.output()).isEqualTo(2);
        assertThat(bad.output()).contains("stopping.max_iterations").doesNotContain("NoClassDefFoundError");

        Result version = javaJar(dir, "--version");
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("gdsweep ").doesNotContain("development build");
    }

    @Test
    void sparkCommandsWithJavaJarExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("q.yaml"), """
                name: q
                loss: {function: quadratic, params: {diag: [1, 10]}}
                learning_rate: {log: {from: 1.0e-3, to: 0.3, count: 5}}
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 3}}
                """);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: q\nloss: {function: nope}\n");

        // A bad spec is bad input before anything needs Spark.
        Result badSpec = javaJar(dir, "run", bad.toString());
        assertThat(badSpec.code()).as(badSpec.output()).isEqualTo(2);
        assertThat(badSpec.output()).startsWith("error: ").contains("bad.yaml").doesNotContain("Exception");

        // A good spec, or a bad --master or --out only Spark could judge: the command needs Spark, in one line.
        for (String[] args : List.of(new String[] {"run", good.toString()},
                new String[] {"run", good.toString(), "--master", "nope", "--out", "/proc/nope"},
                new String[] {"report", dir.toString()}, new String[] {"runs", dir.toString()},
                new String[] {"compare", dir.toString(), "--baseline", "previous", "--candidate", "x"})) {
            Result r = javaJar(dir, args);
            assertThat(r.code()).as("%s: %s", String.join(" ", args), r.output()).isEqualTo(2);
            assertThat(r.output().lines()).as(r.output()).singleElement().asString()
                    .startsWith("error: " + args[0] + " needs Spark on the classpath").contains("bin/gdsweep");
        }
    }

    record Result(int code, String output) {}

    /** {@code java -jar} the thin jar with nothing else on the class path. */
    static Result javaJar(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("CLASSPATH");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in 60 s:\n" + out);
        }
        return new Result(p.exitValue(), out);
    }
}
