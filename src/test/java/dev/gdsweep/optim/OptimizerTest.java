package dev.gdsweep.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gdsweep.engine.GradientDescent;
import dev.gdsweep.engine.RunResult;
import dev.gdsweep.engine.Status;
import dev.gdsweep.engine.StoppingRule;
import dev.gdsweep.loss.Booth;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Quadratic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptimizerTest {

    /** f = ½·2·w², so g = 2w; from w₀ = 1 with η = 0.1 every rule's first steps are easy to do by hand. */
    private static final Loss QUADRATIC = new Quadratic(new double[] {2});

    private static double[] steps(Optimizer optimizer, double lr, int k) {
        return steps(OptimizerConfig.defaults(optimizer), Schedule.CONSTANT, lr, k);
    }

    private static double[] steps(OptimizerConfig config, Schedule schedule, double lr, int k) {
        double[] out = new double[k + 1];
        out[0] = 1.0;
        for (int n = 1; n <= k; n++) {
            StoppingRule stopAfter = new StoppingRule(n, 0.0, 0, 0.0, 1e12);
            RunResult r = new GradientDescent(1).run(QUADRATIC, config.create(1), schedule, lr, new double[] {1.0},
                    stopAfter);
            out[n] = r.finalWeights()[0];
        }
        return out;
    }

    @Test
    void gradientDescent() {
        assertThat(steps(Optimizer.GD, 0.1, 2)).containsExactly(1.0, 0.8, 0.64);
    }

    @Test
    void momentum() {
        // v₁ = 0.1·2 = 0.2, w₁ = 0.8; g₁ = 1.6, v₂ = 0.9·0.2 + 0.16 = 0.34, w₂ = 0.46.
        assertThat(steps(Optimizer.MOMENTUM, 0.1, 2)).containsExactly(new double[] {1.0, 0.8, 0.46}, within(1e-15));
    }

    @Test
    void nesterov() {
        // v₁ = 0.2, w₁ = 1 − (0.9·0.2 + 0.2) = 0.62; g₁ = 1.24, v₂ = 0.18 + 0.124 = 0.304,
        // w₂ = 0.62 − (0.9·0.304 + 0.124) = 0.2224.
        assertThat(steps(Optimizer.NESTEROV, 0.1, 2)).containsExactly(new double[] {1.0, 0.62, 0.2224},
                within(1e-15));
    }

    @Test
    void adagrad() {
        // G₁ = 4, w₁ = 1 − 0.1·2/√(4 + 1e-8); g₁ = 2w₁, G₂ = 4 + g₁², w₂ = w₁ − 0.1·g₁/√(G₂ + 1e-8).
        double w1 = 1 - 0.1 * 2 / Math.sqrt(4 + 1e-8);
        double g1 = 2 * w1;
        double w2 = w1 - 0.1 * g1 / Math.sqrt(4 + g1 * g1 + 1e-8);
        assertThat(steps(Optimizer.ADAGRAD, 0.1, 2)).containsExactly(new double[] {1.0, w1, w2}, within(1e-15));
        assertThat(w1).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void adadeltaWithItsMultiplierOfOne() {
        // E[g²] = 0.05·4 = 0.2; Δ = −√(1e-6)/√(0.2 + 1e-6)·2 ≈ −0.0044721; w₁ = 1 + Δ.
        double delta = -Math.sqrt(1e-6) / Math.sqrt(0.2 + 1e-6) * 2;
        assertThat(steps(Optimizer.ADADELTA, 1.0, 1)[1]).isCloseTo(1 + delta, within(1e-15));
        assertThat(1 + delta).isCloseTo(0.9955279, within(1e-7));
        // The learning rate scales Adadelta's step.
        assertThat(steps(Optimizer.ADADELTA, 0.5, 1)[1]).isCloseTo(1 + 0.5 * delta, within(1e-15));
    }

    @Test
    void rmsprop() {
        // E[g²] = 0.1·4 = 0.4, w₁ = 1 − 0.1·2/√0.4 ≈ 0.683772.
        assertThat(steps(Optimizer.RMSPROP, 0.1, 1)[1]).isCloseTo(1 - 0.2 / Math.sqrt(0.4 + 1e-8), within(1e-15));
    }

    @Test
    void adamsFirstStepIsTheLearningRateTimesTheGradientsSign() {
        // m̂ = g, v̂ = g², so the first step is η·g/(|g| + ε).
        assertThat(steps(Optimizer.ADAM, 0.1, 1)[1]).isCloseTo(1 - 0.1 * 2 / (2 + 1e-8), within(1e-15));
    }

    @Test
    void adamsSecondStepUsesBiasCorrectionWithTEqualsTwo() {
        double w1 = 1 - 0.1 * 2 / (2 + 1e-8);
        double g1 = 2 * w1;
        double m = 0.9 * 0.2 + 0.1 * g1;
        double v = 0.999 * 0.004 + 0.001 * g1 * g1;
        double expected = w1 - 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertThat(steps(Optimizer.ADAM, 0.1, 2)[2]).isCloseTo(expected, within(1e-15));
    }

    @Test
    void adamax() {
        // m = 0.2, u = 2, step = 0.1/(1 − 0.9)·0.2/2 = 0.1.
        assertThat(steps(Optimizer.ADAMAX, 0.1, 1)[1]).isCloseTo(0.9, within(1e-15));
    }

    @Test
    void nadam() {
        // m̂ = 2, v̂ = 4: w₁ = 1 − 0.1/(2 + ε)·(0.9·2 + 0.1·2/0.1) = 1 − 0.19.
        assertThat(steps(Optimizer.NADAM, 0.1, 1)[1]).isCloseTo(1 - 0.1 / (2 + 1e-8) * 3.8, within(1e-15));
    }

    @Test
    void amsgradHasNoBiasCorrection() {
        // m = 0.2, v = v̂ = 0.004: w₁ = 1 − 0.1·0.2/(√0.004 + ε) ≈ 0.683772.
        assertThat(steps(Optimizer.AMSGRAD, 0.1, 1)[1]).isCloseTo(1 - 0.02 / (Math.sqrt(0.004) + 1e-8),
                within(1e-15));
    }

    @Test
    void amsgradNeverLetsItsSecondMomentShrink() {
        // A gradient that is large first and then small: Adam's v decays, AMSGrad's v̂ keeps the maximum,
        // so AMSGrad's later steps are smaller than Adam-without-bias-correction's would be.
        double[] w = {0};
        AmsGrad rule = new AmsGrad(1, 0.0, 0.5, 0.0);
        rule.step(w, new double[] {10}, 0, 1.0);   // v = 50, v̂ = 50
        double before = w[0];
        rule.step(w, new double[] {1}, 1, 1.0);    // v = 25.5, v̂ stays 50
        assertThat(before - w[0]).isCloseTo(1 / Math.sqrt(50), within(1e-15));
    }

    @Test
    void momentumFollowsItsClosedFormLinearRecurrence() {
        // 1-D quadratic: w_{k+1} = (1 + γ − ηd)·w_k − γ·w_{k−1}, w₁ = (1 − ηd)·w₀. Real roots when
        // (1 + γ − ηd)² > 4γ (overdamped), complex ones otherwise (the iterates oscillate).
        for (double[] case_ : new double[][] {{0.5, 0.05}, {0.9, 0.1}, {0.3, 1.5}}) {
            double gamma = case_[0];
            double lr = case_[1];
            OptimizerConfig config = new OptimizerConfig(Optimizer.MOMENTUM, new double[] {gamma});
            double[] w = steps(config, Schedule.CONSTANT, lr / 2, 40); // d = 2, so η·d = lr
            for (int k = 0; k <= 40; k++) {
                double expected = closedForm(gamma, lr, k);
                assertThat(w[k]).as("gamma %s, lr·d %s, k %d", gamma, lr, k)
                        .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    /** w_k for w₀ = 1 from the roots of r² − (1 + γ − a)r + γ = 0, a = η·d. */
    private static double closedForm(double gamma, double a, int k) {
        double b = 1 + gamma - a;
        double disc = b * b - 4 * gamma;
        double w1 = 1 - a;
        if (disc > 0) {
            double r1 = (b + Math.sqrt(disc)) / 2;
            double r2 = (b - Math.sqrt(disc)) / 2;
            // A + B = 1, A·r1 + B·r2 = w1.
            double coefA = (w1 - r2) / (r1 - r2);
            return coefA * Math.pow(r1, k) + (1 - coefA) * Math.pow(r2, k);
        }
        double rho = Math.sqrt(gamma);
        double theta = Math.acos(b / (2 * rho));
        // w_k = ρᵏ (C cos kθ + D sin kθ), C = 1, ρ(cos θ + D sin θ) = w1.
        double coefD = (w1 / rho - Math.cos(theta)) / Math.sin(theta);
        return Math.pow(rho, k) * (Math.cos(k * theta) + coefD * Math.sin(k * theta));
    }

    @Test
    void adamsStepStaysNearTheLearningRateWhateverTheGradientScale() {
        // Curvatures 1 and 10⁴: plain GD at η = 0.01 would jump by 100 on the steep coordinate.
        Loss loss = new Quadratic(new double[] {1, 1e4});
        double lr = 0.01;
        double[] previous = {1, 1};
        for (int n = 1; n <= 10; n++) {
            RunResult r = new GradientDescent(2).run(loss, OptimizerConfig.defaults(Optimizer.ADAM).create(2),
                    Schedule.CONSTANT, lr, new double[] {1, 1}, new StoppingRule(n, 0.0, 0, 0.0, 1e12));
            double[] w = r.finalWeights();
            for (int i = 0; i < 2; i++) {
                assertThat(Math.abs(w[i] - previous[i])).isLessThanOrEqualTo(lr * 1.0001);
            }
            previous = w;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "gd, 0.05", "momentum, 0.01", "nesterov, 0.01", "adagrad, 1.0", "adadelta, 1.0",
        "rmsprop, 0.001", "adam, 0.05", "adamax, 0.05", "nadam, 0.05", "amsgrad, 0.05"})
    void everyOptimizerFindsBoothsMinimum(String name, double lr) {
        Optimizer optimizer = Optimizer.byLabel(name).orElseThrow();
        // Adaptive rules at a constant rate hover within about η of the minimum instead of meeting a
        // tight gradient tolerance, so they stop on a plateau: no improvement for 200 iterations.
        StoppingRule rule = new StoppingRule(200_000, 1e-8, 200, 0.0, 1e12);
        RunResult r = new GradientDescent(2).run(new Booth(), OptimizerConfig.defaults(optimizer).create(2),
                Schedule.CONSTANT, lr, new double[] {-5, 8}, rule);

        assertThat(r.status()).as(r.toString()).isIn(Status.CONVERGED, Status.PLATEAU);
        assertThat(r.status() == Status.PLATEAU).as(r.toString())
                .isEqualTo(r.stopReason() == dev.gdsweep.engine.StopReason.NO_IMPROVEMENT);
        assertThat(r.finalWeights()).containsExactly(new double[] {1, 3}, within(2e-2));
        assertThat(r.bestLoss()).isLessThan(1e-3);
    }

    @Test
    void schedulesFollowTheirFormulasExactly() {
        double lr = 0.3;
        for (long k : new long[] {0, 1, 2, 9, 10, 11, 99, 12345}) {
            assertThat(Schedule.CONSTANT.rate(lr, k)).isEqualTo(lr);
            assertThat(Schedule.INVERSE_SQRT.rate(lr, k)).isEqualTo(lr / Math.sqrt(k + 1.0));
            assertThat(Schedule.exponential(0.99).rate(lr, k)).isEqualTo(lr * Math.pow(0.99, k));
            assertThat(Schedule.step(0.5, 10).rate(lr, k)).isEqualTo(lr * Math.pow(0.5, Math.floorDiv(k, 10)));
        }
        assertThat(Schedule.step(0.5, 10).rate(1, 9)).isEqualTo(1.0);
        assertThat(Schedule.step(0.5, 10).rate(1, 10)).isEqualTo(0.5);
        assertThat(Schedule.INVERSE_SQRT.rate(1, 3)).isEqualTo(0.5);
    }

    @Test
    void theScheduleSetsTheRateOfEachStep() {
        // inverse_sqrt on plain GD: w₁ = 1 − 0.1·2, w₂ = w₁ − (0.1/√2)·2w₁.
        double[] w = steps(OptimizerConfig.PLAIN, Schedule.INVERSE_SQRT, 0.1, 2);
        assertThat(w[1]).isEqualTo(0.8);
        assertThat(w[2]).isCloseTo(0.8 - 0.1 / Math.sqrt(2) * 1.6, within(1e-15));
    }

    @Test
    void settingsAreCheckedWhenAConfigurationIsBuilt() {
        assertThatThrownBy(() -> new OptimizerConfig(Optimizer.MOMENTUM, new double[] {1.0}))
                .hasMessage("momentum must be >= 0 and < 1, got 1.0");
        assertThatThrownBy(() -> new OptimizerConfig(Optimizer.ADAM, new double[] {0.9, 0.999, -1e-8}))
                .hasMessage("epsilon must be a finite number > 0, got -1.0E-8");
        assertThat(OptimizerConfig.defaults(Optimizer.ADAM).label()).isEqualTo("adam(beta1=0.9, beta2=0.999, epsilon=1e-08)");
        assertThat(OptimizerConfig.PLAIN.label()).isEqualTo("gd");
    }
}
