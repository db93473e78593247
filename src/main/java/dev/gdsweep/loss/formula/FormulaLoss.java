package dev.gdsweep.loss.formula;

import dev.gdsweep.loss.LaneLoss;
import dev.gdsweep.loss.Loss;
import dev.gdsweep.loss.Minimum;
import java.util.List;

/**
 * A {@link Loss} given by a {@link Formula}: weight k is the formula's k-th variable.
 *
 * <p>The gradient is exact up to rounding: reverse-mode automatic differentiation over the compiled
 * tape (a forward pass stores each operation's value and local derivatives, a backward pass
 * accumulates adjoints), not finite differences. As a {@link LaneLoss} it also evaluates many weight
 * vectors in one call, each operation a loop over them, with results bit for bit those of
 * {@link #valueAndGradient}. None of {@link #value}, {@link #valueAndGradient} and
 * {@link #valuesAndGradients} allocates (the last once its buffers fit the largest lane count seen);
 * they interpret flat arrays with buffers owned by this instance, so an instance is <b>not
 * thread-safe</b>: give each thread its own {@link #copy()}.
 *
 * <h2>Values and derivatives at awkward points</h2>
 *
 * No weights make it throw: values follow {@link Math} and IEEE 754, and a NaN or infinite value or
 * gradient marks the run as diverged, like that of any other loss. Where a derivative is undefined:
 *
 * <ul>
 *   <li>{@code abs'(0) = 0} (a subgradient, so a run that lands on the kink can converge).
 *   <li>{@code sqrt'(0) = +Infinity} (also at -0.0); {@code asin'(±1) = +Infinity},
 *       {@code acos'(±1) = -Infinity}.
 *   <li>{@code log} of a negative number is NaN (its derivative is computed as 1/x, but the value is
 *       already NaN); {@code log(0) = -Infinity} with derivative +Infinity. {@code log1p} likewise
 *       below and at -1.
 *   <li>{@code x / 0} is ±Infinity (NaN for 0/0), with derivatives 1/y and -(x/y)/y.
 *   <li>{@code min} and {@code max} pick the first argument on ties, and the derivative goes to the
 *       picked argument only (1 to it, 0 to the other); a NaN argument is picked, so NaN propagates.
 *   <li>{@code a^b} and {@code pow(a, b)} are the same operation, valued by {@link Math#pow}, so
 *       {@code 0^0 = 1}. With a constant exponent c (after folding, e.g. {@code x^-1},
 *       {@code x^(1/2)}) there is no derivative wrt the exponent: {@code x^2} is compiled to
 *       {@code x*x} with derivative {@code 2x}, {@code x^1} to x, {@code x^0} to the constant 1, and
 *       otherwise d/dx = c·x^(c−1), which is exact and never NaN for an integer c and a negative x
 *       ({@code x^3} at -2 has derivative 12). When the exponent depends on a variable:
 *       d/da = b·a^(b−1) (0 when b = 0); d/db = a^b·ln a for a &gt; 0, 0 for a = 0 and b &gt; 0, and NaN
 *       otherwise (a &lt; 0, or a = 0 with b ≤ 0, where a^b is not differentiable in b).
 *   <li><b>A zero factor wins in the backward pass</b>: when an adjoint or a local derivative is exactly
 *       0, the product passed back is 0 even if the other factor is infinite or NaN. So a branch that
 *       {@code min}/{@code max} did not take, or a term multiplied by 0, contributes nothing; and
 *       {@code sqrt(x^2 + y^2)} at the origin has gradient 0 (as {@code 2x = 0} stops sqrt's infinite
 *       derivative), while {@code sqrt(x)} at 0 still has +Infinity.
 * </ul>
 *
 * <p>Constant subexpressions are folded when the formula is compiled, with the same operations;
 * repeated subexpressions are computed once; {@code (a - b)^2} is a single operation. None of these
 * changes a result.
 *
 * <p>Kept whole on purpose, though long: most of it is the scalar forward and backward pass, written as
 * one method over this instance's flat arrays so that the JIT compiles it as a unit and a call on a
 * small formula costs little (see {@link #valueAndGradient}); the rest is the rules above, which that
 * pass implements and the lane path ({@link LaneInterpreter}) must match bit for bit.
 */
