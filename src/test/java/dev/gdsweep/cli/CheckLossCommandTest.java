package dev.gdsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.BuiltinLosses;
import dev.gdsweep.loss.LossDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CheckLossCommandTest {

    @TempDir
    Path dir;

    static Stream<LossDefinition> builtins() {
        return BuiltinLosses.all().stream();
    }

    /** A 3-D (or the fixed dimension) lattice over the loss's usual domain. */
    private Path specFor(LossDefinition d) throws IOException {
        int n = d.fixedDimension() == 0 ? 3 : d.fixedDimension();
        double[] domain = d.usualDomain();
        StringBuilder min = new StringBuilder();
        StringBuilder max = new StringBuilder();
        for (int j = 0; j < n; j++) {
            double lo = domain.length == 2 ? domain[0] : domain[2 * j];
            double hi = domain.length == 2 ? domain[1] : domain[2 * j + 1];
            min.append(j == 0 ? "" : ", ").append(lo);
            max.append(j == 0 ? "" : ", ").append(hi);
        }
        String params = d.name().equals("quadratic") ? ", params: {diag: [1, 10, 100]}" : "";
        return Files.writeString(dir.resolve(d.name() + ".yaml"), "loss: {function: " + d.name() + params + "}\n"
                + "learning_rate: 0.01\n"
                + "initial_weights: {grid: {min: [" + min + "], max: [" + max + "], count: 11}}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtins")
    void everyBuiltInPasses(LossDefinition d) throws IOException {
        CliTest.Result r = CliTest.execute("check-loss", specFor(d).toString(), "--points", "100");

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("100 points checked").contains("OK (tolerance 1.0e-05)");
    }

    @Test
    void aWrongGradientFailsWithExitOneAndSaysWhere() throws IOException {
        Path spec = Files.writeString(dir.resolve("wrong.yaml"), """
                loss: {class: dev.gdsweep.plugin.WrongGradient}
                learning_rate: 0.1
                initial_weights: {grid: {min: [-1, -1], max: [1, 1], count: 5}}
                """);
        CliTest.Result r = CliTest.execute("check-loss", spec.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.out()).contains("coordinate 1").contains("FAILED: the gradient does not match");
    }

    @Test
    void formulasPass() throws IOException {
        Path spec = Files.writeString(dir.resolve("f.yaml"), """
                loss: {expression: "sin(x)*exp(y/3) + log1p(x^2) - sqrt(1 + y^2)*tanh(x - y)", variables: [x, y]}
                learning_rate: 0.1
                initial_weights: {random: {count: 300, min: [-3, -3], max: [3, 3], seed: 1}}
                """);
        CliTest.Result r = CliTest.execute("check-loss", spec.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("200 points checked");
    }
}
