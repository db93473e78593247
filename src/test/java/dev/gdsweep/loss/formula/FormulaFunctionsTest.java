package dev.gdsweep.loss.formula;

import static dev.gdsweep.loss.formula.FormulaTesting.centralDifference;
import static dev.gdsweep.loss.formula.FormulaTesting.close;
import static dev.gdsweep.loss.formula.FormulaTesting.loss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function and operator: its value against {@link Math}, its derivative against the textbook
 * formula and against central differences, at points spread over a range where it is smooth.
 */
class FormulaFunctionsTest {

    private static final int POINTS = 41;

    /** A one-argument function with its derivative and a range where both are smooth and moderate. */
    record Unary(String text, DoubleUnaryOperator value, DoubleUnaryOperator derivative, double from, double to) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A two-argument formula in x and y with its partial derivatives and a box to sample. */
    record Binary(String text, DoubleBinaryOperator value, DoubleBinaryOperator dx, DoubleBinaryOperator dy,
            double[] xRange, double[] yRange) {
        @Override
        public String toString() {
            return text;
        }
    }

    static Stream<Unary> unaryFunctions() {
        return Stream.of(
                new Unary("sin(x)", Math::sin, Math::cos, -4, 4),
                new Unary("cos(x)", Math::cos, x -> -Math.sin(x), -4, 4),
                new Unary("tan(x)", Math::tan, x -> 1 / (Math.cos(x) * Math.cos(x)), -1.4, 1.4),
                new Unary("asin(x)", Math::asin, x -> 1 / Math.sqrt(1 - x * x), -0.95, 0.95),
                new Unary("acos(x)", Math::acos, x -> -1 / Math.sqrt(1 - x * x), -0.95, 0.95),
                new Unary("atan(x)", Math::atan, x -> 1 / (1 + x * x), -5, 5),
                new Unary("sinh(x)", Math::sinh, Math::cosh, -3, 3),
                new Unary("cosh(x)", Math::cosh, Math::sinh, -3, 3),
                new Unary("tanh(x)", Math::tanh, x -> 1 / (Math.cosh(x) * Math.cosh(x)), -3, 3),
                new Unary("exp(x)", Math::exp, Math::exp, -5, 5),
                new Unary("log(x)", Math::log, x -> 1 / x, 0.05, 20),
                new Unary("log1p(x)", Math::log1p, x -> 1 / (1 + x), -0.9, 20),
                new Unary("sqrt(x)", Math::sqrt, x -> 0.5 / Math.sqrt(x), 0.05, 20),
                // 41 points from -3 to 3 include 0 (abs'(0) = 0, checked below) but no other kink.
                new Unary("abs(x)", Math::abs, Math::signum, -3, 3),
                new Unary("-x", x -> -x, x -> -1, -3, 3),
                new Unary("x^2", x -> x * x, x -> 2 * x, -3, 3),
                new Unary("x^3", x -> Math.pow(x, 3), x -> 3 * x * x, -3, 3),
                new Unary("x^-1", x -> 1 / x, x -> -1 / (x * x), 0.5, 3),
                new Unary("x^0.5", Math::sqrt, x -> 0.5 / Math.sqrt(x), 0.05, 20),
                new Unary("2^x", x -> Math.pow(2, x), x -> Math.pow(2, x) * Math.log(2), -3, 3),
                new Unary("1/x", x -> 1 / x, x -> -1 / (x * x), 0.5, 3));
    }

