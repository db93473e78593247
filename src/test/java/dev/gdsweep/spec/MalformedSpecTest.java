package dev.gdsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gdsweep.data.LocalDataResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed specs, each with the exact message a user sees (after "FILE:"), so a regression in a rule,
 * its location or its wording shows up here. Lines are 1-based lines of the spec text.
 */
class MalformedSpecTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return MalformedSpecTestCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithItsLocationRuleAndValue(String what, String yaml, String expected) throws IOException {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, yaml);

        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.load(file, List.of(), new LocalDataResolver()));

        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).startsWith(file + expected);
    }
}