public final class FormulaLoss implements LaneLoss {

    private final Formula formula;
    private final List<Minimum> knownMinima;
    // The tape's fields, copied here so that the hot loops read a single object.
    private final int dimension;
    private final int firstOp;
    private final int sink;
    private final int root;
    private final int[] op;
    private final int[] left;
    private final int[] right;
    /** Slot values: variables, then constants (set once), then operation results. */
    private final double[] values;
    /** Each operation's derivative wrt its left and right operand, from the last forward pass. */
    private final double[] leftPartials;
    private final double[] rightPartials;
    /** ∂result/∂slot. */
    private final double[] adjoints;
    /** The same tape over many lanes at once, with buffers of its own. */
    private final LaneInterpreter lanes;
    /** One lane's weights and gradient, for the lanes it hands back to the scalar path. */
    private final double[] lanePoint;
    private final double[] lanePointGradient;

    /** A loss of {@code formula} with no known minima. */
    public FormulaLoss(Formula formula) {
        this(formula, List.of());
    }

    /**
     * A loss of {@code formula}.
     *
     * @param knownMinima minima to label basins with (see {@link Loss#knownMinima()}); each point must
     *     have one coordinate per variable
     * @throws IllegalArgumentException if the formula has no variables or a minimum's dimension is wrong
     */
    public FormulaLoss(Formula formula, List<Minimum> knownMinima) {
        this.formula = formula;
        this.knownMinima = List.copyOf(knownMinima);
        Tape tape = formula.tape();
        this.dimension = tape.dimension;
        if (dimension < 1) {
            throw new IllegalArgumentException("a formula loss needs at least one variable: " + formula);
        }
        for (Minimum m : this.knownMinima) {
            if (m.point().length != dimension) {
                throw new IllegalArgumentException("known minimum " + m + " has dimension " + m.point().length
                        + ", but the formula has " + dimension + " variables " + formula.variables());
            }
        }
        this.firstOp = tape.firstOp;
        this.sink = tape.sink;
        this.root = tape.root;
        this.op = tape.op;
        this.left = tape.left;
        this.right = tape.right;
        this.values = tape.values.clone();
        this.leftPartials = tape.leftPartials.clone();
        this.rightPartials = tape.rightPartials.clone();
        this.adjoints = new double[tape.size()];
        this.lanes = new LaneInterpreter(tape);
        this.lanePoint = new double[dimension];
        this.lanePointGradient = new double[dimension];
    }

    /** A new instance with its own buffers, for another thread; cheap (no parsing). */
    public FormulaLoss copy() {
        return new FormulaLoss(formula, knownMinima);
    }

