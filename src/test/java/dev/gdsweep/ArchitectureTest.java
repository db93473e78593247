package dev.gdsweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine (spec, grid, losses, optimizers, loop) stays usable without Spark: no Spark imports. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/gdsweep");
    private static final List<String> SPARK_PACKAGES = List.of("spark", "cli", "store", "html");

    @Test
    void onlyTheSparkCliAndReportPackagesImportSparkOrHadoop() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> offenders = files
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !SPARK_PACKAGES.contains(MAIN.relativize(p).getName(0).toString()))
                    .filter(ArchitectureTest::importsSparkOrHadoop)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void theEnginePackagesExist() {
        // Guards the test above against passing vacuously after a package rename.
        for (String pkg : List.of("engine", "loss", "grid", "spec", "sweep")) {
            assertThat(MAIN.resolve(pkg)).isDirectory();
        }
    }

    private static boolean importsSparkOrHadoop(Path file) {
        try {
            String text = Files.readString(file);
            return text.contains("import org.apache.spark") || text.contains("import org.apache.hadoop")
                    || text.contains("import static org.apache.spark");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
