package dev.gdsweep.loss.formula;

/**
 * The tape's opcodes and the values they compute.
 *
 * <p>Plain consecutive {@code int}s rather than an enum, so that the interpreter's switch compiles to
 * a jump table over the opcode array with no indirection. {@link #value} is the single definition of
 * each operation's value: constant folding and {@link FormulaLoss#value} both use it, and
 * {@link FormulaLoss#valueAndGradient} computes the same expressions.
 */
final class Op {

    static final int NEG = 0;
    static final int ADD = 1;
    static final int SUB = 2;
    static final int MUL = 3;
    static final int DIV = 4;
    /** x^2 as x*x: exact, and its derivative 2x is exact for negative x too. */
    static final int SQUARE = 5;
    /** x^c with a constant exponent c (held in the second operand's slot): no derivative wrt c. */
    static final int POW_CONST = 6;
    /** a^b with an exponent that depends on a variable. */
    static final int POW = 7;
    static final int SIN = 8;
    static final int COS = 9;
    static final int TAN = 10;
    static final int ASIN = 11;
    static final int ACOS = 12;
    static final int ATAN = 13;
    static final int SINH = 14;
    static final int COSH = 15;
    static final int TANH = 16;
    static final int EXP = 17;
    static final int LOG = 18;
    static final int LOG1P = 19;
    static final int SQRT = 20;
    static final int ABS = 21;
    static final int MIN = 22;
    static final int MAX = 23;
    /**
     * (x − y)^2 in one step: squared residuals are the commonest shape of a loss, and one operation
     * instead of two halves the interpreter's work on them. Only the builder emits it.
     */
    static final int SQUARED_DIFFERENCE = 24;

    private static final String[] NAMES = {
        "neg", "add", "sub", "mul", "div", "square", "pow_const", "pow", "sin", "cos", "tan", "asin", "acos",
        "atan", "sinh", "cosh", "tanh", "exp", "log", "log1p", "sqrt", "abs", "min", "max", "sqdiff"
    };

    private Op() {}

    static String name(int op) {
        return NAMES[op];
    }

    /** Whether {@code op} takes one operand (its second operand slot is unused). */
    static boolean isUnary(int op) {
        return !(op == ADD || op == SUB || op == MUL || op == DIV || op == POW_CONST || op == POW
                || op == MIN || op == MAX || op == SQUARED_DIFFERENCE);
    }

    /** The value of {@code op} applied to {@code x} (and {@code y} for binary operations). */
    static double value(int op, double x, double y) {
        switch (op) {
            case NEG: return -x;
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case SQUARE: return x * x;
            case POW_CONST:
            case POW: return Math.pow(x, y);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TAN: return Math.tan(x);
            case ASIN: return Math.asin(x);
            case ACOS: return Math.acos(x);
            case ATAN: return Math.atan(x);
            case SINH: return Math.sinh(x);
            case COSH: return Math.cosh(x);
            case TANH: return Math.tanh(x);
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case LOG1P: return Math.log1p(x);
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case MIN: return minPicksFirst(x, y) ? x : y;
            case MAX: return maxPicksFirst(x, y) ? x : y;
            case SQUARED_DIFFERENCE: {
                double d = x - y;
                return d * d;
            }
            default: throw new IllegalArgumentException("unknown opcode " + op);
        }
    }

    /** min picks its first argument on ties, and whichever argument is NaN, so NaN propagates. */
    static boolean minPicksFirst(double x, double y) {
        return x <= y || x != x;
    }

    /** max picks its first argument on ties, and whichever argument is NaN, so NaN propagates. */
    static boolean maxPicksFirst(double x, double y) {
        return x >= y || x != x;
    }

    /**
     * One contribution of the backward pass, adjoint × local derivative, except that a zero factor
     * wins: 0 where the product is NaN because one factor is 0 (and the other infinite or NaN).
     */
    static double chain(double adjoint, double partial) {
        double product = adjoint * partial;
        return product != product && (adjoint == 0 || partial == 0) ? 0.0 : product;
    }

    /** ∂(x^y)/∂x = y·x^(y−1), and 0 when y = 0 (x^0 is 1 everywhere); never NaN for an integer y. */
    static double powBaseDerivative(double x, double y) {
        return y == 0 ? 0.0 : y * Math.pow(x, y - 1);
    }

    /**
     * ∂(x^y)/∂y = x^y·ln x for x &gt; 0; 0 for x = 0 and y &gt; 0 (0^y is 0 for every y &gt; 0); NaN
     * otherwise (x &lt; 0: x^y is not real for y near an integer; x = 0, y ≤ 0: 0^y jumps to 1 or ∞).
     */
    static double powExponentDerivative(double x, double y, double power) {
        if (x > 0) {
            return power * Math.log(x);
        }
        return x == 0 && y > 0 ? 0.0 : Double.NaN;
    }
}