    public Formula formula() {
        return formula;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<Minimum> knownMinima() {
        return knownMinima;
    }

    @Override
    public double value(double[] w) {
        final int d = dimension;
        checkLength("w", w, d);
        final double[] v = values;
        for (int k = 0; k < d; k++) {
            v[k] = w[k];
        }
        for (int i = firstOp; i < sink; i++) {
            v[i] = Op.value(op[i], v[left[i]], v[right[i]]);
        }
        return v[root];
    }

    /**
     * One forward pass storing each operation's value and its local derivatives, then one backward
     * pass from the result to the variables. Written as one method with plain loops (no
     * {@code arraycopy}, no {@code fill}): for formulas of a few operations the fixed cost per call
     * matters as much as the cost per operation.
     */
    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        final int d = dimension;
        // Checked up front: failing halfway through would leave the adjoints dirty for the next call.
        checkLength("w", w, d);
        checkLength("gradient", gradient, d);
        final double[] v = values;
        final double[] pl = leftPartials;
        final double[] pr = rightPartials;
        final int[] ops = op;
        final int[] l = left;
        final int[] r = right;
        for (int k = 0; k < d; k++) {
            v[k] = w[k];
        }

        // Forward. The values must be those of Op.value; add, sub and neg keep the tape's preset
        // derivatives, unary operations never write pr.
        for (int i = firstOp, end = sink; i < end; i++) {
            final double x = v[l[i]];
            switch (ops[i]) {
                case Op.NEG:
                    v[i] = -x;
                    break;
                case Op.ADD:
                    v[i] = x + v[r[i]];
                    break;
                case Op.SUB:
                    v[i] = x - v[r[i]];
                    break;
                case Op.MUL: {
                    double y = v[r[i]];
                    v[i] = x * y;
                    pl[i] = y;
                    pr[i] = x;
                    break;
                }
                case Op.DIV: {
                    double y = v[r[i]];
                    double q = x / y;
                    v[i] = q;
                    pl[i] = 1 / y;
                    pr[i] = -q / y;
                    break;
                }
                case Op.SQUARE:
                    v[i] = x * x;
                    pl[i] = 2 * x;
                    break;
                case Op.SQUARED_DIFFERENCE: {
                    double diff = x - v[r[i]];
                    v[i] = diff * diff;
                    pl[i] = 2 * diff;
                    pr[i] = -2 * diff;
                    break;
                }
                case Op.POW_CONST: {
                    double c = v[r[i]];
                    v[i] = Math.pow(x, c);
                    pl[i] = c * Math.pow(x, c - 1); // c is never 0, 1 or 2: the builder compiles those away
                    break;
                }
                case Op.POW: {
                    double y = v[r[i]];
                    double p = Math.pow(x, y);
                    v[i] = p;
                    pl[i] = Op.powBaseDerivative(x, y);
                    pr[i] = Op.powExponentDerivative(x, y, p);
                    break;
                }
                case Op.SIN:
                    v[i] = Math.sin(x);
                    pl[i] = Math.cos(x);
                    break;
                case Op.COS:
                    v[i] = Math.cos(x);
                    pl[i] = -Math.sin(x);
                    break;
                case Op.TAN: {
                    double t = Math.tan(x);
                    v[i] = t;
                    pl[i] = 1 + t * t;
                    break;
                }
                case Op.ASIN:
                    v[i] = Math.asin(x);
                    pl[i] = 1 / Math.sqrt((1 - x) * (1 + x)); // (1-x)(1+x): no cancellation near ±1
                    break;
                case Op.ACOS:
                    v[i] = Math.acos(x);
                    pl[i] = -1 / Math.sqrt((1 - x) * (1 + x));
                    break;
                case Op.ATAN:
                    v[i] = Math.atan(x);
                    pl[i] = 1 / (1 + x * x);
                    break;
                case Op.SINH:
                    v[i] = Math.sinh(x);
                    pl[i] = Math.cosh(x);
                    break;
                case Op.COSH:
                    v[i] = Math.cosh(x);
                    pl[i] = Math.sinh(x);
                    break;
                case Op.TANH: {
                    double t = Math.tanh(x);
                    v[i] = t;
                    pl[i] = 1 - t * t;
                    break;
                }
                case Op.EXP: {
                    double ex = Math.exp(x);
                    v[i] = ex;
                    pl[i] = ex;
                    break;
                }
                case Op.LOG:
                    v[i] = Math.log(x);
                    pl[i] = 1 / x;
                    break;
                case Op.LOG1P:
                    v[i] = Math.log1p(x);
                    pl[i] = 1 / (1 + x);
                    break;
                case Op.SQRT: {
                    double s = Math.sqrt(x);
                    v[i] = s;
                    pl[i] = 0.5 / (s + 0.0); // + 0.0 turns sqrt(-0.0) = -0.0 into +0.0: +Infinity at ±0
                    break;
                }
                case Op.ABS:
                    v[i] = Math.abs(x);
                    pl[i] = Math.signum(x); // 0 at ±0, NaN for NaN
                    break;
                case Op.MIN: {
                    double y = v[r[i]];
                    boolean first = Op.minPicksFirst(x, y);
                    v[i] = first ? x : y;
                    pl[i] = first ? 1 : 0;
                    pr[i] = first ? 0 : 1;
                    break;
                }
                case Op.MAX: {
                    double y = v[r[i]];
                    boolean first = Op.maxPicksFirst(x, y);
                    v[i] = first ? x : y;
                    pl[i] = first ? 1 : 0;
                    pr[i] = first ? 0 : 1;
                    break;
                }
                default:
                    throw new IllegalStateException("unknown opcode " + ops[i]);
            }
        }

        // Backward. Every adjoint is 0 on entry; each is reset once read, so no fill is needed.
        final double[] adj = adjoints;
        adj[root] = 1.0;
        for (int i = sink - 1; i >= firstOp; i--) {
            final double g = adj[i];
            adj[i] = 0;
            final double pa = pl[i];
            final double pb = pr[i];
            double da = g * pa;
            double db = g * pb;
            // NaN here can only be 0 times ±Infinity (or a real NaN): a zero factor wins, see above.
            if (da != da && (g == 0 || pa == 0)) {
                da = 0;
            }
            if (db != db && (g == 0 || pb == 0)) {
                db = 0;
            }
            adj[l[i]] += da;
            adj[r[i]] += db; // unary operations add 0 (or junk) to the sink
        }
        for (int k = 0; k < d; k++) {
            gradient[k] = adj[k];
        }
        // Variables, constants (never read, but keep them from growing) and the sink back to 0.
        for (int k = 0; k < firstOp; k++) {
            adj[k] = 0;
        }
        adj[sink] = 0;
        return v[root];
    }

