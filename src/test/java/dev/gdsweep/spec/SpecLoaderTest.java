package dev.gdsweep.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gdsweep.grid.Grid;
import dev.gdsweep.grid.Lattice;
import dev.gdsweep.grid.LearningRates;
import dev.gdsweep.grid.RandomPoints;
import dev.gdsweep.optim.OptimizerConfig;
import dev.gdsweep.optim.Schedule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    static final String HIMMELBLAU = """
            name: basins
            loss:
              function: himmelblau
            learning_rate:
              log: {from: 1.0e-4, to: 1.0e-1, count: 16}
            initial_weights:
              grid: {min: [-5, -5], max: [5, 5], count: [21, 21]}
            stopping:
              max_iterations: 500
            output:
              path: out/basins
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsAFullSpecAndFillsDefaults() throws IOException {
        SweepSpec spec = SpecLoader.load(write("s.yaml", HIMMELBLAU), List.of(), DataResolver.NONE);

        assertThat(spec.name()).isEqualTo("basins");
        assertThat(spec.loss().name()).isEqualTo("himmelblau");
        assertThat(spec.learningRates().spacing()).isEqualTo(LearningRates.Spacing.LOG);
        assertThat(spec.learningRates().count()).isEqualTo(16);
        assertThat(spec.learningRates().get(0)).isEqualTo(1e-4);
        assertThat(spec.learningRates().get(15)).isEqualTo(0.1);
        assertThat(spec.initialPoints()).isInstanceOf(Lattice.class);
        assertThat(spec.grid().size()).isEqualTo(16L * 441);
        assertThat(spec.stopping().maxIterations()).isEqualTo(500);
        assertThat(spec.stopping().gradientTolerance()).isEqualTo(Defaults.GRADIENT_TOLERANCE);
        assertThat(spec.stopping().patience()).isEqualTo(Defaults.PATIENCE);
        assertThat(spec.stopping().minDelta()).isEqualTo(Defaults.MIN_DELTA);
        assertThat(spec.stopping().divergenceLoss()).isEqualTo(Defaults.DIVERGENCE_LOSS);
        assertThat(spec.outputPath()).isEqualTo("out/basins");
        assertThat(spec.limits().maxRuns()).isEqualTo(Defaults.MAX_RUNS);
    }

    @Test
    void nameAndOutputDefaultToTheFileName() throws IOException {
        String minimal = """
                loss: {function: booth}
                learning_rate: 0.01
                initial_weights: {points: [[0, 0], [1, 2]]}
                """;
        SweepSpec spec = SpecLoader.load(write("my-booth.yaml", minimal), List.of(), DataResolver.NONE);
        assertThat(spec.name()).isEqualTo("my-booth");
        assertThat(spec.outputPath()).isEqualTo("reports/my-booth");
        assertThat(spec.learningRates().count()).isEqualTo(1);
        assertThat(spec.stopping().maxIterations()).isEqualTo(Defaults.MAX_ITERATIONS);
    }

    @Test
    void theResolvedSpecReloadsToTheSameSweep() throws IOException {
        String random = """
                name: r
                loss: {function: rosenbrock, params: {b: 10}}
                learning_rate: {values: [0.001, 0.003, 0.01]}
                initial_weights:
                  random: {count: 50, min: [-2, -1, 0], max: [2, 1, 3], seed: 42}
                stopping: {patience: 5, min_delta: 1.0e-9, divergence_loss: .inf}
                """;
        SweepSpec original = SpecLoader.load(write("r.yaml", random), List.of(), DataResolver.NONE);
        String yaml = SpecWriter.toYaml(original);
        SweepSpec reloaded = SpecLoader.parse(yaml, "spec.yaml", "x", List.of(), DataResolver.NONE);

        assertThat(reloaded.name()).isEqualTo("r");
        assertThat(reloaded.stopping()).isEqualTo(original.stopping());
        assertThat(reloaded.outputPath()).isEqualTo(original.outputPath());
        LossSpec.Builtin loss = (LossSpec.Builtin) reloaded.loss();
        assertThat(loss.params().scalar("b", 0)).isEqualTo(10.0);
        assertThat(loss.params().scalar("a", 0)).isEqualTo(1.0);
        assertThat(SpecWriter.toYaml(reloaded)).isEqualTo(yaml);
        double[] a = new double[3];
        double[] b = new double[3];
        for (long id = 0; id < original.grid().size(); id++) {
            assertThat(reloaded.grid().learningRate(id)).isEqualTo(original.grid().learningRate(id));
            original.grid().initialWeights(id, a);
            reloaded.grid().initialWeights(id, b);
            assertThat(b).containsExactly(a);
        }
        assertThat(reloaded.initialPoints()).isInstanceOf(RandomPoints.class);
    }

    @Test
    void resolvedSpecOfALogRangeReproducesEveryRate() throws IOException {
        SweepSpec original = SpecLoader.load(write("s.yaml", HIMMELBLAU), List.of(), DataResolver.NONE);
        SweepSpec reloaded = SpecLoader.parse(SpecWriter.toYaml(original), "spec.yaml", "x", List.of(), DataResolver.NONE);
        for (int i = 0; i < 16; i++) {
            assertThat(reloaded.learningRates().get(i)).isEqualTo(original.learningRates().get(i));
        }
    }

    @Test
    void overridesReplaceAddAndSwitchKinds() throws IOException {
        Path file = write("s.yaml", HIMMELBLAU);
        SweepSpec spec = SpecLoader.load(file, List.of(
                "stopping.max_iterations=77",
                "stopping.patience=4",
                "learning_rate.values=[0.5, 0.25]",
                "initial_weights.points=[[1, 1]]",
                "name=other"), DataResolver.NONE);
        assertThat(spec.stopping().maxIterations()).isEqualTo(77);
        assertThat(spec.stopping().patience()).isEqualTo(4);
        assertThat(spec.learningRates().values()).containsExactly(0.5, 0.25);
        assertThat(spec.initialPoints().count()).isEqualTo(1);
        assertThat(spec.name()).isEqualTo("other");
    }

    @Test
    void anOverrideOfAnUnknownKeyIsAnError() throws IOException {
        Path file = write("s.yaml", HIMMELBLAU);
        assertThatThrownBy(() -> SpecLoader.load(file, List.of("stopping.max_iter=5"), DataResolver.NONE))
                .isInstanceOf(SpecException.class)
                .hasMessage("--set stopping.max_iter=5: stopping.max_iter: unknown key 'max_iter'; known keys here: "
                        + "max_iterations, gradient_tolerance, patience, min_delta, divergence_loss, max_seconds");
    }

    @Test
    void aBadOverrideValueNamesTheOverride() throws IOException {
        Path file = write("s.yaml", HIMMELBLAU);
        assertThatThrownBy(() -> SpecLoader.load(file, List.of("stopping.max_iterations=lots"), DataResolver.NONE))
                .hasMessage("--set stopping.max_iterations=lots: stopping.max_iterations: must be a whole number, "
                        + "got lots");
        assertThatThrownBy(() -> SpecLoader.load(file, List.of("max_iterations"), DataResolver.NONE))
                .hasMessageContaining("--set: expected KEY=VALUE");
        assertThatThrownBy(() -> SpecLoader.load(file, List.of("stopping..x=1"), DataResolver.NONE))
                .hasMessageContaining("KEY must be dotted names");
    }

    static final String OPTIMIZERS = """
            name: compare
            loss: {function: rosenbrock}
            optimizer:
              - name: gd
              - name: momentum
                momentum: [0.5, 0.9]
              - adam
              - {name: rmsprop, rho: [0.8, 0.9], epsilon: [1.0e-8, 1.0e-6]}
            schedule:
              - constant
              - {name: step, gamma: 0.5, step_size: 100}
            learning_rate: {values: [0.001, 0.01]}
            initial_weights: {points: [[0, 0], [1, 2], [-1, 1]]}
            """;

    @Test
    void optimizerSettingListsAreAxesExpandedLastSettingFastest() throws IOException {
        SweepSpec spec = SpecLoader.load(write("o.yaml", OPTIMIZERS), List.of(), DataResolver.NONE);

        assertThat(spec.optimizers()).extracting(OptimizerConfig::label).containsExactly(
                "gd",
                "momentum(momentum=0.5)",
                "momentum(momentum=0.9)",
                "adam(beta1=0.9, beta2=0.999, epsilon=1e-08)",
                "rmsprop(rho=0.8, epsilon=1e-08)",
                "rmsprop(rho=0.8, epsilon=1e-06)",
                "rmsprop(rho=0.9, epsilon=1e-08)",
                "rmsprop(rho=0.9, epsilon=1e-06)");
        assertThat(spec.schedules()).extracting(Schedule::label)
                .containsExactly("constant", "step(gamma=0.5, step_size=100)");
        Grid grid = spec.grid();
        assertThat(grid.size()).isEqualTo(8L * 2 * 2 * 3);
        // Slowest to fastest: optimizer, schedule, learning rate, initial point.
        long id = ((3L * 2 + 1) * 2 + 1) * 3 + 2;
        assertThat(grid.optimizer(id).label()).isEqualTo("adam(beta1=0.9, beta2=0.999, epsilon=1e-08)");
        assertThat(grid.schedule(id).label()).isEqualTo("step(gamma=0.5, step_size=100)");
        assertThat(grid.learningRate(id)).isEqualTo(0.01);
        assertThat(grid.initialPointIndex(id)).isEqualTo(2);
    }

    @Test
    void optimizersAndSchedulesSurviveTheResolvedSpec() throws IOException {
        SweepSpec original = SpecLoader.load(write("o.yaml", OPTIMIZERS), List.of(), DataResolver.NONE);
        String yaml = SpecWriter.toYaml(original);
        SweepSpec reloaded = SpecLoader.parse(yaml, "spec.yaml", "x", List.of(), DataResolver.NONE);
        assertThat(reloaded.optimizers()).isEqualTo(original.optimizers());
        assertThat(reloaded.schedules()).isEqualTo(original.schedules());
        assertThat(SpecWriter.toYaml(reloaded)).isEqualTo(yaml);
    }

    @Test
    void withoutAnOptimizerASweepIsPlainGradientDescentAtAConstantRate() throws IOException {
        SweepSpec spec = SpecLoader.load(write("s.yaml", HIMMELBLAU), List.of(), DataResolver.NONE);
        assertThat(spec.optimizers()).containsExactly(OptimizerConfig.PLAIN);
        assertThat(spec.schedules()).containsExactly(Schedule.CONSTANT);
        assertThat(spec.grid().learningRateIndex(441 * 3 + 5)).isEqualTo(3);
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> SpecLoader.load(missing, List.of(), DataResolver.NONE))
                .isInstanceOf(SpecException.class)
                .hasMessage(missing + ": spec file not found");
    }

    @Test
    void aDirectoryIsNotASpec() {
        assertThatThrownBy(() -> SpecLoader.load(dir, List.of(), DataResolver.NONE))
                .hasMessage(dir + ": is a directory, not a spec file");
    }
}
