package dev.gdsweep.loss.formula;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A parsed and compiled formula over named variables and constants; immutable and thread-safe.
 *
 * <p>The language is described in {@link dev.gdsweep.loss.formula the package documentation}. For
 * example {@code Formula.parse("(a - x)^2 + b*(y - x^2)^2", List.of("x", "y"), Map.of("a", 1.0,
 * "b", 100.0))} is the Rosenbrock function; evaluate it with a {@link FormulaLoss}.
 */
public final class Formula {

    /** Longest formula accepted, in characters. */
    public static final int MAX_LENGTH = 10_000;
    /** Deepest nesting accepted: parentheses, calls, unary minus and exponents each add a level. */
    public static final int MAX_DEPTH = 200;

    /** Constants every formula knows. */
    private static final Map<String, Double> BUILT_IN_CONSTANTS = builtInConstants();

    private final String text;
    private final List<String> variables;
    private final Map<String, Double> constants;
    private final Tape tape;

    private Formula(String text, List<String> variables, Map<String, Double> constants, Tape tape) {
        this.text = text;
        this.variables = variables;
        this.constants = constants;
        this.tape = tape;
    }

    /**
     * Parses and compiles {@code text}.
     *
     * @param variables the loss's weights, in order: the k-th is w[k]; may include names the formula
     *     does not use (their gradient is 0)
     * @param constants named finite values, such as {@code a} and {@code b} of Rosenbrock; {@code pi}
     *     and {@code e} are always known
     * @throws IllegalArgumentException if a variable or constant name is not an identifier, is used
     *     twice, is a function name or {@code pi}/{@code e}, or a constant is not finite
     * @throws FormulaParseException if the formula is malformed, with the column of the problem
     */
    public static Formula parse(String text, List<String> variables, Map<String, Double> constants) {
        Objects.requireNonNull(text, "text");
        Set<String> seen = new HashSet<>();
        for (String name : variables) {
            checkName("variable", name, seen);
        }
        List<String> vars = List.copyOf(variables);
        Map<String, Double> sorted = new TreeMap<>(constants); // sorted: error messages list them stably
        for (Map.Entry<String, Double> c : sorted.entrySet()) {
            checkName("constant", c.getKey(), seen);
            Double value = c.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        "constant '" + c.getKey() + "' must be a finite number, got " + value);
            }
        }
        Map<String, Double> all = new LinkedHashMap<>(sorted);
        all.putAll(BUILT_IN_CONSTANTS);
        Tape tape = Parser.parse(text, vars, all);
        return new Formula(text, vars, Collections.unmodifiableMap(new LinkedHashMap<>(sorted)), tape);
    }

    /** {@link #parse(String, List, Map)} with no named constants besides pi and e. */
    public static Formula parse(String text, List<String> variables) {
        return parse(text, variables, Map.of());
    }

    /** The formula as written. */
    public String text() {
        return text;
    }

    /** The variable names, in weight order. */
    public List<String> variables() {
        return variables;
    }

    /** The caller's named constants (without pi and e), sorted by name. */
    public Map<String, Double> constants() {
        return constants;
    }

    /** The names of the functions a formula may call, e.g. for help texts. */
    public static List<String> functionNames() {
        return FormulaFunction.NAMES;
    }

    Tape tape() {
        return tape;
    }

    /** The formula as written. */
    @Override
    public String toString() {
        return text;
    }

    private static void checkName(String role, String name, Set<String> seen) {
        if (name == null || name.isEmpty() || !Lexer.isNameStart(name.charAt(0))
                || !name.chars().allMatch(c -> Lexer.isNamePart((char) c))) {
            throw new IllegalArgumentException(role + " name " + (name == null ? "null" : "'" + name + "'")
                    + " is not an identifier (an ASCII letter or '_', then letters, digits or '_')");
        }
        if (FormulaFunction.named(name) != null) {
            throw new IllegalArgumentException(role + " name '" + name + "' is the name of a function");
        }
        if (BUILT_IN_CONSTANTS.containsKey(name)) {
            throw new IllegalArgumentException(role + " name '" + name + "' is the name of a built-in constant");
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is given twice (variables and constants "
                    + "need distinct names)");
        }
    }

    private static Map<String, Double> builtInConstants() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("pi", Math.PI);
        m.put("e", Math.E);
        return Collections.unmodifiableMap(m);
    }
}
