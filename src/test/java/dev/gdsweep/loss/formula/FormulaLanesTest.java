package dev.gdsweep.loss.formula;

import static dev.gdsweep.loss.formula.FormulaTesting.XY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * valuesAndGradients gives every lane bit for bit the value and gradient of valueAndGradient at that
 * lane's weights, for every operation, at ordinary and awkward points (zeros, infinities, NaN,
 * overflow), whatever the lane count and whatever the other lanes hold. NaNs compare equal whatever
 * their payload.
 */
class FormulaLanesTest {

    private static final List<String> XYZ = List.of("x", "y", "z");
    private static final int[] LANE_COUNTS = {1, 2, 7, 64, 7, 3};
    private static final double INF = Double.POSITIVE_INFINITY;
    /** Coordinates that provoke undefined points, overflow and non-finite intermediate results. */
    private static final double[] AWKWARD = {
        0.0, -0.0, 1, -1, 2, -2, 0.5, -0.5, 3, INF, -INF, Double.NaN, 1e300, -1e300, 1e-310, -1e-310,
        Double.MIN_VALUE, 710, -745, 1e154, Math.PI / 2
    };

    static Stream<Arguments> formulas() {
        return Stream.of(
                // Built-in landscapes written as formulas.
                of("rosenbrock", "(a - x)^2 + b*(y - x^2)^2", XY, Map.of("a", 1.0, "b", 100.0), 2),
                of("himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", XY, Map.of(), 5),
                of("booth", "(x + 2*y - 7)^2 + (2*x + y - 5)^2", XY, Map.of(), 10),
                of("matyas", "0.26*(x^2 + y^2) - 0.48*x*y", XY, Map.of(), 10),
                of("beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", XY, Map.of(), 4.5),
                of("ackley", "-20*exp(-0.2*sqrt((x^2 + y^2)/2)) - exp((cos(2*pi*x) + cos(2*pi*y))/2) + 20 + e",
                        XY, Map.of(), 5),
                of("rastrigin", "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)", XY, Map.of(), 5.12),
                of("three-hump camel", "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", XY, Map.of(), 5),
                of("six-hump camel", "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", XY, Map.of(), 3),
                of("styblinski-tang", "(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)/2", XY, Map.of(), 5),
                of("goldstein-price", "(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))"
                        + " * (30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))", XY, Map.of(), 2),
                of("quadratic", "x^2 + y^2 + z^2", XYZ, Map.of(), 10),
                // Every operator and function, alone.
                of("neg", "-x", XY, Map.of(), 3),
                of("add sub", "x + y - (y - x)", XY, Map.of(), 3),
                of("mul", "x * y", XY, Map.of(), 3),
                of("mul by itself", "x * x * y", XY, Map.of(), 3),
                of("div", "x / y", XY, Map.of(), 3),
                of("square", "x^2", XY, Map.of(), 3),
                of("squared difference", "(x - y)^2 + (1 - x)^2", XY, Map.of(), 3),
                of("pow const", "x^3 + y^-1 + x^0.5 + y^(1/3)", XY, Map.of(), 3),
                of("pow", "x^y + pow(y, x) + 2^x", XY, Map.of(), 3),
                of("sin cos tan", "sin(x) + cos(y) + tan(x*y)", XY, Map.of(), 4),
                of("asin acos atan", "asin(x) + acos(y) + atan(x/y)", XY, Map.of(), 1.2),
                of("sinh cosh tanh", "sinh(x) + cosh(y) + tanh(x - y)", XY, Map.of(), 5),
                of("exp log log1p", "exp(x) + log(y) + log1p(x*y)", XY, Map.of(), 3),
                of("sqrt abs", "sqrt(x) + abs(y) + sqrt(x^2 + y^2)", XY, Map.of(), 3),
                of("min max", "min(x, y) + max(x, 2*y) + min(max(x, 0), 1)", XY, Map.of(), 3),
                // Constants that make zero and infinite factors, and degenerate roots.
                of("zero and infinite constants", "b*x + c*y + x*(1e308*10) + (y - 1e308*10)^2",
                        XY, Map.of("b", 0.0, "c", -0.0), 3),
                of("nan constant", "x*(0*(1e308*10)) + y^2", XY, Map.of(), 3),
                // Adjoints the same in all lanes, met by ones that differ, in both orders.
                of("mixed constant and varying adjoints", "2*x + sin(x) - y/4 + y*x + (x - 3)^2 + 3*(x - y)^2"
                        + " + (1 - y)^2 * x + (x - x)^2 + 4/y", XY, Map.of(), 3),
                of("root is a variable", "x", XY, Map.of(), 3),
                of("root is a constant", "2 + 3", XY, Map.of(), 3),
                of("everything", "exp(-x^2/4) * sin(3*y) + log(1 + x^2 + y^2) - tanh(x*y) + min(x, y)^2"
                        + " + max(sin(x), cos(y)) + abs(x - 2*y) + sqrt(x^2 + y^2 + 1) + atan(y / (1 + x^2))"
                        + " + cosh(x/3) - sinh(y/4) + 2^x + pow(1 + x^2, y/2) + log1p(x^2) * cos(x) - tan(y/3)"
                        + " + asin(x/4) * acos(y/5) + x/(2 + y^2) - -x + (x - y)^3", XY, Map.of(), 3),
                of("shared subexpressions", "sin(x*y)^2 + sin(x*y) * (x - y)^2 + (x - y)^3 + z*(x - y)",
                        XYZ, Map.of(), 2));
    }

