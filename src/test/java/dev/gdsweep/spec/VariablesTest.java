package dev.gdsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

    private final Variables vars = new Variables("2026-11-29T0300Z", "2026-11-29",
            Map.of("REPORTS", "/data/reports", "EMPTY", "")::get);

    @Test
    void replacesRunIdDateAndEnvironmentVariables() {
        String text = """
                name: nightly-${date}
                output: {path: "${env:REPORTS}/x/${RUN_ID}"}
                other: ${env:MISSING:-fallback} and ${env:EMPTY:-unused}
                """;
        assertThat(vars.substitute(text, "job.yaml")).isEqualTo("""
                name: nightly-2026-11-29
                output: {path: "/data/reports/x/2026-11-29T0300Z"}
                other: fallback and\s
                """);
    }

    @Test
    void commentsAreLeftAlone() {
        String text = "# uses ${GDSWEEP_REPORTS} somewhere\nname: x  # ${RUN_ID}\npath: \"a#${date}\"\n";
        assertThat(vars.substitute(text, "job.yaml"))
                .isEqualTo("# uses ${GDSWEEP_REPORTS} somewhere\nname: x  # ${RUN_ID}\npath: \"a#2026-11-29\"\n");
    }

    @Test
    void anUnsetVariableWithoutDefaultIsAnErrorOnItsLine() {
        assertThatThrownBy(() -> vars.substitute("name: a\npath: ${env:NOPE}/x\n", "job.yaml"))
                .isInstanceOf(SpecException.class)
                .hasMessage("job.yaml:2: ${env:NOPE}: the environment variable NOPE is not set (give a default with "
                        + "${env:NOPE:-default})");
    }

    @Test
    void runIdNeedsARunIdAndUnknownNamesAreListed() {
        Variables none = new Variables(null, "2026-11-29", k -> null);
        assertThatThrownBy(() -> none.substitute("a: 1\nb: ${RUN_ID}\n", "job.yaml"))
                .hasMessage("job.yaml:2: ${RUN_ID} needs a run id: give --run-id ID (or --run-id now)");
        assertThatThrownBy(() -> vars.substitute("a: ${today}\n", "job.yaml"))
                .hasMessage("job.yaml:1: unknown variable ${today}; known: ${RUN_ID}, ${date}, ${env:NAME}, "
                        + "${env:NAME:-default}");
    }
}
