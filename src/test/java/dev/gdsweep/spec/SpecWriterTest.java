package dev.gdsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.data.LocalDataResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The written spec is a report's {@code spec.yaml}, compared on {@code --resume}: for every example
 * spec, the nightly job and the specs in {@code spec-writer/in} (which reach every section's
 * variants), it must read back to the same sweep and stay byte for byte what the writer has always
 * written ({@code spec-writer/out}).
 */
class SpecWriterTest {

    private static final Path EXPECTED = Path.of("src/test/resources/spec-writer/out");

    /** No environment: {@code ${env:GDSWEEP_REPORTS:-reports}} takes its default. */
    private static final Variables VARIABLES = new Variables("2026-11-29T0300Z", "2026-11-29", Map.<String, String>of()::get);

    private static final DataResolver DATA = new LocalDataResolver();

    static Stream<Path> specs() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("conf/examples"));
                Stream<Path> more = Files.list(Path.of("src/test/resources/spec-writer/in"))) {
            return Stream.of(examples.sorted().toList(), List.of(Path.of("jobs/nightly-rosenbrock.yaml")),
                    more.sorted().toList()).flatMap(List::stream).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void writesWhatItAlwaysWroteAndReadsBackTheSameSweep(Path file) throws IOException {
        SweepSpec spec = SpecLoader.load(file, List.of(), VARIABLES, DATA);
        String yaml = SpecWriter.toYaml(spec);

        assertThat(yaml).isEqualTo(Files.readString(EXPECTED.resolve(file.getFileName())));

        SweepSpec reloaded = SpecLoader.parse(yaml, "spec.yaml", "other-name", List.of(), DATA);
        // A built-in's parameters are written with their defaults filled in: the same loss, spelt out.
        assertThat(reloaded).usingRecursiveComparison().ignoringFields("losses.base.params").isEqualTo(spec);
        assertThat(SpecWriter.toYaml(reloaded)).isEqualTo(yaml);
        SweepSpec again = SpecLoader.parse(SpecWriter.toYaml(reloaded), "spec.yaml", "other-name", List.of(), DATA);
        assertThat(again).usingRecursiveComparison().isEqualTo(reloaded);
    }
}
