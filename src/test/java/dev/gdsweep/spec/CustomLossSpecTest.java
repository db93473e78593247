package dev.gdsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.loss.Minimum;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Losses the user brings: formulas and plugin classes, through the spec. */
class CustomLossSpecTest {

    private static final String GRID = """
            learning_rate: {values: [0.0005, 0.002, 0.005]}
            initial_weights: {random: {count: 25, min: [-2, -2], max: [2, 2], seed: 4}}
            stopping: {max_iterations: 3000}
            """;

    private static SweepSpec parse(String yaml) {
        return SpecLoader.parse(yaml, "spec.yaml", "s", List.of(), DataResolver.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rosenbrock | {function: rosenbrock} | {expression: '(a - x)^2 + b*(y - x^2)^2', variables: [x, y], constants: {a: 1, b: 100}}",
        "himmelblau | {function: himmelblau} | {expression: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', variables: [x, y]}",
        "quadratic  | {function: quadratic, params: {diag: [1, 10]}} | {expression: '0.5*(u^2 + 10*v^2)', variables: [u, v]}"})
    void formulaRunsEqualTheBuiltInRunsToRounding(String name, String builtin, String formula) {
        // Twenty steps: rounding has not been amplified yet, so the paths agree to ~1e-12.
        String shortGrid = GRID.replace("max_iterations: 3000", "max_iterations: 20");
        List<RunRecord> expectedShort = LocalSweep.run(parse("loss: " + builtin + "\n" + shortGrid));
        List<RunRecord> actualShort = LocalSweep.run(parse("loss: " + formula + "\n" + shortGrid));
        for (int i = 0; i < actualShort.size(); i++) {
            RunResult e = expectedShort.get(i).result();
            RunResult a = actualShort.get(i).result();
            assertThat(a.stopReason()).as("run %d", i).isEqualTo(e.stopReason());
            assertThat(a.iterations()).as("run %d", i).isEqualTo(e.iterations());
            if (e.status() != Status.DIVERGED) {
                for (int j = 0; j < 2; j++) {
                    double x = e.finalWeights()[j];
                    assertThat(a.finalWeights()[j]).isCloseTo(x, within(1e-11 * Math.max(1, Math.abs(x))));
                }
                assertThat(a.finalLoss()).isCloseTo(e.finalLoss(), within(1e-10 * Math.max(1, e.finalLoss())));
            }
        }

        // Whole runs: the same outcome; a stop may move by a few iterations where rounding accumulates.
        List<RunRecord> expected = LocalSweep.run(parse("loss: " + builtin + "\n" + GRID));
        List<RunRecord> actual = LocalSweep.run(parse("loss: " + formula + "\n" + GRID));
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < actual.size(); i++) {
            RunResult e = expected.get(i).result();
            RunResult a = actual.get(i).result();
            assertThat(a.status()).as("run %d", i).isEqualTo(e.status());
            assertThat(a.iterations()).as("run %d", i).isCloseTo(e.iterations(), within(3L));
            if (e.status() == Status.CONVERGED) {
                assertThat(a.finalWeights()).containsExactly(e.finalWeights(), within(1e-5));
            }
        }
    }

    @Test
    void aFormulaSpecSurvivesTheResolvedSpec() {
        SweepSpec spec = parse("""
                loss:
                  expression: "(a - x)^2 + b*(y - x^2)^2"
                  variables: [x, y]
                  constants: {a: 1, b: 100}
                  minima: [[1, 1]]
                """ + GRID);
        SweepSpec reloaded = parse(SpecWriter.toYaml(spec));
        assertThat(SpecWriter.toYaml(reloaded)).isEqualTo(SpecWriter.toYaml(spec));
        List<Minimum> minima = reloaded.loss().create(2).knownMinima();
        assertThat(minima).hasSize(1);
        assertThat(minima.get(0).value()).isZero();
        assertThat(minima.get(0).global()).isTrue();
    }

    @Test
    void aParseErrorPointsAtTheColumnInTheSpec() {
        assertThatThrownBy(() -> parse("""
                loss:
                  expression: "(a - x)^2 + b*(y - x^2"
                  variables: [x, y]
                  constants: {a: 1, b: 100}
                """ + GRID))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("spec.yaml:2: loss.expression: expected ')' at column 23")
                .hasMessageContaining("(a - x)^2 + b*(y - x^2\n")
                .hasMessageEndingWith("^");
    }

    @Test
    void unknownNamesAreListedWithTheKnownOnes() {
        assertThatThrownBy(() -> parse("loss: {expression: 'x^2 + z', variables: [x, y]}\n" + GRID))
                .hasMessageContaining("spec.yaml:1: loss.expression: unknown name 'z'");
    }

    @Test
    void theNumberOfVariablesMustMatchTheInitialWeights() {
        assertThatThrownBy(() -> parse("loss: {expression: 'x^2 + y^2 + z^2', variables: [x, y, z]}\n" + GRID))
                .hasMessage("spec.yaml:3: initial_weights: the formula has 3 variables [x, y, z], but the initial "
                        + "weights have dimension 2");
    }

    @Test
    void aMinimumOfTheWrongDimensionIsAnError() {
        assertThatThrownBy(() -> parse("loss: {expression: 'x^2 + y^2', variables: [x, y], minima: [[0, 0, 0]]}\n"
                + GRID))
                .hasMessage("spec.yaml:1: loss.minima[0]: a minimum needs one coordinate per variable (2), got 3");
    }

    @Test
    void aLossNeedsOneOfItsFourForms() {
        assertThatThrownBy(() -> parse("loss: {params: {a: 1}}\n" + GRID))
                .hasMessage("spec.yaml:1: loss: needs one of: function (a built-in), expression (a formula), "
                        + "class (a plugin), model (a model over a data set)");
    }

    @Test
    void aPluginClassRunsWithItsParams() {
        SweepSpec spec = parse("loss: {class: dev.gdsweep.plugin.ShiftedBowl, params: {centre: 0.5}}\n" + GRID);
        List<RunRecord> runs = LocalSweep.run(spec);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.result().status()).isIn(Status.CONVERGED, Status.MAX_ITERATIONS);
            if (r.result().status() == Status.CONVERGED) {
                assertThat(r.result().finalWeights()).containsExactly(new double[] {0.5, 0.5}, within(1e-5));
            }
        });
        assertThat(runs.stream().filter(r -> r.result().status() == Status.CONVERGED)).isNotEmpty();
        assertThat(SpecWriter.toYaml(spec)).contains("class: dev.gdsweep.plugin.ShiftedBowl")
                .contains("params: {centre: 0.5}");
    }

    @Test
    void pluginsAreCheckedBeforeAnythingRuns() {
        assertThatThrownBy(() -> parse("loss: {class: com.example.Missing}\n" + GRID))
                .hasMessage("spec.yaml:1: loss.class: class 'com.example.Missing' not found; give its jar with "
                        + "--plugin-jar (bin/gdsweep) or --jars (spark-submit)");
        assertThatThrownBy(() -> parse("loss: {class: dev.gdsweep.plugin.NotALoss}\n" + GRID))
                .hasMessage("spec.yaml:1: loss.class: class 'dev.gdsweep.plugin.NotALoss' does not implement "
                        + "dev.gdsweep.loss.Loss");
        assertThatThrownBy(() -> parse("loss: {class: dev.gdsweep.plugin.ShiftedBowl, params: {center: 1}}\n" + GRID))
                .hasMessage("spec.yaml:1: loss.class: class 'dev.gdsweep.plugin.ShiftedBowl' refused its params "
                        + "{center=1.0}: unknown param 'center'; known: centre");
        assertThatThrownBy(() -> parse("loss: {class: dev.gdsweep.plugin.ThrowsBeyondOne}\n"
                + GRID.replace("[-2, -2], max: [2, 2]", "[-2, -2, -2], max: [2, 2, 2]")))
                .hasMessage("spec.yaml:3: initial_weights: class 'dev.gdsweep.plugin.ThrowsBeyondOne' has dimension "
                        + "2, but the initial weights have dimension 3");
    }

    @Test
    void aPluginThatThrowsFailsItsRunsNotTheSweep() {
        SweepSpec spec = parse("loss: {class: dev.gdsweep.plugin.ThrowsBeyondOne}\n" + GRID);
        List<RunRecord> runs = LocalSweep.run(spec);

        assertThat(runs).hasSize(75);
        List<RunRecord> failed = runs.stream().filter(r -> r.result().status() == Status.FAILED).toList();
        assertThat(failed).isNotEmpty();
        for (RunRecord r : failed) {
            // Starts outside [−1, 1]² throw on their first evaluation.
            assertThat(r.result().iterations()).isZero();
            assertThat(r.result().error()).startsWith("java.lang.IllegalStateException: weights outside [-1, 1]");
            assertThat(r.result().stopReason().label()).isEqualTo("failed");
            assertThat(Double.isNaN(r.result().finalLoss())).isTrue();
        }
        assertThat(runs.stream().filter(r -> r.result().status() == Status.CONVERGED)).isNotEmpty();
        assertThat(runs.stream().filter(r -> r.result().status() == Status.CONVERGED))
                .allSatisfy(r -> assertThat(r.result().error()).isNull());
    }
}
