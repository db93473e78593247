package dev.gdsweep.loss.formula;

import static dev.gdsweep.loss.formula.FormulaTesting.loss;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Precedence, associativity, number syntax and unary minus, by value. */
class FormulaPrecedenceTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // ^ is right-associative and binds tighter than unary minus.
                Arguments.of("2^3^2", 0, 512.0),
                Arguments.of("(2^3)^2", 0, 64.0),
                Arguments.of("-2^2", 0, -4.0),
                Arguments.of("(-2)^2", 0, 4.0),
                Arguments.of("-x^2", 3, -9.0),
                Arguments.of("2^-1", 0, 0.5),
                Arguments.of("2^-x^2", 1, 0.5),
                Arguments.of("x^2^-1", 4, 2.0),
                Arguments.of("x^-2", 2, 0.25),
                Arguments.of("2*x^2", 3, 18.0),
                Arguments.of("-x*2", 3, -6.0),
                Arguments.of("2*-x", 3, -6.0),
                // * and / before + and -, all left-associative.
                Arguments.of("2*3+4", 0, 10.0),
                Arguments.of("2+3*4", 0, 14.0),
                Arguments.of("8/4/2", 0, 1.0),
                Arguments.of("2-3-4", 0, -5.0),
                Arguments.of("x/2/2", 8, 2.0),
                Arguments.of("2-x+4", 3, 3.0),
                Arguments.of("12/x*2", 3, 8.0),
                Arguments.of("(2+3)*4", 0, 20.0),
                // Unary minus chains.
                Arguments.of("--x", 3, 3.0),
                Arguments.of("---x", 3, -3.0),
                Arguments.of("-(-x)", 3, 3.0),
                Arguments.of("2--x", 3, 5.0),
                Arguments.of("1 - -1", 0, 2.0),
                // Numbers.
                Arguments.of("1e-3*1000", 0, 1.0),
                Arguments.of(".5+2.", 0, 2.5),
                Arguments.of("1E2", 0, 100.0),
                Arguments.of("2.5e+1", 0, 25.0),
                Arguments.of("007", 0, 7.0),
                // Functions, constants, whitespace.
                Arguments.of("pow(2, 3)", 0, 8.0),
                Arguments.of("pow(2,3)^2", 0, 64.0),
                Arguments.of("-pow(x, 2)", 3, -9.0),
                Arguments.of("2^(1+1)", 0, 4.0),
                Arguments.of("min(3, -x) + max(x, 1)", 2, 0.0),
                Arguments.of("pi", 0, Math.PI),
                Arguments.of("e", 0, Math.E),
                Arguments.of("log(e)", 0, 1.0),
                Arguments.of(" x\t+\n1\r\n", 3, 4.0),
                Arguments.of("((((x))))", 3, 3.0));
    }

    @ParameterizedTest(name = "{0} at x={1} is {2}")
    @MethodSource("cases")
    void evaluatesWithTheRightPrecedence(String text, double x, double expected) {
        FormulaLoss loss = loss(text, "x");
        assertThat(loss.value(new double[] {x})).isEqualTo(expected);
        assertThat(loss.valueAndGradient(new double[] {x}, new double[1])).isEqualTo(expected);
    }

    @Test
    void variablesAreWeightsInTheGivenOrder() {
        FormulaLoss loss = loss("x - 2*y + 3*z", "z", "x", "y");
        assertThat(loss.value(new double[] {1, 10, 100})).isEqualTo(3 + 10 - 200);
        assertThat(FormulaTesting.gradient(loss, 1, 10, 100)).containsExactly(3, 1, -2);
    }

    @Test
    void namedConstantsAreUsable() {
        FormulaLoss loss = loss("a*x + b", List.of("x"), Map.of("a", 2.0, "b", -1.0));
        assertThat(loss.value(new double[] {5})).isEqualTo(9);
        assertThat(FormulaTesting.gradient(loss, 5)).containsExactly(2);
    }
}
