package dev.gdsweep.loss.formula;

import static dev.gdsweep.loss.formula.FormulaTesting.XY;
import static dev.gdsweep.loss.formula.FormulaTesting.centralDifference;
import static dev.gdsweep.loss.formula.FormulaTesting.close;
import static dev.gdsweep.loss.formula.FormulaTesting.loss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gdsweep.loss.Booth;
import dev.gdsweep.loss.Himmelblau;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Rosenbrock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradients of composite formulas against central differences and against the built-in losses. */
class FormulaGradientTest {

    private static final int POINTS = 500;

    static Stream<Arguments> composites() {
        return Stream.of(
                Arguments.of("rosenbrock", "(a - x)^2 + b*(y - x^2)^2", XY, Map.of("a", 1.0, "b", 100.0), 2.0,
                        (Predicate<double[]>) w -> true),
                Arguments.of("himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", XY, Map.of(), 5.0,
                        (Predicate<double[]>) w -> true),
                Arguments.of("beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", XY,
                        Map.of(), 4.5, (Predicate<double[]>) w -> true),
                Arguments.of("everything",
                        "exp(-x^2/4) * sin(3*y) + log(1 + x^2 + y^2) - tanh(x*y) + min(x, y)^2"
                                + " + max(sin(x), cos(y)) + abs(x - 2*y) + sqrt(x^2 + y^2 + 1)"
                                + " + atan(y / (1 + x^2)) + cosh(x/3) - sinh(y/4) + 2^x + pow(1 + x^2, y/2)"
                                + " + log1p(x^2) * cos(x) - tan(y/3) + asin(x/4) * acos(y/5) + x/(2 + y^2)",
                        XY, Map.of(), 3.0,
                        // Skip points within a step of a kink of min, max or abs.
                        (Predicate<double[]>) w -> Math.abs(w[0] - w[1]) > 1e-3
                                && Math.abs(Math.sin(w[0]) - Math.cos(w[1])) > 1e-3
                                && Math.abs(w[0] - 2 * w[1]) > 1e-3),
                Arguments.of("shared subexpressions", "sin(x*y)^2 + sin(x*y) * (x - y)^2 + (x - y)^3", XY, Map.of(),
                        2.0, (Predicate<double[]>) w -> true),
                Arguments.of("three variables", "x*y^2*z^3 + sin(z - x) + (x + y + z)^2 / (1 + z^2)",
                        List.of("x", "y", "z"), Map.of(), 2.0, (Predicate<double[]>) w -> true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("composites")
    void gradientMatchesCentralDifferences(String name, String text, List<String> variables,
            Map<String, Double> constants, double range, Predicate<double[]> smoothAt) {
        FormulaLoss loss = loss(text, variables, constants);
        Random random = new Random(name.hashCode());
        int checked = 0;
        for (int i = 0; i < POINTS; i++) {
            double[] w = new double[variables.size()];
            for (int k = 0; k < w.length; k++) {
                w[k] = range * (2 * random.nextDouble() - 1);
            }
            if (!smoothAt.test(w)) {
                continue;
            }
            double[] g = new double[w.length];
            double value = loss.valueAndGradient(w, g);
            assertThat(value).isEqualTo(loss.value(w));
            double[] numeric = centralDifference(loss, w);
            double scale = Math.max(1, maxAbs(numeric));
            for (int k = 0; k < w.length; k++) {
                // Relative to the largest entry: an entry can be a difference of much larger terms.
                assertThat(Math.abs(g[k] - numeric[k])).as("d/d%s at %s: %s vs %s", variables.get(k),
                        java.util.Arrays.toString(w), g[k], numeric[k]).isLessThan(1e-6 * scale);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(POINTS * 9 / 10);
    }

    static Stream<Arguments> builtIns() {
        return Stream.of(
                Arguments.of(new Rosenbrock(2, 1, 100), "(a - x)^2 + b*(y - x^2)^2", Map.of("a", 1.0, "b", 100.0)),
                Arguments.of(new Rosenbrock(2, 1, 100), "b*(y - x*x)^2 + (a - x)^2", Map.of("a", 1.0, "b", 100.0)),
                Arguments.of(new Himmelblau(), "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", Map.of()),
                Arguments.of(new Booth(), "(x + 2*y - 7)^2 + (2*x + y - 5)^2", Map.of()));
    }

    /** Same value and gradient as the hand-written losses, to rounding (1e-12 relative). */
    @ParameterizedTest(name = "{1}")
    @MethodSource("builtIns")
    void matchesTheHandWrittenLoss(Loss builtIn, String text, Map<String, Double> constants) {
        FormulaLoss loss = loss(text, XY, constants);
        Random random = new Random(7);
        double[] expected = new double[2];
        double[] actual = new double[2];
        for (int i = 0; i < 10_000; i++) {
            double[] w = {6 * random.nextDouble() - 3, 6 * random.nextDouble() - 3};
            double want = builtIn.valueAndGradient(w, expected);
            double got = loss.valueAndGradient(w, actual);
            assertThat(close(got, want, 1e-12)).as("value at %s: %s vs %s", java.util.Arrays.toString(w), got, want)
                    .isTrue();
            assertThat(close(loss.value(w), builtIn.value(w), 1e-12)).isTrue();
            double scale = maxAbs(expected);
            for (int k = 0; k < 2; k++) {
                assertThat(Math.abs(actual[k] - expected[k])).as("gradient[%s] at %s: %s vs %s", k,
                        java.util.Arrays.toString(w), actual[k], expected[k]).isLessThanOrEqualTo(1e-12 * scale);
            }
        }
    }

    @Test
    void rosenbrockIsExactAtItsMinimumAndAwayFromIt() {
        FormulaLoss loss = loss("(a - x)^2 + b*(y - x^2)^2", XY, Map.of("a", 1.0, "b", 100.0));
        double[] g = new double[2];
        assertThat(loss.valueAndGradient(new double[] {1, 1}, g)).isZero();
        assertThat(g).containsExactly(0, 0);
        // f = 100·(1 − 4)² + (1 + 2)² = 909; ∂f/∂x = −400·x·(y − x²) − 2(1 − x); ∂f/∂y = 200(y − x²).
        assertThat(loss.valueAndGradient(new double[] {-2, 1}, g)).isEqualTo(909);
        assertThat(g).containsExactly(-400 * -2 * (1 - 4) - 2 * 3, 200 * (1 - 4));
    }

    private static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
