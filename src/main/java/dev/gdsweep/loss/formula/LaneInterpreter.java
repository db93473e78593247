package dev.gdsweep.loss.formula;

import java.util.Arrays;

/**
 * Evaluates a {@link Tape} for many weight vectors ("lanes") at once: each operation runs as one
 * tight loop over the lanes, so the interpreter's dispatch is paid once per operation rather than once
 * per operation and lane, and the simple loops are ones the JIT can unroll or vectorise.
 *
 * <p>Every lane gets exactly the operations of {@link FormulaLoss#valueAndGradient} in the same
 * order, so its value and gradient are bit for bit the scalar ones. Two kinds of work are skipped
 * because no result depends on them: adjoints of constants (never read), and stored local derivatives
 * that are a value already at hand (mul's operands, 2x for a square).
 *
 * <p>Each slot has its own row of {@code capacity} doubles (a row per slot rather than one flat
 * array, so that a loop reads and writes distinct arrays at the same index, which the JIT can prove
 * free of overlap). Rows are allocated for the largest lane count seen and reused; not thread-safe.
 */
final class LaneInterpreter {

    private final int dimension;
    private final int firstOp;
    private final int sink;
    private final int root;
    private final int[] op;
    private final int[] left;
    private final int[] right;
    private final double[] constants;
    /** Whether an operation's operand is a variable or an operation, whose adjoint someone reads. */
    private final boolean[] leftNeedsAdjoint;
    private final boolean[] rightNeedsAdjoint;

    private int capacity;
    /** Per slot, its value in each lane: variables, constants (repeated), operation results. */
    private double[][] values;
    /** Per operation, a local derivative it stores for the backward pass (only some operations do). */
    private double[][] leftPartials;
    private double[][] rightPartials;
    /** Per slot, ∂result/∂slot in each lane; all 0 between calls. */
    private double[][] adjoints;

    LaneInterpreter(Tape tape) {
        this.dimension = tape.dimension;
        this.firstOp = tape.firstOp;
        this.sink = tape.sink;
        this.root = tape.root;
        this.op = tape.op;
        this.left = tape.left;
        this.right = tape.right;
        this.constants = tape.values;
        this.leftNeedsAdjoint = new boolean[sink];
        this.rightNeedsAdjoint = new boolean[sink];
        for (int i = firstOp; i < sink; i++) {
            leftNeedsAdjoint[i] = needsAdjoint(left[i]);
            rightNeedsAdjoint[i] = !Op.isUnary(op[i]) && needsAdjoint(right[i]);
        }
        this.values = new double[0][];
        this.leftPartials = values;
        this.rightPartials = values;
        this.adjoints = values;
    }

    private boolean needsAdjoint(int slot) {
        return slot < dimension || slot >= firstOp;
    }

    /** See {@link dev.gdsweep.loss.LaneLoss#valuesAndGradients}. */
    void valuesAndGradients(int lanes, double[] w, double[] gradient, double[] results) {
        ensureCapacity(lanes);
        final double[][] v = values;
        for (int k = 0; k < dimension; k++) {
            final double[] row = v[k];
            final int offset = k * lanes;
            for (int l = 0; l < lanes; l++) {
                row[l] = w[offset + l];
            }
        }
        forward(lanes);
        backward(lanes);
        final double[][] adj = adjoints;
        for (int k = 0; k < dimension; k++) {
            final double[] row = adj[k];
            final int offset = k * lanes;
            for (int l = 0; l < lanes; l++) {
                gradient[offset + l] = row[l];
                row[l] = 0;
            }
        }
        final double[] result = v[root];
        for (int l = 0; l < lanes; l++) {
            results[l] = result[l];
        }
        if (root >= dimension && root < firstOp) {
            // A constant formula: its root's adjoint was seeded but no operation read it.
            Arrays.fill(adj[root], 0, lanes, 0.0);
        }
    }

    private void ensureCapacity(int lanes) {
        if (lanes <= capacity) {
            return;
        }
        // The sink too: a unary operation's unused right operand must still index a row.
        int slots = sink + 1;
        values = new double[slots][lanes];
        leftPartials = new double[slots][];
        rightPartials = new double[slots][];
        adjoints = new double[slots][lanes];
        for (int s = dimension; s < firstOp; s++) {
            Arrays.fill(values[s], constants[s]);
        }
        for (int i = firstOp; i < sink; i++) {
            if (storesLeftPartial(op[i])) {
                leftPartials[i] = new double[lanes];
            }
            if (storesRightPartial(op[i])) {
                rightPartials[i] = new double[lanes];
            }
        }
        capacity = lanes;
    }

