package dev.gdsweep.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.spec.SweepSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every run of a sweep over loss settings is the run the same setting alone makes, its run id shifted. */
class LossAxisSweepTest {

    private static SweepSpec parse(String yaml) {
        return SpecLoader.parse(yaml, "spec.yaml", "axes", List.of(), new LocalDataResolver());
    }

    /** The runs of {@code axes}, setting by setting, against the sweeps of {@code alone}, one per setting. */
    private static void assertEachSettingAsAlone(SweepSpec axes, List<SweepSpec> alone) {
        List<RunRecord> all = LocalSweep.run(axes);
        long perSetting = axes.grid().size() / alone.size();
        assertThat(axes.grid().size()).isEqualTo(perSetting * alone.size());
        for (int s = 0; s < alone.size(); s++) {
            List<RunRecord> single = LocalSweep.run(alone.get(s));
            assertThat(single).hasSize((int) perSetting);
            for (RunRecord expected : single) {
                RunRecord actual = all.get((int) (s * perSetting + expected.runId()));
                assertThat(actual.runId()).isEqualTo(s * perSetting + expected.runId());
                RunRecord shifted = new RunRecord(actual.sweep(), expected.runId(), actual.lossConfig(),
                        actual.lossParams(), actual.optimizer(), actual.schedule(), actual.batchSize(),
                        actual.learningRate(), actual.initialWeights(), actual.result(), actual.analysis(),
                        actual.elapsedMs());
                assertThat(shifted.sameOutcome(expected)).as("setting %d, run %d: %s vs %s", s, expected.runId(),
                        actual, expected).isTrue();
            }
        }
    }

    private static final String ROSENBROCK = """
            loss: {function: rosenbrock, params: {b: B}}
            optimizer: [gd, {name: momentum, momentum: 0.9}]
            schedule: [constant, inverse_sqrt]
            learning_rate: {log: {from: 1.0e-4, to: 1.0e-2, count: 4}}
            initial_weights: {random: {count: 5, min: [-2, -2], max: [2, 2], seed: 3}}
            stopping: {max_iterations: 3000}
            """;

    @Test
    void aBuiltinsParameterAxisInLockstepAndOneByOne() {
        SweepSpec axes = parse(ROSENBROCK.replace("B", "[10, 100, 1000]"));
        assertEachSettingAsAlone(axes, List.of(parse(ROSENBROCK.replace("B", "10")),
                parse(ROSENBROCK.replace("B", "100")), parse(ROSENBROCK.replace("B", "1000"))));
        // The known minimum (and so the minimum label) of a setting is its own: b moves no minimum, a does.
        List<RunRecord> runs = LocalSweep.run(parse(ROSENBROCK.replace("B", "100").replace("b: 100", "a: [1, -1]")));
        assertThat(runs).filteredOn(r -> r.lossConfig().equals("rosenbrock(a=-1, b=100)") && r.analysis().minimum() != null)
                .allSatisfy(r -> assertThat(r.result().finalWeights()[0]).isCloseTo(-1, org.assertj.core.api.Assertions.within(0.1)));
    }

    @Test
    void aFormulasConstantAxis() {
        String formula = """
                loss:
                  expression: (x - 1)^2 + b * (y - x^2)^2
                  variables: [x, y]
                  constants: {b: B}
                  minima: [[1, 1]]
                learning_rate: {values: [1.0e-3, 1.0e-2]}
                initial_weights: {points: [[0, 0], [-1, 1]]}
                stopping: {max_iterations: 2000}
                """;
        assertEachSettingAsAlone(parse(formula.replace("B", "{linear: {from: 1, to: 21, count: 3}}")),
                List.of(parse(formula.replace("B", "1")), parse(formula.replace("B", "11")),
                        parse(formula.replace("B", "21"))));
    }

    @Test
    void aModelsL2AxisWithMiniBatchesAndValidation() {
        String model = """
                loss:
                  model: logistic_regression
                  data: {path: conf/data/penguins.csv, label: sex, features: [bill_length_mm, bill_depth_mm],
                         standardize: true, missing: drop, validation_fraction: 0.2, seed: 1}
                  l2: L2
                batch_size: [full, 32]
                learning_rate: {values: [0.1, 1]}
                initial_weights: {zeros: true}
                stopping: {max_iterations: 300}
                """;
        SweepSpec axes = parse(model.replace("L2", "[0, 1.0e-2]"));
        assertEachSettingAsAlone(axes, List.of(parse(model.replace("L2", "0")), parse(model.replace("L2", "1.0e-2"))));
        assertThat(LocalSweep.run(axes)).extracting(RunRecord::lossConfig).containsOnly(
                "logistic_regression(l2=0)", "logistic_regression(l2=0.01)");
    }
}
