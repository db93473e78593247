package dev.gdsweep.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.engine.StopReason;
import dev.gdsweep.spec.DataResolver;
import dev.gdsweep.spec.SpecLoader;
import dev.gdsweep.sweep.LocalSweep;
import dev.gdsweep.sweep.RunRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Overflow, NaN, infinite gradients, absurd learning rates and subnormal numbers: every run ends with
 * a status and the iteration it stopped at; nothing throws, and the sweep completes.
 */
class NumericalRobustnessTest {

    private static List<RunRecord> sweep(String loss, String learningRates, String points, String stopping) {
        return LocalSweep.run(SpecLoader.parse("loss: " + loss + "\nlearning_rate: " + learningRates
                + "\ninitial_weights: {points: " + points + "}\nstopping: " + stopping + "\n", "spec.yaml", "n",
                List.of(), DataResolver.NONE));
    }

    private static RunResult only(List<RunRecord> runs) {
        assertThat(runs).hasSize(1);
        return runs.get(0).result();
    }

    @Test
    void overflowToInfinityDiverges() {
        // exp(x²) from 1 with η = 1: x₁ = 1 − 2e ≈ −4.4, x₂ ≈ 2e9, and exp(x₂²) overflows to +Infinity.
        RunResult r = only(sweep("{expression: 'exp(x^2)', variables: [x]}", "[1.0]", "[[1]]",
                "{divergence_loss: .inf}"));
        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(r.iterations()).isEqualTo(2);
        assertThat(r.finalLoss()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aLossThatBecomesNaNDivergesAtThatIteration() {
        // log(x) from 1 with η = 2: x₁ = 1 − 2·(1/1) = −1, and log(−1) is NaN.
        RunResult r = only(sweep("{expression: 'log(x)', variables: [x]}", "[2.0]", "[[1]]", "{}"));
        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.iterations()).isEqualTo(1);
        assertThat(r.finalWeights()[0]).isEqualTo(-1.0);
        assertThat(r.bestLoss()).isEqualTo(0.0);
        // g = 1/x + 2x = 3 at 1: x₁ = −2, log(−2) is NaN.
        RunResult negative = only(sweep("{expression: 'log(x) + x^2', variables: [x]}", "[1.0]", "[[1]]", "{}"));
        assertThat(negative.status()).isEqualTo(Status.DIVERGED);
        assertThat(Double.isNaN(negative.finalLoss())).isTrue();
        assertThat(negative.iterations()).isEqualTo(1);
    }

    @Test
    void infinityMinusInfinityIsNaNAndDiverges() {
        RunResult r = only(sweep("{expression: 'exp(1000*x) - exp(1000*x) + x^2', variables: [x]}", "[0.1]",
                "[[1]]", "{}"));
        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(r.iterations()).isZero();
        assertThat(Double.isNaN(r.finalLoss())).isTrue();
    }

    @Test
    void anInfiniteGradientAtAFiniteLossDiverges() {
        // sqrt(|x|) at 0: value 0, derivative +Infinity.
        RunResult r = only(sweep("{expression: 'sqrt(x)', variables: [x]}", "[0.1]", "[[0]]", "{}"));
        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(r.iterations()).isZero();
        assertThat(r.finalLoss()).isZero();
        assertThat(r.gradientNorm()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void learningRatesUpTo1e300DivergeAndSmallOnesStillConverge() {
        List<RunRecord> runs = sweep("{function: rosenbrock}", "[1.0e-3, 1.0e100, 1.0e300]",
                "[[-1.2, 1.0], [0.5, 0.5]]", "{max_iterations: 100000, divergence_loss: .inf}");
        assertThat(runs).hasSize(6);
        assertThat(runs.subList(0, 2)).allSatisfy(r -> assertThat(r.result().status()).isEqualTo(Status.CONVERGED));
        assertThat(runs.subList(2, 6)).allSatisfy(r -> {
            assertThat(r.result().status()).isEqualTo(Status.DIVERGED);
            assertThat(r.result().iterations()).isBetween(1L, 5L);
        });
    }

    @Test
    void subnormalStartsAndGradientsAreHandled() {
        // Starts at 1e-310 (subnormal): the gradient is tiny and below tolerance at once.
        RunResult tiny = only(sweep("{function: quadratic}", "[0.1]", "[[1.0e-310, -4.9e-324]]", "{}"));
        assertThat(tiny.status()).isEqualTo(Status.CONVERGED);
        assertThat(tiny.iterations()).isZero();
        // With no tolerance the iterate shrinks by 4 per step through the subnormals to exactly zero,
        // where the gradient is 0: about 39 steps from 1e-300. The gradient's squares underflow long
        // before that, so the norm must not be taken as 0 while g is not (it used to stop at once).
        RunResult toZero = only(sweep("{function: quadratic}", "[0.75]", "[[1.0e-300, 1.0e-300]]",
                "{gradient_tolerance: 0, max_iterations: 100000}"));
        assertThat(toZero.status()).isEqualTo(Status.CONVERGED);
        assertThat(toZero.finalWeights()).containsExactly(0.0, 0.0);
        assertThat(toZero.iterations()).isBetween(35L, 45L);
    }

    @Test
    void aPerRunTimeLimitEndsTheRunAsMaxTime() {
        // A run that would take 10^12 iterations, stopped after about 50 ms; checked every 256 iterations.
        RunResult r = only(sweep("{function: rosenbrock}", "[1.0e-9]", "[[-1.2, 1.0]]",
                "{max_iterations: 1000000000000, gradient_tolerance: 0, max_seconds: 0.05}"));
        assertThat(r.status()).isEqualTo(Status.MAX_TIME);
        assertThat(r.stopReason().label()).isEqualTo("max_time");
        assertThat(r.iterations() % 256).isEqualTo(255);
        assertThat(r.iterations()).isLessThan(1_000_000_000_000L);
    }
}
