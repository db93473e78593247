package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin-jar} with a class that exists only in a jar compiled here, so it is not on the test
 * classpath: the driver checks it and Spark's executors load it.
 */
class PluginJarTest {

    @TempDir
    static Path dir;

    static Path jar;
    static Path spec;

    @BeforeAll
    static void buildPlugin() throws IOException {
        Path src = dir.resolve("src/org/example/Cone.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package org.example;

                import dev.gdsweep.loss.Loss;
                import java.util.Map;

                /** f = scale * (x^2 + y^2): a bowl whose steepness is a param. */
                public final class Cone implements Loss {
                    private final double scale;

                    public Cone(int dimension, Map<String, Double> params) {
                        this.scale = params.getOrDefault("scale", 1.0);
                    }

                    public int dimension() { return 2; }

                    public double value(double[] w) { return scale * (w[0] * w[0] + w[1] * w[1]); }

                    public double valueAndGradient(double[] w, double[] g) {
                        g[0] = 2 * scale * w[0];
                        g[1] = 2 * scale * w[1];
                        return value(w);
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        assertThat(status).isZero();
        jar = dir.resolve("cone.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                try (OutputStream ignored = null) {
                    out.write(Files.readAllBytes(f));
                }
                out.closeEntry();
            }
        }
        spec = Files.writeString(dir.resolve("cone.yaml"), """
                name: cone
                loss: {class: org.example.Cone, params: {scale: 2}}
                learning_rate: {values: [0.1, 0.6]}
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 3}}
                """);
    }

    @Test
    void withoutTheJarTheClassIsNotFound() {
        CliTest.Result r = CliTest.execute("validate", spec.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("loss.class: class 'org.example.Cone' not found; give its jar with --plugin-jar");
    }

    @Test
    void aMissingJarIsABadInput() {
        CliTest.Result r = CliTest.execute("validate", spec.toString(), "--plugin-jar", dir.resolve("nope.jar").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: --plugin-jar: no such file: " + dir.resolve("nope.jar")
                + System.lineSeparator());
    }

    @Test
    void theJarsClassIsCheckedAndRunOnTheExecutors() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try {
            CliTest.Result v = CliTest.execute("validate", spec.toString(), "--plugin-jar", jar.toString());
            assertThat(v.code()).as(v.err()).isZero();

            Path out = dir.resolve("report");
            // No report.html: the page does not touch the plugin, and RunCommandTest renders one.
            CliTest.Result r = CliTest.execute("run", spec.toString(), "--plugin-jar", jar.toString(), "--out",
                    out.toString(), "--master", "local[2]", "--no-report");
            assertThat(r.code()).as(r.err()).isZero();
            // scale 2: curvature 4, so lr 0.6 > 2/4 diverges at every start but the origin.
            assertThat(r.out()).containsPattern("\\n0\\.1\\s+9\\s+9\\s+0\\s");
            assertThat(r.out()).containsPattern("\\n0\\.6\\s+9\\s+1\\s+0\\s+8\\s");
            assertThat(out.resolve("_SUCCESS")).exists();
            assertThat(List.of(out.toFile().list())).contains("runs", "summary", "spec.yaml", "report.yaml");
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
