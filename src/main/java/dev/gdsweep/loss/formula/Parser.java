package dev.gdsweep.loss.formula;

import dev.gdsweep.loss.formula.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for the grammar in {@link dev.gdsweep.loss.formula the package
 * documentation}, emitting straight into a {@link TapeBuilder} (no syntax tree, so nothing else
 * recurses over the formula's depth).
 *
 * <p>Sums and products are loops, so only nesting (parentheses, calls, unary minus, exponents)
 * recurses, and that is capped at {@link Formula#MAX_DEPTH}.
 */
final class Parser {

    private final String text;
    private final Lexer lexer;
    private final Map<String, Integer> variables = new HashMap<>();
    private final Map<String, Double> constants;
    private final TapeBuilder builder;
    /** "variables: ...; constants: ...; functions: ..." for unknown-name errors. */
    private final String knownNames;
    private Token token;
    private int depth;

    private Parser(String text, List<String> variables, Map<String, Double> constants) {
        this.text = text;
        this.lexer = new Lexer(text);
        for (int k = 0; k < variables.size(); k++) {
            this.variables.put(variables.get(k), k);
        }
        this.constants = constants;
        this.builder = new TapeBuilder(variables.size());
        this.knownNames = "variables: " + list(variables) + "; constants: " + list(new ArrayList<>(constants.keySet()))
                + "; functions: " + list(FormulaFunction.NAMES);
    }

    /**
     * Parses and compiles {@code text}.
     *
     * @param variables variable names; the k-th is slot k of the tape
     * @param constants every constant name the formula may use, pi and e included, in the order to
     *     list them in error messages
     */
    static Tape parse(String text, List<String> variables, Map<String, Double> constants) {
        if (text.length() > Formula.MAX_LENGTH) {
            throw new FormulaParseException(text, Formula.MAX_LENGTH + 1, "the formula is " + text.length()
                    + " characters long; the limit is " + Formula.MAX_LENGTH);
        }
        Parser parser = new Parser(text, variables, constants);
        parser.advance();
        if (parser.token.kind() == Kind.END) {
            throw parser.error(parser.token, "the formula is empty");
        }
        int root = parser.sum();
        if (parser.token.kind() != Kind.END) {
            throw parser.unexpected(null);
        }
        return parser.builder.build(root);
    }

    private int sum() {
        int left = product();
        while (token.kind() == Kind.PLUS || token.kind() == Kind.MINUS) {
            int op = token.kind() == Kind.PLUS ? Op.ADD : Op.SUB;
            advance();
            left = builder.binary(op, left, product());
        }
        return left;
    }

    private int product() {
        int left = negation();
        while (token.kind() == Kind.STAR || token.kind() == Kind.SLASH) {
            int op = token.kind() == Kind.STAR ? Op.MUL : Op.DIV;
            advance();
            left = builder.binary(op, left, negation());
        }
        return left;
    }

    private int negation() {
        if (token.kind() != Kind.MINUS) {
            return power();
        }
        enter(token);
        advance();
        int operand = negation();
        depth--;
        return builder.unary(Op.NEG, operand);
    }

    /** primary [^ negation]: the exponent is parsed by negation, which makes ^ right-associative. */
    private int power() {
        int base = primary();
        if (token.kind() != Kind.CARET) {
            return base;
        }
        enter(token);
        advance();
        int exponent = negation();
        depth--;
        return builder.binary(Op.POW, base, exponent);
    }

    private int primary() {
        Token first = token;
        switch (first.kind()) {
            case NUMBER -> {
                advance();
                return builder.constant(first.number());
            }
            case NAME -> {
                advance();
                return name(first);
            }
            case LEFT_PAREN -> {
                enter(first);
                advance();
                int inner = sum();
                if (token.kind() != Kind.RIGHT_PAREN) {
                    throw unexpected("expected ')'");
                }
                advance();
                depth--;
                return inner;
            }
            default -> throw error(first, "expected a number, name or '(', found " + first.describe());
        }
    }

    /** A variable, a constant or a call; {@code token} is already the one after the name. */
    private int name(Token name) {
        String s = name.text();
        FormulaFunction function = FormulaFunction.named(s);
        if (function != null) {
            return call(name, function);
        }
        Integer variable = variables.get(s);
        if (variable != null) {
            return builder.variable(variable);
        }
        Double constant = constants.get(s);
        if (constant != null) {
            return builder.constant(constant);
        }
        if (token.kind() == Kind.LEFT_PAREN) {
            throw error(name, "unknown function '" + s + "'; functions: " + list(FormulaFunction.NAMES));
        }
        throw error(name, "unknown name '" + s + "'; " + knownNames);
    }

    private int call(Token name, FormulaFunction function) {
        if (token.kind() != Kind.LEFT_PAREN) {
            throw error(token, "expected '(' after the function '" + function.functionName() + "'");
        }
        enter(token);
        advance();
        int[] args = new int[2];
        int count = 0;
        if (token.kind() != Kind.RIGHT_PAREN) {
            while (true) {
                int arg = sum();
                if (count < args.length) {
                    args[count] = arg;
                }
                count++;
                if (token.kind() == Kind.RIGHT_PAREN) {
                    break;
                }
                if (token.kind() != Kind.COMMA) {
                    throw unexpected(count >= function.arity() ? "expected ')'" : "expected ',' or ')'");
                }
                advance();
            }
        }
        if (count != function.arity()) {
            throw error(name, function.functionName() + " takes " + function.arity()
                    + (function.arity() == 1 ? " argument" : " arguments") + ", got " + count);
        }
        advance();
        depth--;
        return function.arity() == 1
                ? builder.unary(function.op(), args[0])
                : builder.binary(function.op(), args[0], args[1]);
    }

    /**
     * The current token where an operator, {@code ')'}, {@code ','} or the end was due, right after
     * an operand; {@code expected} says which ({@code null}: the end of the formula).
     */
    private FormulaParseException unexpected(String expected) {
        if (token.startsOperand()) {
            return error(token, "missing operator before " + token.describe()
                    + " (implicit multiplication is not allowed)");
        }
        if (expected == null) {
            return error(token, token.kind() == Kind.COMMA
                    ? "unexpected ',' outside a function's arguments"
                    : "unexpected " + token.describe() + " without a matching '('");
        }
        return error(token, token.kind() == Kind.END ? expected : expected + ", found " + token.describe());
    }

    /** One level deeper, at {@code opener}: a '(', a unary minus or a '^'. */
    private void enter(Token opener) {
        if (++depth > Formula.MAX_DEPTH) {
            throw error(opener, "the formula nests deeper than " + Formula.MAX_DEPTH + " levels");
        }
    }

    private void advance() {
        token = lexer.next();
    }

    private FormulaParseException error(Token at, String message) {
        return new FormulaParseException(text, at.column(), message);
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