    private static Arguments of(String name, String text, List<String> variables, Map<String, Double> constants,
            double range) {
        return Arguments.of(name, text, variables, constants, range);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formulas")
    void everyLaneIsBitIdenticalToTheScalarPath(String name, String text, List<String> variables,
            Map<String, Double> constants, double range) {
        FormulaLoss loss = new FormulaLoss(Formula.parse(text, variables, constants));
        FormulaLoss scalar = loss.copy();
        int d = variables.size();
        Random random = new Random(text.hashCode());
        for (int round = 0; round < 20; round++) {
            for (int lanes : LANE_COUNTS) {
                double[][] w = new double[d][lanes];
                double[][] gradient = new double[d][lanes];
                for (int k = 0; k < d; k++) {
                    for (int l = 0; l < lanes; l++) {
                        w[k][l] = random.nextInt(5) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
                                : range * (2 * random.nextDouble() - 1);
                    }
                    Arrays.fill(gradient[k], 42); // every entry must be overwritten
                }
                double[] values = new double[lanes];
                Arrays.fill(values, 42);
                loss.valuesAndGradients(lanes, w, gradient, values);
                // The instance's scalar path too: the two share no buffers.
                assertLanesMatchScalar(loss, lanes, d, w, gradient, values);
                assertLanesMatchScalar(scalar, lanes, d, w, gradient, values);
            }
        }
    }

    private static void assertLanesMatchScalar(FormulaLoss scalar, int lanes, int d, double[][] w,
            double[][] gradient, double[] values) {
        for (int l = 0; l < lanes; l++) {
            double[] point = new double[d];
            for (int k = 0; k < d; k++) {
                point[k] = w[k][l];
            }
            double[] expected = new double[d];
            double value = scalar.valueAndGradient(point, expected);
            String at = "lane " + l + " of " + lanes + " at " + Arrays.toString(point);
            assertThat(bits(values[l])).as("value, %s: %s vs %s", at, values[l], value).isEqualTo(bits(value));
            for (int k = 0; k < d; k++) {
                double actual = gradient[k][l];
                assertThat(bits(actual)).as("d/dw%s, %s: %s vs %s", k, at, actual, expected[k])
                        .isEqualTo(bits(expected[k]));
            }
        }
    }

    /**
     * Lanes at points where the scalar pass applies the zero-factor rule (sqrt's infinite derivative
     * stopped by 2x = 0 at the origin; a branch min did not take, whose derivative is infinite) get its
     * results, among lanes that do not.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqrt(x^2 + y^2)", "min(x, 1/y) + 3*(x - y)^2", "max(sqrt(x), y) * (1 - x)^2"})
    void lanesWhereTheZeroFactorRuleAppliesMatchTheScalarPath(String text) {
        FormulaLoss loss = FormulaTesting.loss(text, "x", "y");
        int lanes = 7;
        double[][] w = new double[2][lanes];
        for (int l = 0; l < lanes; l++) {
            w[0][l] = 0.25 * (l + 1);
            w[1][l] = 0.5 - 0.125 * l;
        }
        w[0][2] = 0.0; // lane 2 at the origin, lane 5 at (0, -0)
        w[1][2] = 0.0;
        w[0][5] = 0.0;
        w[1][5] = -0.0;
        double[][] gradient = new double[2][lanes];
        double[] values = new double[lanes];
        loss.valuesAndGradients(lanes, w, gradient, values);
        assertLanesMatchScalar(loss.copy(), lanes, 2, w, gradient, values);
        if (text.startsWith("sqrt")) {
            assertThat(gradient[0][2]).isZero(); // as documented: the origin's gradient is 0
            assertThat(gradient[1][2]).isZero();
        }
    }

    /** The bits of {@code x}, with every NaN the same. */
    private static long bits(double x) {
        return Double.doubleToLongBits(x);
    }

    @Test
    void rejectsTooShortArraysAndNoLanes() {
        FormulaLoss loss = FormulaTesting.loss("x*y", "x", "y");
        assertThatThrownBy(() -> loss.valuesAndGradients(0, new double[2][1], new double[2][1], new double[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> loss.valuesAndGradients(3, new double[1][3], new double[2][3], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w");
        assertThatThrownBy(() -> loss.valuesAndGradients(3, new double[][] {new double[3], new double[2]},
                new double[2][3], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w[1]");
        assertThatThrownBy(() -> loss.valuesAndGradients(3, new double[2][3], new double[2][2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gradient");
        assertThatThrownBy(() -> loss.valuesAndGradients(3, new double[2][3], new double[2][3], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values");
    }
}
