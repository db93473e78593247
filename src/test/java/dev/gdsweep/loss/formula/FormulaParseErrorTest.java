package dev.gdsweep.loss.formula;

import static dev.gdsweep.loss.formula.FormulaTesting.XY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed formulas, each with the exact message and column a user sees, so that a regression in a
 * rule, its location or its wording shows up here. Variables x, y; constants a, b.
 */
class FormulaParseErrorTest {

    private static final Map<String, Double> CONSTANTS = Map.of("b", 100.0, "a", 1.0);
    private static final String FUNCTIONS =
            "sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, log1p, sqrt, abs, pow, min, max";
    private static final String OPERAND = "expected a number, name or '(', found ";
    private static final String IMPLICIT = " (implicit multiplication is not allowed)";

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("", 1, "the formula is empty"),
                bad("   ", 4, "the formula is empty"),
                bad("2 +", 4, OPERAND + "the end of the formula"),
                bad("x^", 3, OPERAND + "the end of the formula"),
                bad("2 * * 3", 5, OPERAND + "'*'"),
                bad("+x", 1, OPERAND + "'+'"),
                bad("x y", 3, "missing operator before 'y'" + IMPLICIT),
                bad("3x", 2, "missing operator before 'x'" + IMPLICIT),
                bad("2(x + 1)", 2, "missing operator before '('" + IMPLICIT),
                bad("(x)(y)", 4, "missing operator before '('" + IMPLICIT),
                bad("x(2)", 2, "missing operator before '('" + IMPLICIT),
                bad("min(x y)", 7, "missing operator before 'y'" + IMPLICIT),
                bad("((x)", 5, "expected ')'"),
                bad("(a - x)^2 + b*(y - x^2", 23, "expected ')'"),
                bad("(x, y)", 3, "expected ')', found ','"),
                bad("x)", 2, "unexpected ')' without a matching '('"),
                bad("x, y", 2, "unexpected ',' outside a function's arguments"),
                bad("pow(x,,y)", 7, OPERAND + "','"),
                bad("pow(,x)", 5, OPERAND + "','"),
                bad("max(x,)", 7, OPERAND + "')'"),
                bad("sin(x", 6, "expected ')'"),
                bad("max(x, y", 9, "expected ')'"),
                bad("pow(x", 6, "expected ',' or ')'"),
                bad("pow(x)", 1, "pow takes 2 arguments, got 1"),
                bad("sin(x, y)", 1, "sin takes 1 argument, got 2"),
                bad("2 * sin()", 5, "sin takes 1 argument, got 0"),
                bad("min(x, y, 1)", 1, "min takes 2 arguments, got 3"),
                bad("sin x", 5, "expected '(' after the function 'sin'"),
                bad("sin", 4, "expected '(' after the function 'sin'"),
                bad("z + 1", 1, "unknown name 'z'; variables: x, y; constants: a, b, pi, e; functions: " + FUNCTIONS),
                bad("x + PI", 5, "unknown name 'PI'; variables: x, y; constants: a, b, pi, e; functions: "
                        + FUNCTIONS),
                bad("2 * foo(x)", 5, "unknown function 'foo'; functions: " + FUNCTIONS),
                bad("1e", 3, "expected a digit in the exponent of '1e'"),
                bad("1e+", 4, "expected a digit in the exponent of '1e+'"),
                bad("2 * 3E-x", 8, "expected a digit in the exponent of '3E-'"),
                bad("..5", 2, "expected a digit after '.'"),
                bad("x + .", 6, "expected a digit after '.'"),
                bad("1.2.3", 4, "unexpected '.' after the number '1.2'"),
                bad("1e999", 1, "the number '1e999' is too large"),
                bad("x $ y", 3, "unexpected character '$'"),
                bad("x # y", 3, "unexpected character '#'"),
                bad("x\u00a0+ y", 2, "unexpected character U+00A0"),
                bad("x\n+ *y", 5, OPERAND + "'*'"),
                bad("x = 1", 3, "unexpected character '='"),
                bad("(".repeat(Formula.MAX_DEPTH + 1) + "x" + ")".repeat(Formula.MAX_DEPTH + 1),
                        Formula.MAX_DEPTH + 1, "the formula nests deeper than 200 levels"),
                bad("-".repeat(Formula.MAX_DEPTH + 1) + "x", Formula.MAX_DEPTH + 1,
                        "the formula nests deeper than 200 levels"),
                bad("x" + "^x".repeat(Formula.MAX_DEPTH + 1), 2 * Formula.MAX_DEPTH + 2,
                        "the formula nests deeper than 200 levels"),
                bad("x+".repeat(Formula.MAX_LENGTH / 2) + "x", Formula.MAX_LENGTH + 1,
                        "the formula is 10001 characters long; the limit is 10000"));
    }

    private static Arguments bad(String text, int column, String message) {
        String name = text.length() > 40 ? text.substring(0, 20) + "... (" + text.length() + " chars)" : text;
        return Arguments.of(name, text, column, message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void reportsTheProblemAndItsColumn(String name, String text, int column, String message) {
        FormulaParseException e = catchThrowableOfType(FormulaParseException.class,
                () -> Formula.parse(text, XY, CONSTANTS));
        assertThat(e).as("no exception for %s", name).isNotNull();
        assertThat(e.message()).isEqualTo(message);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.formula()).isEqualTo(text);
        assertThat(e.getMessage()).startsWith(message + " at column " + column + "\n  ");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersTheFormulaWithACaretUnderTheColumn() {
        FormulaParseException e = catchThrowableOfType(FormulaParseException.class,
                () -> Formula.parse("(a - x)^2 + b*(y - x^2", XY, CONSTANTS));
        assertThat(e.getMessage()).isEqualTo("""
                expected ')' at column 23
                  (a - x)^2 + b*(y - x^2
                                        ^""");
    }

    @Test
    void rendersLineBreaksAndTabsAsSpacesSoTheCaretLinesUp() {
        FormulaParseException e = catchThrowableOfType(FormulaParseException.class,
                () -> Formula.parse("x +\n\ty $", XY));
        assertThat(e.getMessage()).isEqualTo("""
                unexpected character '$' at column 8
                  x +  y $
                         ^""");
    }

    @Test
    void rendersAnExcerptOfALongFormula() {
        String text = "x + ".repeat(50) + "y y" + " + x".repeat(50);
        FormulaParseException e = catchThrowableOfType(FormulaParseException.class, () -> Formula.parse(text, XY));
        assertThat(e.column()).isEqualTo(203);
        String[] lines = e.getMessage().split("\n");
        assertThat(lines[0]).isEqualTo("missing operator before 'y' (implicit multiplication is not allowed) "
                + "at column 203");
        assertThat(lines[1]).startsWith("  ...").endsWith("...").contains("y y");
        assertThat(lines[1].length()).isLessThanOrEqualTo(2 + 3 + 80 + 3);
        int caret = lines[2].indexOf('^');
        assertThat(lines[1].charAt(caret)).isEqualTo('y');
        assertThat(lines[1].charAt(caret - 2)).isEqualTo('y');
    }

    @Test
    void acceptsTheLongestAndDeepestFormulasAllowed() {
        String deep = "(".repeat(Formula.MAX_DEPTH) + "x" + ")".repeat(Formula.MAX_DEPTH);
        assertThat(new FormulaLoss(Formula.parse(deep, XY)).value(new double[] {3, 0})).isEqualTo(3);
        String negations = "-".repeat(Formula.MAX_DEPTH) + "x";
        assertThat(new FormulaLoss(Formula.parse(negations, XY)).value(new double[] {3, 0})).isEqualTo(3);
        String longest = "x+".repeat(4997) + "x+y+10";
        assertThat(longest).hasSize(Formula.MAX_LENGTH);
        FormulaLoss sum = new FormulaLoss(Formula.parse(longest, XY));
        assertThat(sum.value(new double[] {1, 10})).isEqualTo(4998 + 10 + 10);
        assertThat(FormulaTesting.gradient(sum, 1, 10)).containsExactly(4998, 1);
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of(List.of("x", "2y"), Map.of(),
                        "variable name '2y' is not an identifier (an ASCII letter or '_', then letters, digits or '_')"),
                Arguments.of(List.of("x-y"), Map.of(),
                        "variable name 'x-y' is not an identifier (an ASCII letter or '_', then letters, digits or '_')"),
                Arguments.of(List.of(""), Map.of(),
                        "variable name '' is not an identifier (an ASCII letter or '_', then letters, digits or '_')"),
                Arguments.of(List.of("x"), Map.of("a b", 1.0),
                        "constant name 'a b' is not an identifier (an ASCII letter or '_', then letters, digits or '_')"),
                Arguments.of(List.of("x", "x"), Map.of(),
                        "the name 'x' is given twice (variables and constants need distinct names)"),
                Arguments.of(List.of("x", "a"), Map.of("a", 1.0),
                        "the name 'a' is given twice (variables and constants need distinct names)"),
                Arguments.of(List.of("sin"), Map.of(), "variable name 'sin' is the name of a function"),
                Arguments.of(List.of("x"), Map.of("max", 1.0), "constant name 'max' is the name of a function"),
                Arguments.of(List.of("pi"), Map.of(), "variable name 'pi' is the name of a built-in constant"),
                Arguments.of(List.of("x"), Map.of("e", 2.0), "constant name 'e' is the name of a built-in constant"),
                Arguments.of(List.of("x"), Map.of("a", Double.NaN), "constant 'a' must be a finite number, got NaN"),
                Arguments.of(List.of("x"), Map.of("a", Double.POSITIVE_INFINITY),
                        "constant 'a' must be a finite number, got Infinity"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badNames")
    void rejectsBadVariableAndConstantNames(List<String> variables, Map<String, Double> constants, String message) {
        assertThatThrownBy(() -> Formula.parse("1", variables, constants))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void namesAreCaseSensitiveAndMayContainDigitsAndUnderscores() {
        FormulaLoss loss = new FormulaLoss(Formula.parse("X_1 * x_1 + _tmp2 - E", List.of("X_1", "x_1", "_tmp2"),
                Map.of("E", 5.0)));
        assertThat(loss.value(new double[] {2, 3, 4})).isEqualTo(5);
    }
}