    /**
     * Every lane's value and gradient, bit for bit those of {@link #valueAndGradient}: the tape is
     * interpreted once for all lanes, each operation a loop over them. Buffers grow to the largest
     * {@code lanes} seen and are then reused, so steady-state calls allocate nothing.
     */
    @Override
    public void valuesAndGradients(int lanes, double[][] w, double[][] gradient, double[] values) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, got " + lanes);
        }
        checkRows("w", w, lanes);
        checkRows("gradient", gradient, lanes);
        checkLaneLength("values", values, lanes, lanes);
        this.lanes.valuesAndGradients(lanes, w, gradient, values);
        if (this.lanes.anyLaneNeedsScalarPath(lanes)) {
            for (int l = 0; l < lanes; l++) {
                if (this.lanes.needsScalarPath(l)) {
                    recomputeLane(l, w, gradient, values);
                }
            }
        }
    }

    /** Lane {@code lane} again through {@link #valueAndGradient}, which applies every rule exactly. */
    private void recomputeLane(int lane, double[][] w, double[][] gradient, double[] values) {
        final double[] point = lanePoint;
        final double[] laneGradient = lanePointGradient;
        for (int k = 0; k < dimension; k++) {
            point[k] = w[k][lane];
        }
        values[lane] = valueAndGradient(point, laneGradient);
        for (int k = 0; k < dimension; k++) {
            gradient[k][lane] = laneGradient[k];
        }
    }

    private static void checkLength(String name, double[] array, int dimension) {
        if (array.length < dimension) {
            throw new IllegalArgumentException(name + " has length " + array.length + ", the formula has "
                    + dimension + " variables");
        }
    }

    private void checkRows(String name, double[][] rows, int lanes) {
        if (rows.length < dimension) {
            throw new IllegalArgumentException(name + " has " + rows.length + " rows, the formula has "
                    + dimension + " variables");
        }
        for (int k = 0; k < dimension; k++) {
            if (rows[k].length < lanes) { // the message only then: no allocation on the common path
                checkLaneLength(name + "[" + k + "]", rows[k], lanes, lanes);
            }
        }
    }

    private static void checkLaneLength(String name, double[] array, int required, int lanes) {
        if (array.length < required) {
            throw new IllegalArgumentException(name + " has length " + array.length + ", " + lanes
                    + " lanes need " + required);
        }
    }

    @Override
    public String toString() {
        return "formula " + formula.text() + " over " + formula.variables();
    }
}