    static Stream<Binary> binaryFunctions() {
        double[] any = {-3, 3};
        double[] positive = {0.2, 3};
        return Stream.of(
                new Binary("x + y", (x, y) -> x + y, (x, y) -> 1, (x, y) -> 1, any, any),
                new Binary("x - y", (x, y) -> x - y, (x, y) -> 1, (x, y) -> -1, any, any),
                new Binary("x * y", (x, y) -> x * y, (x, y) -> y, (x, y) -> x, any, any),
                new Binary("x / y", (x, y) -> x / y, (x, y) -> 1 / y, (x, y) -> -x / (y * y), any, positive),
                new Binary("x ^ y", Math::pow, (x, y) -> y * Math.pow(x, y - 1),
                        (x, y) -> Math.pow(x, y) * Math.log(x), positive, any),
                new Binary("pow(x, y)", Math::pow, (x, y) -> y * Math.pow(x, y - 1),
                        (x, y) -> Math.pow(x, y) * Math.log(x), positive, any),
                new Binary("(x - y)^2", (x, y) -> (x - y) * (x - y), (x, y) -> 2 * (x - y),
                        (x, y) -> -2 * (x - y), any, any),
                new Binary("min(x, y)", Math::min, (x, y) -> x <= y ? 1 : 0, (x, y) -> x <= y ? 0 : 1, any, any),
                new Binary("max(x, y)", Math::max, (x, y) -> x >= y ? 1 : 0, (x, y) -> x >= y ? 0 : 1, any, any));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryFunctions")
    void unaryValueAndDerivative(Unary f) {
        FormulaLoss loss = loss(f.text(), "x");
        double[] g = new double[1];
        for (int i = 0; i < POINTS; i++) {
            double x = f.from() + (f.to() - f.from()) * i / (POINTS - 1);
            double[] w = {x};
            double expected = f.value().applyAsDouble(x);
            assertThat(loss.value(w)).as("%s at %s", f, x).isCloseTo(expected, relative(expected, 1e-15));
            assertThat(loss.valueAndGradient(w, g)).as("%s at %s", f, x).isEqualTo(loss.value(w));
            double analytic = f.derivative().applyAsDouble(x);
            assertThat(close(g[0], analytic, 1e-12)).as("%s' at %s: %s vs %s", f, x, g[0], analytic).isTrue();
            if (!(f.text().equals("abs(x)") && x == 0)) {
                double numeric = centralDifference(loss, w)[0];
                assertThat(close(g[0], numeric, 1e-6)).as("%s' at %s: %s vs %s", f, x, g[0], numeric).isTrue();
            }
        }
    }

    /** Library functions are called as such: the value is Math's, bit for bit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryFunctions")
    void libraryFunctionsAreMathsOwn(Unary f) {
        if (!f.text().matches("[a-z0-9]+\\(x\\)")) {
            return;
        }
        FormulaLoss loss = loss(f.text(), "x");
        for (int i = 0; i < POINTS; i++) {
            double x = f.from() + (f.to() - f.from()) * i / (POINTS - 1);
            assertThat(loss.value(new double[] {x})).isEqualTo(f.value().applyAsDouble(x));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryFunctions")
    void binaryValueAndPartials(Binary f) {
        FormulaLoss loss = loss(f.text(), "x", "y");
        double[] g = new double[2];
        java.util.Random random = new java.util.Random(f.text().hashCode());
        for (int i = 0; i < 200; i++) {
            double x = f.xRange()[0] + (f.xRange()[1] - f.xRange()[0]) * random.nextDouble();
            double y = f.yRange()[0] + (f.yRange()[1] - f.yRange()[0]) * random.nextDouble();
            double[] w = {x, y};
            double expected = f.value().applyAsDouble(x, y);
            assertThat(loss.value(w)).as("%s at %s, %s", f, x, y).isCloseTo(expected, relative(expected, 1e-15));
            assertThat(loss.valueAndGradient(w, g)).isEqualTo(loss.value(w));
            double dx = f.dx().applyAsDouble(x, y);
            double dy = f.dy().applyAsDouble(x, y);
            assertThat(close(g[0], dx, 1e-12)).as("d/dx %s at %s, %s: %s vs %s", f, x, y, g[0], dx).isTrue();
            assertThat(close(g[1], dy, 1e-12)).as("d/dy %s at %s, %s: %s vs %s", f, x, y, g[1], dy).isTrue();
            if (Math.abs(x - y) > 1e-3) { // min and max have a kink on the diagonal
                double[] numeric = centralDifference(loss, w);
                assertThat(close(g[0], numeric[0], 1e-6)).as("d/dx %s at %s, %s", f, x, y).isTrue();
                assertThat(close(g[1], numeric[1], 1e-6)).as("d/dy %s at %s, %s", f, x, y).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesOfAllFunctions")
    void everyFunctionIsCovered(String name) {
        List<String> covered = Stream.concat(unaryFunctions().map(Unary::text), binaryFunctions().map(Binary::text))
                .toList();
        assertThat(covered).anyMatch(text -> text.startsWith(name + "("));
    }

    static Stream<String> namesOfAllFunctions() {
        return Formula.functionNames().stream();
    }

    private static org.assertj.core.data.Offset<Double> relative(double expected, double tolerance) {
        return org.assertj.core.data.Offset.offset(tolerance * Math.max(1, Math.abs(expected)));
    }
}
