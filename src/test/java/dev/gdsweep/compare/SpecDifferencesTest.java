package dev.gdsweep.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys two runs' specs differ in: nested keys by dotted path, lists as whole values, the run's own path left out. */
class SpecDifferencesTest {

    private static final String BASE = """
            name: nightly-2026-11-28T0300Z
            learning_rate:
              log: {from: 0.001, to: 0.1, count: 5}
            stopping: {max_iterations: 2000, tolerance: 1.0e-8}
            output: {path: reports/nightly/run_id=2026-11-28T0300Z}
            """;

    @Test
    void specsThatDifferOnlyInTheRunsNameAndPathDoNotDiffer() {
        String other = BASE.replace("2026-11-28T0300Z", "2026-11-29T0300Z");

        assertThat(SpecDifferences.between(BASE, other)).isEmpty();
    }

    @Test
    void changedAddedAndRemovedKeysAreNamedWithBothValues() {
        String cand = BASE.replace("max_iterations: 2000, tolerance: 1.0e-8", "max_iterations: 300")
                .replace("count: 5", "count: 7") + "gates: {max_converged_fraction_drop: 0.05}\n";

        List<SpecDifferences.Difference> d = SpecDifferences.between(BASE, cand);

        assertThat(d).extracting(SpecDifferences.Difference::toString).containsExactly(
                "learning_rate.log.count (5 -> 7)", "stopping.max_iterations (2000 -> 300)",
                "stopping.tolerance (1.0E-8 -> absent)", "gates.max_converged_fraction_drop (absent -> 0.05)");
        assertThat(SpecDifferences.summary(d, 2))
                .isEqualTo("learning_rate.log.count (5 -> 7), stopping.max_iterations (2000 -> 300) and 2 more");
    }

    @Test
    void aListIsOneValue() {
        String a = "loss: {function: quadratic, params: {diag: [1, 10]}}\n";
        String b = "loss: {function: quadratic, params: {diag: [1, 100]}}\n";

        assertThat(SpecDifferences.between(a, b)).extracting(SpecDifferences.Difference::key)
                .containsExactly("loss.params.diag");
    }
}
