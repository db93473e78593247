package dev.gdsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.data.LocalDataResolver;
import dev.gdsweep.grid.Grid;
import dev.gdsweep.loss.Minimum;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numeric loss settings given as lists or ranges: axes of the grid, the slowest. */
class LossAxesTest {

    private static final String RATES_AND_STARTS = """
            learning_rate: {values: [0.001, 0.002]}
            initial_weights: {points: [[0, 0], [1, 2], [-1, 1]]}
            """;

    private static SweepSpec parse(String yaml) {
        return SpecLoader.parse(yaml, "s.yaml", "s", List.of(), new LocalDataResolver());
    }

    private static List<String> configs(SweepSpec spec) {
        return spec.losses().all().stream().map(LossSpec::config).toList();
    }

    @Test
    void aListOfABuiltinsParameterIsTheSlowestAxisInListedOrder() {
        SweepSpec spec = parse("loss: {function: rosenbrock, params: {b: [10, 100, 1000]}}\n" + RATES_AND_STARTS);

        assertThat(configs(spec)).containsExactly("rosenbrock(a=1, b=10)", "rosenbrock(a=1, b=100)",
                "rosenbrock(a=1, b=1000)");
        Grid grid = spec.grid();
        assertThat(grid.size()).isEqualTo(3 * 2 * 3);
        // Loss setting slowest, then learning rate, then initial point.
        for (long id = 0; id < grid.size(); id++) {
            assertThat(grid.lossSettingIndex(id)).isEqualTo((int) (id / 6));
            assertThat(grid.learningRateIndex(id)).isEqualTo((int) (id / 3 % 2));
            assertThat(grid.initialPointIndex(id)).isEqualTo(id % 3);
        }
        assertThat(spec.loss().config()).isEqualTo("rosenbrock(a=1, b=10)");
    }

    @Test
    void severalAxesExpandFirstWrittenSlowestAndBeforeTheOptimizers() {
        SweepSpec spec = parse("loss: {function: rosenbrock, params: {b: [10, 100], a: [1, 2]}}\n"
                + "optimizer: [gd, momentum]\n" + RATES_AND_STARTS);

        // Written (and so expanded) in the definition's order: a, then b.
        assertThat(configs(spec)).containsExactly("rosenbrock(a=1, b=10)", "rosenbrock(a=1, b=100)",
                "rosenbrock(a=2, b=10)", "rosenbrock(a=2, b=100)");
        Grid grid = spec.grid();
        assertThat(grid.size()).isEqualTo(4 * 2 * 2 * 3);
        long perSetting = 2 * 2 * 3;
        for (long id = 0; id < grid.size(); id++) {
            assertThat(grid.lossSettingIndex(id)).isEqualTo((int) (id / perSetting));
            assertThat(grid.optimizerIndex(id)).isEqualTo((int) (id % perSetting / 6));
        }
    }

    @Test
    void aSweepWithOneSettingHasTheRunIdsOfASweepWithoutAnAxis() {
        SweepSpec plain = parse("loss: {function: rosenbrock, params: {b: 100}}\noptimizer: [gd, momentum]\n"
                + RATES_AND_STARTS);
        SweepSpec one = parse("loss: {function: rosenbrock, params: {b: [100]}}\noptimizer: [gd, momentum]\n"
                + RATES_AND_STARTS);

        assertThat(one.grid().size()).isEqualTo(plain.grid().size());
        for (long id = 0; id < plain.grid().size(); id++) {
            assertThat(one.grid().optimizerIndex(id)).isEqualTo(plain.grid().optimizerIndex(id));
            assertThat(one.grid().learningRate(id)).isEqualTo(plain.grid().learningRate(id));
            assertThat(one.grid().initialPointIndex(id)).isEqualTo(plain.grid().initialPointIndex(id));
            assertThat(one.grid().lossSettingIndex(id)).isZero();
        }
        assertThat(one.loss().config()).isEqualTo(plain.loss().config());
    }

    @Test
    void logAndLinearRangesAreSpacedAsLearningRates() {
        SweepSpec log = parse("loss: {function: rosenbrock, params: {b: {log: {from: 10, to: 1000, count: 3}}}}\n"
                + RATES_AND_STARTS);
        SweepSpec linear = parse("loss: {function: rosenbrock, params: {a: {linear: {from: 0, to: 1, count: 5}}}}\n"
                + RATES_AND_STARTS);
        SweepSpec values = parse("loss: {function: rosenbrock, params: {b: {values: [10, 1000]}}}\n"
                + RATES_AND_STARTS);

        assertThat(log.losses().all()).extracting(l -> l.lossParams().get("b")).containsExactly(10.0,
                dev.gdsweep.grid.LearningRates.log(10, 1000, 3).get(1), 1000.0);
        assertThat(linear.losses().all()).extracting(l -> l.lossParams().get("a"))
                .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        assertThat(configs(values)).containsExactly("rosenbrock(a=1, b=10)", "rosenbrock(a=1, b=1000)");
    }

