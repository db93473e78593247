package dev.gdsweep.loss.formula;

import static dev.gdsweep.loss.formula.FormulaTesting.loss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented values and derivatives where a function is not differentiable or not defined
 * (see {@link FormulaLoss}): nothing throws, and the results are exactly as documented.
 */
class FormulaUndefinedPointsTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    static Stream<Arguments> onePoint() {
        return Stream.of(
                // formula over x and y, point, value, gradient
                at("abs(x)", 0, 0, 0.0, 0, 0),
                at("abs(x)", -0.0, 0, 0.0, 0, 0),
                at("sqrt(x)", 0, 0, 0.0, INF, 0),
                at("sqrt(x)", -0.0, 0, -0.0, INF, 0),
                at("sqrt(x)", -1, 0, NAN, NAN, 0),
                at("log(x)", -1, 0, NAN, -1, 0),
                at("log(x)", 0, 0, Double.NEGATIVE_INFINITY, INF, 0),
                at("log1p(x)", -1, 0, Double.NEGATIVE_INFINITY, INF, 0),
                at("log1p(x)", -2, 0, NAN, -1, 0),
                at("asin(x)", 1, 0, Math.PI / 2, INF, 0),
                at("acos(x)", 1, 0, 0.0, Double.NEGATIVE_INFINITY, 0),
                at("asin(x)", 2, 0, NAN, NAN, 0),
                // 0^0 = 1 (Math.pow); x^0 is the constant 1.
                at("x^0", 0, 0, 1.0, 0, 0),
                at("x^0", NAN, 0, 1.0, 0, 0),
                at("x^y", 0, 0, 1.0, 0, NAN),
                at("pow(x, y)", 0, 2, 0.0, 0, 0),
                at("x^y", 0, 0.5, 0.0, INF, 0),
                at("0^x", 0, 0, 1.0, NAN, 0),
                at("0^x", 2, 0, 0.0, 0, 0),
                // A negative base: d/dx stays exact for an integer exponent; d/dy is NaN (not real).
                at("x^2", -3, 0, 9.0, -6, 0),
                at("pow(x, 2)", -3, 0, 9.0, -6, 0),
                at("x^3", -2, 0, -8.0, 12, 0),
                at("x^-1", -2, 0, -0.5, -0.25, 0),
                at("x^y", -2, 2, 4.0, -4, NAN),
                at("x^y", -8, 1.0 / 3, NAN, NAN, NAN),
                at("x^0.5", 0, 0, 0.0, INF, 0),
                at("x^-1", 0, 0, INF, Double.NEGATIVE_INFINITY, 0),
                // Division by zero is IEEE: ±Infinity, NaN for 0/0.
                at("1/x", 0, 0, INF, Double.NEGATIVE_INFINITY, 0),
                at("x/y", 1, 0, INF, INF, Double.NEGATIVE_INFINITY),
                at("x/y", 0, 0, NAN, INF, NAN),
                at("x/0", 2, 0, INF, INF, 0),
                // Ties go to the first argument.
                at("min(x, y)", 1, 1, 1.0, 1, 0),
                at("max(x, y)", 1, 1, 1.0, 1, 0),
                at("min(y, x)", 1, 1, 1.0, 0, 1),
                at("min(x, y)", NAN, 1, NAN, 1, 0),
                at("max(x, y)", 1, NAN, NAN, 0, 1),
                // A zero factor wins: a branch not taken, or sqrt's infinity times 2x = 0.
                at("min(x, sqrt(y))", -1, 0, -1.0, 1, 0),
                at("max(x, log(y))", 1, 0, 1.0, 1, 0),
                at("sqrt(x^2 + y^2)", 0, 0, 0.0, 0, 0),
                at("0 * sqrt(x) + y", 0, 1, 1.0, 0, 1),
                // x·sqrt(y) is 0 along x = 0, so ∂/∂y = 0 there; sqrt alone stays infinite.
                at("x * sqrt(y)", 0, 0, 0.0, 0, 0),
                at("2 * sqrt(y)", 0, 0, 0.0, 0, INF));
    }

    private static Arguments at(String text, double x, double y, double value, double dx, double dy) {
        return Arguments.of(text, x, y, value, dx, dy);
    }

    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @MethodSource("onePoint")
    void documentedValueAndGradient(String text, double x, double y, double value, double dx, double dy) {
        FormulaLoss loss = loss(text, "x", "y");
        double[] w = {x, y};
        double[] g = new double[2];
        assertIdentical("valueAndGradient", loss.valueAndGradient(w, g), value);
        assertIdentical("value", loss.value(w), value);
        assertThat(g).containsExactly(dx, dy);
    }

    /** Double.equals: NaN equals NaN, and 0.0 differs from -0.0. */
    private static void assertIdentical(String what, double actual, double expected) {
        assertThat(Double.valueOf(actual).equals(expected)).as("%s: %s, expected %s", what, actual, expected).isTrue();
    }

    @Test
    void constantSubexpressionsFoldWithoutThrowing() {
        FormulaLoss loss = loss("x + (0/0 + log(-1) * 0 + 1/0)", "x");
        assertThat(loss.value(new double[] {1})).isNaN();
        assertThat(loss.formula().tape().operationCount()).isEqualTo(1);
    }

    @Test
    void aNanOrInfiniteWeightGivesANonFiniteResultWithoutThrowing() {
        FormulaLoss loss = loss("(1 - x)^2 + 100*(y - x^2)^2", "x", "y");
        double[] g = new double[2];
        assertThat(loss.valueAndGradient(new double[] {NAN, 1}, g)).isNaN();
        assertThat(g[0]).isNaN();
        assertThat(loss.valueAndGradient(new double[] {INF, 1}, g)).isInfinite();
        // Back to normal right after: no state leaks from one call to the next.
        assertThat(loss.valueAndGradient(new double[] {1, 1}, g)).isZero();
        assertThat(g).containsExactly(0, 0);
    }
}
