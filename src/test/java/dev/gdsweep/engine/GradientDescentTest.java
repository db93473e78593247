package dev.gdsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Quadratic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GradientDescentTest {

    private static final double NO_BOUND = Double.POSITIVE_INFINITY;

    private static StoppingRule maxIterations(long k) {
        return new StoppingRule(k, 0.0, 0, 0.0, 1e12);
    }

    @ParameterizedTest
    @CsvSource({"0.05, 1", "0.1, 7", "0.2, 25", "0.199, 123"})
    void followsTheClosedFormOnAQuadratic(double lr, int k) {
        // w_k = (1 − lr·dᵢ)^k w₀, coordinate by coordinate.
        double[] diag = {1, 4, 9.5};
        double[] w0 = {0.7, -1.3, 2.0};
        RunResult r = new GradientDescent(3).run(new Quadratic(diag), lr, w0, maxIterations(k));

        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(r.iterations()).isEqualTo(k);
        double[] w = r.finalWeights();
        double loss = 0;
        double squaredGradient = 0;
        for (int i = 0; i < 3; i++) {
            double expected = Math.pow(1 - lr * diag[i], k) * w0[i];
            assertThat(w[i]).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            loss += 0.5 * diag[i] * expected * expected;
            squaredGradient += diag[i] * expected * diag[i] * expected;
        }
        assertThat(r.finalLoss()).isCloseTo(loss, within(1e-12));
        assertThat(r.gradientNorm()).isCloseTo(Math.sqrt(squaredGradient), within(1e-12));
        assertThat(r.initialLoss()).isCloseTo(new Quadratic(diag).value(w0), within(1e-15));
    }

    @ParameterizedTest
    @CsvSource({"1.0, 0.1, 2.0, 1e-6", "1.0, 0.5, -3.0, 1e-8", "10.0, 0.01, 1.0, 1e-5", "2.0, 0.9, 5.0, 1e-7"})
    void stopsAtTheFirstIterationWhoseGradientIsWithinTolerance(double d, double lr, double w0, double tol) {
        // 1-D: |g_k| = d·|1 − lr·d|^k·|w₀|; the first k with |g_k| ≤ tol, from the closed form.
        double contraction = Math.abs(1 - lr * d);
        long expected = 0;
        while (d * Math.pow(contraction, expected) * Math.abs(w0) > tol) {
            expected++;
        }
        StoppingRule rule = new StoppingRule(1_000_000, tol, 0, 0.0, 1e12);
        RunResult r = new GradientDescent(1).run(new Quadratic(new double[] {d}), lr, new double[] {w0}, rule);

        assertThat(r.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(r.status()).isEqualTo(Status.CONVERGED);
        assertThat(r.iterations()).isEqualTo(expected);
        assertThat(r.gradientNorm()).isLessThanOrEqualTo(tol);
        assertThat(r.finalWeights()[0])
                .isCloseTo(Math.pow(1 - lr * d, expected) * w0, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 10.0, 250.0})
    void divergesExactlyAboveTwoOverTheLargestCurvature(double largest) {
        double[] diag = {largest / 7, largest, largest / 2};
        double critical = 2 / largest;
        double[] w0 = {0.5, 0.5, 0.5};
        StoppingRule rule = new StoppingRule(200_000, 1e-9, 0, 0.0, 1e12);
        GradientDescent gd = new GradientDescent(3);
        Quadratic loss = new Quadratic(diag);

        assertThat(gd.run(loss, critical * 1.01, w0, rule).status()).isEqualTo(Status.DIVERGED);
        assertThat(gd.run(loss, critical * 1.0001, w0, rule).status()).isEqualTo(Status.DIVERGED);
        assertThat(gd.run(loss, critical * 0.999, w0, rule).status()).isEqualTo(Status.CONVERGED);
        assertThat(gd.run(loss, critical * 0.5, w0, rule).status()).isEqualTo(Status.CONVERGED);
        // At exactly 2/d the steep coordinate flips sign forever without growing or shrinking.
        RunResult edge = gd.run(loss, critical, w0, new StoppingRule(1000, 1e-9, 0, 0.0, 1e12));
        assertThat(edge.status()).isEqualTo(Status.MAX_ITERATIONS);
        assertThat(Math.abs(edge.finalWeights()[1])).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void divergenceIsReportedAtTheIterationWhereTheLossCrossesTheBound() {
        // 1-D quadratic d = 1, lr = 3: w_k = (−2)^k, loss = 2^(2k)/2, above 1e6 first at k = 11.
        StoppingRule rule = new StoppingRule(1000, 1e-9, 0, 0.0, 1e6);
        RunResult r = new GradientDescent(1).run(new Quadratic(new double[] {1}), 3.0, new double[] {1}, rule);

        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.iterations()).isEqualTo(11);
        assertThat(r.finalWeights()[0]).isEqualTo(-2048.0);
        assertThat(r.finalLoss()).isEqualTo(0.5 * 2048 * 2048);
        assertThat(r.bestLoss()).isEqualTo(0.5);
        assertThat(r.initialLoss()).isEqualTo(0.5);
    }

    @Test
    void overflowToInfinityIsADivergenceNotACrash() {
        StoppingRule rule = new StoppingRule(100_000, 1e-9, 0, 0.0, NO_BOUND);
        RunResult r = new GradientDescent(2).run(new Quadratic(new double[] {1, 1}), 1e150, new double[] {1, 1}, rule);

        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(r.iterations()).isBetween(1L, 10L);
        assertThat(Double.isFinite(r.bestLoss())).isTrue();
    }

    @Test
    void aLossThatReturnsNaNDivergesAtThatIteration() {
        Loss nanAfterThree = new ScriptedLoss(new double[] {5, 4, 3, Double.NaN});
        RunResult r = new GradientDescent(1).run(nanAfterThree, 0.1, new double[] {0}, maxIterations(100));

        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.iterations()).isEqualTo(3);
        assertThat(r.bestLoss()).isEqualTo(3.0);
        assertThat(Double.isNaN(r.finalLoss())).isTrue();
    }

    @Test
    void anInitialPointWithNoFiniteLossHasNaNBestLoss() {
        Loss infinite = new ScriptedLoss(new double[] {Double.POSITIVE_INFINITY});
        RunResult r = new GradientDescent(1).run(infinite, 0.1, new double[] {0}, maxIterations(100));

        assertThat(r.status()).isEqualTo(Status.DIVERGED);
        assertThat(r.iterations()).isZero();
        assertThat(Double.isNaN(r.bestLoss())).isTrue();
    }

    @Test
    void patienceCountsConsecutiveIterationsWithoutImprovementBeyondMinDelta() {
        // Losses by iteration. With min_delta 0.5: k=0 improves (best 10), k=1 (9.8) does not,
        // k=2 (9.4) improves (9.4 < 9.5), k=3..5 (9.3, 9.0, 9.2) do not: patience 3 stops at k = 5.
        Loss scripted = new ScriptedLoss(new double[] {10, 9.8, 9.4, 9.3, 9.0, 9.2, 1, 1, 1});
        RunResult r = new GradientDescent(1).run(scripted, 0.1, new double[] {0},
                new StoppingRule(100, 1e-12, 3, 0.5, 1e12));

        assertThat(r.stopReason()).isEqualTo(StopReason.NO_IMPROVEMENT);
        // A stop for lack of improvement is a plateau, not convergence: the gradient is still large.
        assertThat(r.status()).isEqualTo(Status.PLATEAU);
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(r.finalLoss()).isEqualTo(9.2);
        assertThat(r.bestLoss()).isEqualTo(9.0);
    }

    @Test
    void patienceWithZeroMinDeltaNeedsAStrictDecrease() {
        Loss scripted = new ScriptedLoss(new double[] {3, 2, 2, 1, 1, 1, 0.5});
        RunResult r = new GradientDescent(1).run(scripted, 0.1, new double[] {0},
                new StoppingRule(100, 1e-12, 2, 0.0, 1e12));

        // k=2 repeats 2 (1 without improvement), k=3 improves, k=4 and k=5 do not: stop at 5.
        assertThat(r.stopReason()).isEqualTo(StopReason.NO_IMPROVEMENT);
        assertThat(r.iterations()).isEqualTo(5);
    }

    @Test
    void patienceOffMeansOnlyTheIterationCapStopsAPlateau() {
        Loss flat = new ScriptedLoss(new double[] {1});
        RunResult r = new GradientDescent(1).run(flat, 0.1, new double[] {0}, maxIterations(50));

        assertThat(r.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(r.iterations()).isEqualTo(50);
    }

    @Test
    void rulesAreCheckedInOrderDivergenceBeforeToleranceBeforeCap() {
        // A loss above the bound with a zero gradient at the cap: divergence wins.
        StoppingRule rule = new StoppingRule(0, 1.0, 0, 0.0, 1.0);
        Loss high = new ScriptedLoss(new double[] {5}, 0.0);
        assertThat(new GradientDescent(1).run(high, 0.1, new double[] {0}, rule).stopReason())
                .isEqualTo(StopReason.DIVERGED);
        // A zero gradient at the cap (max_iterations 0): tolerance wins over the cap.
        Loss flatMinimum = new ScriptedLoss(new double[] {0.5}, 0.0);
        assertThat(new GradientDescent(1).run(flatMinimum, 0.1, new double[] {0}, rule).stopReason())
                .isEqualTo(StopReason.GRADIENT_TOLERANCE);
    }

    @Test
    void maxIterationsZeroEvaluatesTheStartOnly() {
        RunResult r = new GradientDescent(1).run(new Quadratic(new double[] {2}), 0.1, new double[] {3},
                maxIterations(0));
        assertThat(r.iterations()).isZero();
        assertThat(r.finalWeights()).containsExactly(3.0);
        assertThat(r.finalLoss()).isEqualTo(9.0);
    }

    @Test
    void theInitialWeightsAreNotModifiedAndTheEngineIsReusable() {
        double[] w0 = {1.0, -1.0};
        GradientDescent gd = new GradientDescent(2);
        Quadratic loss = new Quadratic(new double[] {1, 3});
        RunResult first = gd.run(loss, 0.1, w0, maxIterations(20));
        RunResult second = gd.run(loss, 0.1, w0, maxIterations(20));
        assertThat(w0).containsExactly(1.0, -1.0);
        assertThat(second).isEqualTo(first);
    }

    /**
     * A 1-D loss that returns the k-th scripted value at its k-th evaluation (the last one after
     * that), with a constant gradient, to test the stopping rules in isolation.
     */
    private static final class ScriptedLoss implements Loss {
        private final double[] values;
        private final double gradient;
        private int calls;

        ScriptedLoss(double[] values) {
            this(values, 1.0);
        }

        ScriptedLoss(double[] values, double gradient) {
            this.values = values;
            this.gradient = gradient;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public double value(double[] w) {
            return values[Math.min(calls, values.length - 1)];
        }

        @Override
        public double valueAndGradient(double[] w, double[] g) {
            g[0] = gradient;
            return values[Math.min(calls++, values.length - 1)];
        }
    }
}