    /** Whether the forward loop of {@code op} stores its derivative wrt the left operand. */
    private static boolean storesLeftPartial(int op) {
        return !(op == Op.NEG || op == Op.ADD || op == Op.SUB || op == Op.MUL || op == Op.SQUARE);
    }

    private static boolean storesRightPartial(int op) {
        return op == Op.DIV || op == Op.POW || op == Op.MIN || op == Op.MAX;
    }

    /** The values of {@link Op#value} and the local derivatives of the scalar forward pass, lane by lane. */
    private void forward(int lanes) {
        final double[][] v = values;
        for (int i = firstOp; i < sink; i++) {
            final double[] out = v[i];
            final double[] x = v[left[i]];
            final double[] y = Op.isUnary(op[i]) ? null : v[right[i]];
            final double[] pl = leftPartials[i];
            final double[] pr = rightPartials[i];
            switch (op[i]) {
                case Op.NEG -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = -x[l];
                    }
                }
                case Op.ADD -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] + y[l];
                    }
                }
                case Op.SUB -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] - y[l];
                    }
                }
                case Op.MUL -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] * y[l];
                    }
                }
                case Op.DIV -> {
                    for (int l = 0; l < lanes; l++) {
                        double b = y[l];
                        double q = x[l] / b;
                        out[l] = q;
                        pl[l] = 1 / b;
                        pr[l] = -q / b;
                    }
                }
                case Op.SQUARE -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = x[l] * x[l];
                    }
                }
                case Op.SQUARED_DIFFERENCE -> {
                    for (int l = 0; l < lanes; l++) {
                        double diff = x[l] - y[l];
                        out[l] = diff * diff;
                        pl[l] = 2 * diff;
                    }
                }
                case Op.POW_CONST -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double c = y[l];
                        out[l] = Math.pow(a, c);
                        pl[l] = c * Math.pow(a, c - 1);
                    }
                }
                case Op.POW -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double b = y[l];
                        double p = Math.pow(a, b);
                        out[l] = p;
                        pl[l] = Op.powBaseDerivative(a, b);
                        pr[l] = Op.powExponentDerivative(a, b, p);
                    }
                }
                case Op.SIN -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.sin(x[l]);
                        pl[l] = Math.cos(x[l]);
                    }
                }
                case Op.COS -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.cos(x[l]);
                        pl[l] = -Math.sin(x[l]);
                    }
                }
                case Op.TAN -> {
                    for (int l = 0; l < lanes; l++) {
                        double t = Math.tan(x[l]);
                        out[l] = t;
                        pl[l] = 1 + t * t;
                    }
                }
                case Op.ASIN -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        out[l] = Math.asin(a);
                        pl[l] = 1 / Math.sqrt((1 - a) * (1 + a));
                    }
                }
                case Op.ACOS -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        out[l] = Math.acos(a);
                        pl[l] = -1 / Math.sqrt((1 - a) * (1 + a));
                    }
                }
                case Op.ATAN -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        out[l] = Math.atan(a);
                        pl[l] = 1 / (1 + a * a);
                    }
                }
                case Op.SINH -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.sinh(x[l]);
                        pl[l] = Math.cosh(x[l]);
                    }
                }
                case Op.COSH -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.cosh(x[l]);
                        pl[l] = Math.sinh(x[l]);
                    }
                }
                case Op.TANH -> {
                    for (int l = 0; l < lanes; l++) {
                        double t = Math.tanh(x[l]);
                        out[l] = t;
                        pl[l] = 1 - t * t;
                    }
                }
                case Op.EXP -> {
                    for (int l = 0; l < lanes; l++) {
                        double ex = Math.exp(x[l]);
                        out[l] = ex;
                        pl[l] = ex;
                    }
                }
                case Op.LOG -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.log(x[l]);
                        pl[l] = 1 / x[l];
                    }
                }
                case Op.LOG1P -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.log1p(x[l]);
                        pl[l] = 1 / (1 + x[l]);
                    }
                }
                case Op.SQRT -> {
                    for (int l = 0; l < lanes; l++) {
                        double s = Math.sqrt(x[l]);
                        out[l] = s;
                        pl[l] = 0.5 / (s + 0.0);
                    }
                }
                case Op.ABS -> {
                    for (int l = 0; l < lanes; l++) {
                        out[l] = Math.abs(x[l]);
                        pl[l] = Math.signum(x[l]);
                    }
                }
                case Op.MIN -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double b = y[l];
                        boolean first = Op.minPicksFirst(a, b);
                        out[l] = first ? a : b;
                        pl[l] = first ? 1 : 0;
                        pr[l] = first ? 0 : 1;
                    }
                }
                case Op.MAX -> {
                    for (int l = 0; l < lanes; l++) {
                        double a = x[l];
                        double b = y[l];
                        boolean first = Op.maxPicksFirst(a, b);
                        out[l] = first ? a : b;
                        pl[l] = first ? 1 : 0;
                        pr[l] = first ? 0 : 1;
                    }
                }
                default -> throw new IllegalStateException("unknown opcode " + op[i]);
            }
        }
    }

    /**
     * Adjoints from the result down to the variables, operation by operation in the scalar order, each
     * contribution {@link Op#chain}ed exactly as the scalar pass does (a zero factor wins).
     */
    private void backward(int lanes) {
        final double[][] v = values;
        final double[][] adj = adjoints;
        final double[] seed = adj[root];
        for (int l = 0; l < lanes; l++) {
            seed[l] = 1.0;
        }
        for (int i = sink - 1; i >= firstOp; i--) {
            final double[] g = adj[i];
            final boolean toLeft = leftNeedsAdjoint[i];
            final boolean toRight = rightNeedsAdjoint[i];
            final double[] ga = adj[left[i]];
            final double[] gb = adj[right[i]];
            switch (op[i]) {
                case Op.NEG -> {
                    // g·(−1) is never NaN unless g is: no zero factor to consider.
                    for (int l = 0; l < lanes; l++) {
                        ga[l] += g[l] * -1.0;
                    }
                }
                case Op.ADD -> {
                    if (toLeft) {
                        for (int l = 0; l < lanes; l++) {
                            ga[l] += g[l] * 1.0;
                        }
                    }
                    if (toRight) {
                        for (int l = 0; l < lanes; l++) {
                            gb[l] += g[l] * 1.0;
                        }
                    }
                }
                case Op.SUB -> {
                    if (toLeft) {
                        for (int l = 0; l < lanes; l++) {
                            ga[l] += g[l] * 1.0;
                        }
                    }
                    if (toRight) {
                        for (int l = 0; l < lanes; l++) {
                            gb[l] += g[l] * -1.0;
                        }
                    }
                }
                case Op.MUL -> {
                    // ∂(xy)/∂x = y and ∂(xy)/∂y = x: the operands' values are the local derivatives.
                    if (toLeft) {
                        chainInto(ga, g, v[right[i]], lanes);
                    }
                    if (toRight) {
                        chainInto(gb, g, v[left[i]], lanes);
                    }
                }
                case Op.SQUARE -> {
                    final double[] x = v[left[i]];
                    for (int l = 0; l < lanes; l++) {
                        ga[l] += Op.chain(g[l], 2 * x[l]);
                    }
                }
                case Op.SQUARED_DIFFERENCE -> {
                    // ∂/∂y = −2(x − y), stored as −(∂/∂x): the same number, 2d and −2d differ in sign only.
                    final double[] pl = leftPartials[i];
                    if (toLeft) {
                        chainInto(ga, g, pl, lanes);
                    }
                    if (toRight) {
                        for (int l = 0; l < lanes; l++) {
                            gb[l] += Op.chain(g[l], -pl[l]);
                        }
                    }
                }
                default -> {
                    // Operations whose forward loop stored their local derivatives.
                    if (toLeft) {
                        chainInto(ga, g, leftPartials[i], lanes);
                    }
                    if (toRight) {
                        chainInto(gb, g, rightPartials[i], lanes);
                    }
                }
            }
            for (int l = 0; l < lanes; l++) {
                g[l] = 0;
            }
        }
    }

    private static void chainInto(double[] adjoint, double[] g, double[] partial, int lanes) {
        for (int l = 0; l < lanes; l++) {
            adjoint[l] += Op.chain(g[l], partial[l]);
        }
    }
}