    @Test
    void aVectorParameterTakesAListOfVectorsFlattenedInTheParams() {
        SweepSpec spec = parse("loss: {function: quadratic, params: {diag: [[1, 10], [1, 100]]}}\n"
                + RATES_AND_STARTS);

        assertThat(configs(spec)).containsExactly("quadratic(diag=[1, 10])", "quadratic(diag=[1, 100])");
        assertThat(spec.losses().get(1).lossParams()).containsExactly(Map.entry("diag[0]", 1.0),
                Map.entry("diag[1]", 100.0));
        // A plain vector is still one setting.
        SweepSpec one = parse("loss: {function: quadratic, params: {diag: [1, 10]}}\n" + RATES_AND_STARTS);
        assertThat(one.losses().hasAxes()).isFalse();
        assertThat(one.loss().config()).isEqualTo("quadratic(diag=[1, 10])");
    }

    @Test
    void aFormulasConstantsAndAModelsL2() {
        SweepSpec formula = parse("""
                loss:
                  expression: a * (x - 1)^2 + b * y^2
                  variables: [x, y]
                  constants: {b: [10, 100], a: 1}
                  minima: [[1, 0]]
                """ + RATES_AND_STARTS);
        assertThat(configs(formula)).containsExactly("formula(a=1, b=10)", "formula(a=1, b=100)");
        // A formula's minima are fixed: the same for every setting.
        for (LossSpec setting : formula.losses().all()) {
            assertThat(setting.create(2).knownMinima()).extracting(Minimum::point)
                    .containsExactly(new double[] {1, 0});
        }

        SweepSpec model = parse("""
                loss:
                  model: linear_regression
                  data: {path: conf/data/anscombe.csv, label: y}
                  l2: [0, 1.0e-3, 1.0e-2]
                learning_rate: 0.01
                initial_weights: {zeros: true}
                """);
        assertThat(configs(model)).containsExactly("linear_regression(l2=0)", "linear_regression(l2=0.001)",
                "linear_regression(l2=0.01)");
        // One data set, shared by every setting.
        List<LossSpec> settings = model.losses().all();
        assertThat(((LossSpec.Model) settings.get(2)).data()).isSameAs(((LossSpec.Model) settings.get(0)).data());
    }

    @Test
    void aPluginsParametersAndTheirRule() {
        SweepSpec spec = parse("loss: {class: dev.gdsweep.plugin.ShiftedBowl, params: {centre: [0, 1, 2]}}\n"
                + RATES_AND_STARTS);

        assertThat(configs(spec)).containsExactly("ShiftedBowl(centre=0)", "ShiftedBowl(centre=1)",
                "ShiftedBowl(centre=2)");
        assertThat(spec.losses().get(2).create(2).value(new double[] {2, 2})).isZero();
        assertThat(SpecWriter.toYaml(spec)).contains("  params:\n    centre: [0.0, 1.0, 2.0]\n");
    }

    @Test
    void aBuiltinsKnownMinimaFollowItsParameters() {
        SweepSpec spec = parse("loss: {function: rosenbrock, params: {a: [1, 2]}}\n" + RATES_AND_STARTS);

        assertThat(spec.losses().get(0).create(2).knownMinima().get(0).point()).containsExactly(1, 1);
        assertThat(spec.losses().get(1).create(2).knownMinima().get(0).point()).containsExactly(2, 4);
    }

    @Test
    void theAxesAreWrittenBackAsGivenAndReadBackToTheSameSweep() {
        String yaml = """
                name: steep
                loss:
                  function: rosenbrock
                  params:
                    b: {log: {from: 10, to: 1000, count: 3}}
                    a: [1, 2]
                """ + RATES_AND_STARTS;
        SweepSpec spec = parse(yaml);
        String written = SpecWriter.toYaml(spec);

        assertThat(written).contains("params:\n    a: [1.0, 2.0]\n    b:\n      log: {from: 10.0, to: 1000.0, count: 3}\n");
        SweepSpec reread = parse(written);
        assertThat(reread.sameRunsAs(spec)).isTrue();
        assertThat(SpecWriter.toYaml(reread)).isEqualTo(written);
        assertThat(configs(reread)).isEqualTo(configs(spec));

        SweepSpec other = parse(yaml.replace("a: [1, 2]", "a: [1, 3]"));
        assertThat(other.sameRunsAs(spec)).isFalse();
        SweepSpec without = parse(yaml.replace("a: [1, 2]", "a: 1"));
        assertThat(without.sameRunsAs(spec)).isFalse();
    }

    @Test
    void aModelsL2AxisAndAVectorAxisAreWrittenBack() {
        SweepSpec model = parse("""
                loss:
                  model: linear_regression
                  data: {path: conf/data/anscombe.csv, label: y}
                  l2: [0, 1.0e-3]
                learning_rate: 0.01
                initial_weights: {zeros: true}
                """);
        assertThat(SpecWriter.toYaml(model)).contains("  l2: [0.0, 0.001]\n");
        assertThat(parse(SpecWriter.toYaml(model)).sameRunsAs(model)).isTrue();

        SweepSpec quadratic = parse("loss: {function: quadratic, params: {diag: [[1, 10], [1, 100]]}}\n"
                + RATES_AND_STARTS);
        assertThat(SpecWriter.toYaml(quadratic)).contains("diag:\n    - [1.0, 10.0]\n    - [1.0, 100.0]\n");
        assertThat(configs(parse(SpecWriter.toYaml(quadratic)))).isEqualTo(configs(quadratic));
    }
}
